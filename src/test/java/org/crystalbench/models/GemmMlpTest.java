package org.crystalbench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    /** Backpropagation against central finite differences of the batch loss, for weights of every layer. */
    @Test
    void gradientsMatchFiniteDifferences() {
        var rng = new SplittableRandom(1);
        int n = 12;
        double[][] x = new double[n][5];
        int[] y = new int[n], order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            y[i] = i % 3;
            for (int j = 0; j < 5; j++) x[i][j] = rng.nextGaussian();
        }
        var net = new GemmMlp.Net(5, List.of(7, 4), 3, n, new SplittableRandom(2));
        net.gradients(x, y, order, 0);
        double eps = 1e-6;
        for (int l = 1; l <= net.layers; l++) {
            double[] w = GemmMlp.data(net.w[l]);
            double[] g = GemmMlp.data(net.gw[l]).clone();
            int ld = net.w[l].ld();
            for (int r = 0; r < net.size[l]; r++) {
                for (int c = 0; c < net.size[l - 1]; c++) {
                    int at = c * ld + r;
                    double keep = w[at];
                    w[at] = keep + eps;
                    double up = net.gradients(x, y, order, 0);
                    w[at] = keep - eps;
                    double down = net.gradients(x, y, order, 0);
                    w[at] = keep;
                    assertEquals((up - down) / (2 * eps), g[at], 1e-6, "layer " + l + " weight (" + r + "," + c + ")");
                }
            }
            double[] gb = net.gb[l].clone();
            for (int j = 0; j < net.size[l]; j++) {
                double keep = net.bias[l][j];
                net.bias[l][j] = keep + eps;
                double up = net.gradients(x, y, order, 0);
                net.bias[l][j] = keep - eps;
                double down = net.gradients(x, y, order, 0);
                net.bias[l][j] = keep;
                assertEquals((up - down) / (2 * eps), gb[j], 1e-6, "layer " + l + " bias " + j);
            }
            net.gradients(x, y, order, 0); // restore the buffers for the next layer's reference gradient
        }
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
