package org.crystalbench.bench;

import java.util.concurrent.TimeUnit;
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
 * Training cost: one fit of a model on the fixed stratified 8:2 training split (271 encoded rows of
 * the real schema), exactly as a run fits it, seed included. The data, split and encoding are made
 * once per fork in {@link #setup}, outside the measurement. A voting model fits its three members
 * (a run reuses them instead; this is what a voting model costs on its own).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class TrainBench {
    @Param({"DNN", "DNN-smile", "SVM", "LR", "NB", "Voting", "Voting-soft", "RF", "GBT"})
    public String model;

    private Fixture fixture;

    @Setup(Level.Trial)
    public void setup() {
        fixture = Fixture.shared();
        fixture.spec(model); // fail fast on a model the config lacks
    }

    @Benchmark
    public Model fit() {
        return fixture.fit(model);
    }
}
