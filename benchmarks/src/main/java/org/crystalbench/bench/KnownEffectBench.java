package org.crystalbench.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A slowdown of known size, to measure the regression check itself: the calibration kernel with
 * {@code factor} times its work (N^2 row updates of N multiply-adds, rounded to whole updates:
 * 4096, 4301 and 4506 for 1.00, 1.05 and 1.10, i.e. +5.005% and +10.01%). Comparing factor 1.05 or
 * 1.10 against 1.00 is a true regression; 1.00 against 1.00 is none (docs/performance.md). Not part
 * of {@code crystal-bench bench} unless named in {@code --include}: it measures the check, not the code.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class KnownEffectBench {
    @Param({"1.00", "1.05", "1.10"})
    public double factor;

    private double[][] a, b;
    private int extraSteps;

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(7);
        a = CalibrationBench.matrix(rng);
        b = CalibrationBench.matrix(rng);
        extraSteps = extraSteps(factor);
    }

    /** Row updates beyond the product's N^2 for {@code factor} times the work. */
    static int extraSteps(double factor) {
        if (!(factor >= 1)) throw new IllegalArgumentException("factor must be >= 1: " + factor);
        int n2 = CalibrationBench.N * CalibrationBench.N;
        return (int) Math.round(factor * n2) - n2;
    }

    @Benchmark
    public double[][] kernel() {
        return CalibrationBench.multiply(a, b, extraSteps);
    }
}
