package org.crystalbench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.crystalbench.metrics.Scores;
import org.junit.jupiter.api.Test;

class GemmMlpTest {
    /** Three Gaussian blobs in 5 dimensions; rows alternate classes. */
    static double[][] blobs(int n, long seed, int[] y) {
        var rng = new SplittableRandom(seed);
        double[][] x = new double[n][5];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 5; j++) x[i][j] = rng.nextGaussian() * 0.7 + (j == y[i] ? 2 : 0) - (j == 4 && y[i] == 2 ? 2 : 0);
        }
        return x;
    }

    static double accuracy(MlpSpec spec) {
        int[] y = new int[300], yt = new int[150];
        double[][] x = blobs(300, 1, y), xt = blobs(150, 2, yt);
        Model m = spec.fit(x, y, 3, 5);
        int[] pred = new int[xt.length];
        double[] p = new double[3];
        for (int i = 0; i < xt.length; i++) {
            pred[i] = m.predict(xt[i], p);
            assertEquals(1.0, p[0] + p[1] + p[2], 1e-6); // Smile's MLP computes in float
            assertTrue(p[pred[i]] >= p[0] && p[pred[i]] >= p[1] && p[pred[i]] >= p[2]);
        }
        return Scores.of(yt, pred, 3).accuracy();
    }

    @Test
    void learnsSeparableClassesAsWellAsSmilesEngine() {
        var gemm = new MlpSpec("g", List.of(16, 8), 60, 16, 0.01, 0.9, 1e-4, MlpSpec.Engine.GEMM);
        var smile = new MlpSpec("s", List.of(16, 8), 60, 16, 0.01, 0.9, 1e-4, MlpSpec.Engine.SMILE);
        double g = accuracy(gemm), s = accuracy(smile);
        assertTrue(g > 0.9, "gemm accuracy " + g);
        assertTrue(g > s - 0.05, "gemm " + g + " vs smile " + s);
    }

    /** Rows with three in four inputs zero, as one-hot columns make them: the first layer takes its sparse path. */
    static double[][] sparseRows(int n, int p, long seed) {
        var rng = new SplittableRandom(seed);
        double[][] x = new double[n][p];
        for (double[] r : x) for (int j = 0; j < p; j++) r[j] = rng.nextInt(4) == 0 ? rng.nextGaussian() : 0;
        return x;
    }

    static double[][] denseRows(int n, int p, long seed) {
        var rng = new SplittableRandom(seed);
        double[][] x = new double[n][p];
        for (double[] r : x) for (int j = 0; j < p; j++) r[j] = rng.nextGaussian();
        return x;
    }

    /**
     * Backpropagation against central finite differences of the batch loss, for weights of every layer.
     * The network computes in single precision, so the step is 1e-3 and the tolerance 5e-4: rounding
     * noise in the differences is ~1e-5, while a wrong gradient is off by the gradient's own size.
     */
    void checkGradients(double[][] x, boolean sparse) {
        int n = x.length;
        int[] y = new int[n], order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = n - 1 - i;
            y[i] = i % 3;
        }
        var in = GemmMlp.Inputs.of(x);
        assertEquals(sparse, in.sparse());
        var net = new GemmMlp.Net(x[0].length, List.of(7, 4), 3, n, new SplittableRandom(2));
        net.gradients(in, y, order, 0);
        float eps = 1e-3f;
        double tol = 5e-4;
        for (int l = 1; l <= net.layers; l++) {
            float[] w = GemmMlp.data(net.w[l]);
            float[] g = GemmMlp.data(net.gw[l]).clone();
            int ld = net.w[l].ld();
            for (int r = 0; r < net.size[l]; r++) {
                for (int c = 0; c < net.size[l - 1]; c++) {
                    int at = c * ld + r;
                    float keep = w[at];
                    w[at] = keep + eps;
                    double up = net.gradients(in, y, order, 0);
                    w[at] = keep - eps;
                    double down = net.gradients(in, y, order, 0);
                    w[at] = keep;
                    assertEquals((up - down) / (2 * eps), g[at], tol, "layer " + l + " weight (" + r + "," + c + ")");
                }
            }
            float[] gb = net.gb[l].clone();
            for (int j = 0; j < net.size[l]; j++) {
                float keep = net.bias[l][j];
                net.bias[l][j] = keep + eps;
                double up = net.gradients(in, y, order, 0);
                net.bias[l][j] = keep - eps;
                double down = net.gradients(in, y, order, 0);
                net.bias[l][j] = keep;
                assertEquals((up - down) / (2 * eps), gb[j], tol, "layer " + l + " bias " + j);
            }
            net.gradients(in, y, order, 0); // restore the buffers for the next layer's reference gradient
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesOnDenseInputs() {
        checkGradients(denseRows(12, 5, 1), false);
    }

    @Test
    void gradientsMatchFiniteDifferencesOnSparseInputs() {
        checkGradients(sparseRows(12, 9, 1), true);
    }

    /** The sparse first layer is an optimisation only: same loss, gradients and fitted weights as the product. */
    @Test
    void sparsePathEqualsDensePath() {
        double[][] x = sparseRows(40, 11, 3);
        int[] y = new int[40], order = new int[40];
        for (int i = 0; i < 40; i++) {
            y[i] = (i * 7) % 3;
            order[i] = (i * 13) % 40;
        }
        var sparse = GemmMlp.Inputs.of(x);
        var dense = new GemmMlp.Inputs(sparse.rows(), null, null);
        var a = new GemmMlp.Net(11, List.of(6, 5), 3, 8, new SplittableRandom(4));
        var b = new GemmMlp.Net(11, List.of(6, 5), 3, 8, new SplittableRandom(4));
        for (int step = 0; step < 5; step++) {
            double la = a.gradients(sparse, y, order, step * 8), lb = b.gradients(dense, y, order, step * 8);
            assertEquals(lb, la, 1e-6);
            for (int l = 1; l <= a.layers; l++) {
                float[] ga = GemmMlp.data(a.gw[l]), gb = GemmMlp.data(b.gw[l]);
                for (int i = 0; i < ga.length; i++) assertEquals(gb[i], ga[i], 1e-6, "step " + step + " layer " + l);
            }
            a.update(0.05, 0.9, 0.999);
            b.update(0.05, 0.9, 0.999);
        }
    }

    /** The fitted model's prediction is the training network's forward pass (read back from a batch of one). */
    @Test
    void fittedPredictsWhatTheNetworkComputes() {
        double[][] x = sparseRows(6, 9, 5);
        int[] y = {0, 1, 2, 0, 1, 2};
        var in = GemmMlp.Inputs.of(x);
        var net = new GemmMlp.Net(9, List.of(7, 4), 3, 1, new SplittableRandom(6));
        int[] order = {0, 1, 2, 3, 4, 5};
        for (int s = 0; s < 6; s++) { // a few steps so that biases are not zero
            net.gradients(in, y, order, s);
            net.update(0.1, 0.9, 0.999);
        }
        var fitted = net.fitted();
        double[] p = new double[3];
        for (int r = 0; r < 6; r++) {
            net.gradients(in, y, order, r);
            float[] d = GemmMlp.data(net.delta[net.layers]); // (p - onehot) / 1
            fitted.predict(x[r], p);
            for (int c = 0; c < 3; c++) assertEquals(d[c] + (y[r] == c ? 1 : 0), p[c], 1e-5, "row " + r + " class " + c);
        }
    }

    /** An interrupted fit (a grid's --fit-timeout) stops at the next epoch instead of running on. */
    @Test
    void interruptedFitStops() throws InterruptedException {
        int[] y = new int[300];
        double[][] x = blobs(300, 1, y);
        var spec = new MlpSpec("g", List.of(64, 32), 1_000_000, 16, 0.01, 0.9, 1e-4, MlpSpec.Engine.GEMM); // hours of work
        var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        Thread t = new Thread(() -> {
            try {
                spec.fit(x, y, 3, 1);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        Thread.sleep(200);
        t.interrupt();
        t.join(60_000); // a liveness bound, not a speed target: an epoch here takes well under a millisecond
        assertFalse(t.isAlive(), "the fit ignored the interrupt");
        assertTrue(failure.get() instanceof java.util.concurrent.CancellationException, String.valueOf(failure.get()));
    }

    /** Smile's update: v = m v - lr g; w = (w + v) decay on weights; biases are not decayed. */
    @Test
    void updateFollowsSmilesMomentumAndDecayOrder() {
        var net = new GemmMlp.Net(2, List.of(), 2, 1, new SplittableRandom(1));
        float[] w = GemmMlp.data(net.w[1]), g = GemmMlp.data(net.gw[1]), v = GemmMlp.data(net.vw[1]);
        float w0 = w[0];
        v[0] = 0.5f;
        g[0] = 2;
        net.gb[1][0] = 2;
        net.vb[1][0] = 0.5f;
        net.update(0.1, 0.9, 0.99);
        assertEquals(0.9 * 0.5 - 0.1 * 2, v[0], 1e-7);
        assertEquals((w0 + 0.25) * 0.99, w[0], 1e-7);
        assertEquals(0.25, net.bias[1][0], 1e-7);
    }

    @Test
    void layoutsWithPaddedLeadingDimensionsTrain() {
        // Sizes such as 128 rows get a padded leading dimension in Smile's matrices.
        for (var hidden : List.of(List.of(128), List.of(130, 64, 32), List.of(3))) {
            for (int batch : new int[] {1, 7, 100, 1000}) {
                var spec = new MlpSpec("g", hidden, 3, batch, 0.01, 0.9, 0.0, MlpSpec.Engine.GEMM);
                assertTrue(accuracy(spec) >= 0, hidden + " batch " + batch);
            }
        }
    }
}
