package org.crystalbench.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.crystalbench.evaluation.FitPath;
import org.crystalbench.evaluation.SplitResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full protocol cell: {@code FitPath.evaluateAll} (what {@code run} does per unit) on one split, i.e. encoder fit, every
 * model of the config fitted (voting reusing its members) and scored on the test rows. A run is
 * (feature sets x splits) of these, so this is the number to multiply when sizing a run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class ProtocolCellBench {
    private Fixture fixture;

    @Setup(Level.Trial)
    public void setup() {
        fixture = Fixture.load();
    }

    @Benchmark
    public List<SplitResult> evaluate() throws Exception {
        return FitPath.evaluateAll(fixture.config.models(), fixture.config.seed(), fixture.data, fixture.featureSet,
                fixture.features, fixture.split);
    }
}
