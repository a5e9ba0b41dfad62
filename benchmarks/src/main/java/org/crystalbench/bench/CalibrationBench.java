package org.crystalbench.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Calibration: a fixed arithmetic kernel that never changes with the project's code, run with
 * every benchmark set so that {@code perf-check --normalize} can express scores in units of this
 * machine's speed. The kernel is a dense {@value #N}x{@value #N} matrix product (N^3 = 262,144
 * multiply-adds) in plain Java, loop order i-k-j so the JIT can vectorise the inner loop, like the
 * dense arithmetic of the models. Its score also gives the machine's multiply-add rate used to
 * estimate the MLP's arithmetic cost in docs/performance.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class CalibrationBench {
    public static final int N = 64;

    private double[][] a, b;

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(7);
        a = matrix(rng);
        b = matrix(rng);
    }

    @Benchmark
    public double[][] kernel() {
        return multiply(a, b, 0); // work factor 1.00: what perf-check --normalize divides by
    }

    /**
     * The product {@code a x b}, then {@code extraSteps} more row updates ({@code c[i] += a[i][k] *
     * b[k]}, N multiply-adds each, cycling through (i, k)); the product itself is N^2 such steps.
     * {@link KnownEffectBench} adds steps to make the work exactly 5% or 10% larger.
     */
    static double[][] multiply(double[][] a, double[][] b, int extraSteps) {
        double[][] c = new double[N][N];
        for (int i = 0; i < N; i++) {
            double[] ci = c[i], ai = a[i];
            for (int k = 0; k < N; k++) {
                double aik = ai[k];
                double[] bk = b[k];
                for (int j = 0; j < N; j++) ci[j] += aik * bk[j];
            }
        }
        for (int s = 0; s < extraSteps; s++) {
            int i = (s / N) % N, k = s % N;
            double aik = a[i][k];
            double[] ci = c[i], bk = b[k];
            for (int j = 0; j < N; j++) ci[j] += aik * bk[j];
        }
        return c;
    }

    /** Random N x N matrices in [-0.5, 0.5), the same for every fork. */
    static double[][] matrix(SplittableRandom rng) {
        double[][] m = new double[N][N];
        for (double[] row : m) {
            for (int j = 0; j < N; j++) row[j] = rng.nextDouble() - 0.5;
        }
        return m;
    }
}
