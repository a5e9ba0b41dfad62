package org.crystalbench.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
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
     * Where a ReLU switches within the step the loss has a kink and no difference quotient to compare;
     * those parameters are skipped, and must stay few.
     */
    void checkGradients(double[][] x, boolean sparse, List<Integer> hidden) {
        int n = x.length;
        int[] y = new int[n], order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = n - 1 - i;
            y[i] = i % 3;
        }
        var in = GemmInputs.of(x);
        assertEquals(sparse, in.sparse());
        var net = new GemmNet(x[0].length, hidden, 3, n, new SplittableRandom(2));
        net.gradients(in, y, order, 0);
        BitSet active = active(net);
        double tol = 5e-4;
        int checked = 0, kinks = 0;
        for (int l = 1; l <= net.layers; l++) {
            float[][] g = new float[net.size[l - 1]][];
            for (int c = 0; c < g.length; c++) g[c] = net.gw[l][c].clone();
            for (int r = 0; r < net.size[l]; r++) {
                for (int c = 0; c < net.size[l - 1]; c++) {
                    double fd = centralDifference(net, in, y, order, net.w[l][c], r, active);
                    if (Double.isNaN(fd)) {
                        kinks++;
                        continue;
                    }
                    assertEquals(fd, g[c][r], tol, "layer " + l + " weight (" + r + "," + c + ")");
                    checked++;
                }
            }
            float[] gb = net.gb[l].clone();
            for (int j = 0; j < net.size[l]; j++) {
                double fd = centralDifference(net, in, y, order, net.bias[l], j, active);
                if (Double.isNaN(fd)) {
                    kinks++;
                    continue;
                }
                assertEquals(fd, gb[j], tol, "layer " + l + " bias " + j);
                checked++;
            }
            net.gradients(in, y, order, 0); // restore the buffers for the next layer's reference gradient
        }
        assertTrue(kinks * 20 < checked, kinks + " parameters at a kink, " + checked + " checked");
    }

    /** (loss(p + eps) - loss(p - eps)) / 2 eps for parameter {@code p[at]}; NaN if a ReLU switches on the way. */
    static double centralDifference(GemmNet net, GemmInputs in, int[] y, int[] order, float[] p, int at, BitSet active) {
        float eps = 1e-3f, keep = p[at];
        p[at] = keep + eps;
        double up = net.gradients(in, y, order, 0);
        boolean smooth = active(net).equals(active);
        p[at] = keep - eps;
        double down = net.gradients(in, y, order, 0);
        smooth &= active(net).equals(active);
        p[at] = keep;
        return smooth ? (up - down) / (2 * eps) : Double.NaN;
    }

    /** Which hidden units are active (ReLU output > 0) for which rows of the last batch. */
    static BitSet active(GemmNet net) {
        BitSet on = new BitSet();
        int k = 0;
        for (int l = 1; l < net.layers; l++) for (float[] column : net.act[l]) for (float a : column) on.set(k++, a > 0);
        return on;
    }

    @Test
    void gradientsMatchFiniteDifferencesOnDenseInputs() {
        checkGradients(denseRows(12, 5, 1), false, List.of(7, 4));
    }

    @Test
    void gradientsMatchFiniteDifferencesOnSparseInputs() {
        checkGradients(sparseRows(12, 9, 1), true, List.of(7, 4));
    }

    /** Layers wider than a vector register's lanes and not a multiple of them (the JIT's loop tails). */
    @Test
    void gradientsMatchFiniteDifferencesOnWideLayers() {
        checkGradients(denseRows(12, 5, 1), false, List.of(66, 65));
        checkGradients(sparseRows(12, 9, 1), true, List.of(66, 65));
    }

    /**
     * The sparse first layer is an optimisation only: the same loss and gradients as the product, to
     * the bit (both add the non-zero inputs' terms in ascending order).
     */
    @Test
    void sparsePathEqualsDensePath() {
        double[][] x = sparseRows(40, 11, 3);
        int[] y = new int[40], order = new int[40];
        for (int i = 0; i < 40; i++) {
            y[i] = (i * 7) % 3;
            order[i] = (i * 13) % 40;
        }
        var sparse = GemmInputs.of(x);
        var dense = new GemmInputs(sparse.rows(), null, null);
        var a = new GemmNet(11, List.of(6, 5), 3, 8, new SplittableRandom(4));
        var b = new GemmNet(11, List.of(6, 5), 3, 8, new SplittableRandom(4));
        for (int step = 0; step < 5; step++) {
            double la = a.gradients(sparse, y, order, step * 8), lb = b.gradients(dense, y, order, step * 8);
            assertEquals(lb, la, 0.0);
            for (int l = 1; l <= a.layers; l++) {
                for (int c = 0; c < a.size[l - 1]; c++) assertArrayEquals(b.gw[l][c], a.gw[l][c], 0f, "step " + step + " layer " + l);
                assertArrayEquals(b.gb[l], a.gb[l], 0f, "step " + step + " layer " + l);
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
        var in = GemmInputs.of(x);
        var net = new GemmNet(9, List.of(7, 4), 3, 1, new SplittableRandom(6));
        int[] order = {0, 1, 2, 3, 4, 5};
        for (int s = 0; s < 6; s++) { // a few steps so that biases are not zero
            net.gradients(in, y, order, s);
            net.update(0.1, 0.9, 0.999);
        }
        var fitted = GemmMlp.fitted(net);
        double[] p = new double[3];
        for (int r = 0; r < 6; r++) {
            net.gradients(in, y, order, r);
            float[] d = net.delta[net.layers][0]; // (p - onehot) / 1
            fitted.predict(x[r], p);
            for (int c = 0; c < 3; c++) assertEquals(d[c] + (y[r] == c ? 1 : 0), p[c], 1e-5, "row " + r + " class " + c);
        }
    }

    /**
     * The same with wide layers and batches of several rows, where a loop indexing a column by the
     * wrong dimension reads or writes another row's column.
     */
    @Test
    void wideLayersComputeWhatTheFittedModelPredicts() {
        for (double[][] x : List.of(denseRows(20, 5, 7), sparseRows(20, 9, 7))) {
            int n = x.length, batch = 10;
            int[] y = new int[n], order = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = i % 3;
                order[i] = (i * 7) % n; // a permutation: batches are not in row order
            }
            var in = GemmInputs.of(x);
            var net = new GemmNet(x[0].length, List.of(128, 130), 3, batch, new SplittableRandom(8));
            for (int start = 0; start < n; start += batch) { // a few steps so that biases are not zero
                net.gradients(in, y, order, start);
                net.update(0.1, 0.9, 0.999);
            }
            var fitted = GemmMlp.fitted(net);
            double[] p = new double[3];
            for (int start = 0; start < n; start += batch) {
                net.gradients(in, y, order, start);
                float[][] d = net.delta[net.layers]; // (p - onehot) / batch, one column per batch row
                for (int i = 0; i < batch; i++) {
                    int r = order[start + i];
                    fitted.predict(x[r], p);
                    for (int c = 0; c < 3; c++) {
                        assertEquals(d[i][c] * batch + (y[r] == c ? 1 : 0), p[c], 1e-5,
                                (in.sparse() ? "sparse" : "dense") + " row " + r + " class " + c);
                    }
                }
            }
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

    /**
     * The products are the promise of CPU independence: each element is the float sum of its terms in
     * ascending order, one rounded multiply and one rounded add per term (no fused multiply-add, no
     * reordering), so a scalar loop written out here must give the same bits. Sizes cross the vector
     * widths (4, 8, 16 floats) with tails and odd counts; m = 3 takes the narrow gradient path.
     */
    @Test
    void productsSumEachElementInAscendingOrder() {
        var rng = new SplittableRandom(9);
        for (int m : new int[] {37, 3}) {
            int k = 70, n = 11;
            float[][] a = new float[k][m], b = new float[n][k], d = new float[n][m], at = new float[n][k];
            for (float[][] v : List.of(a, b, d, at)) {
                for (float[] column : v) for (int i = 0; i < column.length; i++) column[i] = rng.nextInt(3) == 0 ? 0f : (float) rng.nextGaussian();
            }
            float[][] c = new float[n][m], g = new float[k][m], t = new float[m][k];
            GemmProducts.product(a, b, c, m, k, n);
            GemmProducts.productTransposed(d, at, g, m, k, n);
            GemmProducts.transpose(a, t, m, k);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    float s = 0;
                    for (int p = 0; p < k; p++) s += a[p][i] * b[j][p];
                    assertEquals(Float.floatToIntBits(s), Float.floatToIntBits(c[j][i]), "m " + m + ": c(" + i + "," + j + ")");
                }
                for (int p = 0; p < k; p++) {
                    float s = 0;
                    for (int j = 0; j < n; j++) s += d[j][i] * at[j][p];
                    assertEquals(Float.floatToIntBits(s), Float.floatToIntBits(g[p][i]), "m " + m + ": g(" + i + "," + p + ")");
                    assertEquals(a[p][i], t[i][p]);
                }
            }
        }
    }

    /** Smile's update: v = m v - lr g; w = (w + v) decay on weights; biases are not decayed. */
    @Test
    void updateFollowsSmilesMomentumAndDecayOrder() {
        var net = new GemmNet(2, List.of(), 2, 1, new SplittableRandom(1));
        float[] w = net.w[1][0], g = net.gw[1][0], v = net.vw[1][0];
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

    /**
     * A layout bug leaves training running but learning garbage: each layer size and batch must still
     * separate the blobs (chance is 1/3). Epochs are scaled so that every batch size gets about 1000
     * updates.
     */
    @Test
    void wideAndNarrowLayoutsTrain() {
        for (var hidden : List.of(List.of(128), List.of(130, 64, 32), List.of(3))) {
            for (int batch : new int[] {1, 7, 100, 1000}) {
                int perEpoch = 300 / Math.min(batch, 300); // accuracy() trains on 300 rows; a short last batch is dropped
                int epochs = Math.max(3, (1000 + perEpoch - 1) / perEpoch);
                var spec = new MlpSpec("g", hidden, epochs, batch, 0.01, 0.9, 0.0, MlpSpec.Engine.GEMM);
                double acc = accuracy(spec);
                assertTrue(acc > 0.9, hidden + " batch " + batch + ": accuracy " + acc);
            }
        }
    }
}
