package org.crystalbench.bench;

import java.util.concurrent.TimeUnit;
import org.crystalbench.models.Model;
import org.crystalbench.evaluation.FitPath;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Batch inference throughput in rows per second: encode a batch of raw test rows and predict them,
 * as a run scores its test split ({@code FeatureEncoder.transform} then {@code FitPath.predict}).
 * The batch is {@value #ROWS} rows cycling through the test split (68 rows at the real size), so one
 * invocation is long enough to time and {@code @OperationsPerInvocation} makes the score rows/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class BatchInferenceBench {
    static final int ROWS = 1024;

    @Param({"DNN", "DNN-smile", "SVM", "LR", "NB", "Voting", "Voting-soft", "RF", "GBT"})
    public String model;

    private Fixture fixture;
    private Model fitted;
    private int[] rows;

    @Setup(Level.Trial)
    public void setup() {
        fixture = Fixture.shared();
        fitted = fixture.fitted(model);
        rows = fixture.cycleTestRows(ROWS);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public int[] predictBatch() {
        double[][] x = fixture.encoder.transform(fixture.data, rows);
        return FitPath.predict(fitted, x);
    }
}
