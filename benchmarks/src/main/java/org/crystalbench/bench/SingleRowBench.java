package org.crystalbench.bench;

import java.util.concurrent.TimeUnit;
import org.crystalbench.features.FeatureEncoder;
import org.crystalbench.models.Model;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-row latency including feature encoding: the raw cells of one row (numbers and category
 * strings) in, a class out, as a service predicting one material at a time would call it. The row
 * changes on every call (cycling through the test split), so neither the JIT nor the branch
 * predictor sees one constant input. The probability buffer is reused, as the harness does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class SingleRowBench {
    @Param({"DNN", "DNN-smile", "SVM", "LR", "NB", "Voting", "Voting-soft", "RF", "GBT"})
    public String model;

    private FeatureEncoder encoder;
    private Model fitted;
    private double[][] numeric;
    private String[][] categorical;
    private double[] probabilities;
    private int next;

    @Setup(Level.Trial)
    public void setup() {
        Fixture f = Fixture.shared();
        encoder = f.encoder;
        fitted = f.fitted(model);
        int[] test = f.split.test();
        numeric = new double[test.length][];
        categorical = new String[test.length][];
        for (int i = 0; i < test.length; i++) {
            numeric[i] = f.data.numericRow(test[i]);
            categorical[i] = f.data.categorical()[test[i]];
        }
        probabilities = new double[f.classes];
    }

    @Benchmark
    public int predictRow() {
        int i = next;
        next = i + 1 == numeric.length ? 0 : i + 1;
        return fitted.predict(encoder.transform(numeric[i], categorical[i]), probabilities);
    }
}
