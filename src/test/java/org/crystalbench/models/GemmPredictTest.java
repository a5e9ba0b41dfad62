package org.crystalbench.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link GemmPredict}, the MLP's batch path: the row path's bits, for every shape and block boundary. */
class GemmPredictTest {
    /** A network of random weights; {@code shift} moves the biases down so that many ReLUs are zero. */
    static GemmMlp.Fitted net(int inputs, List<Integer> hidden, int classes, long seed, double shift) {
        var rng = new SplittableRandom(seed);
        int layers = hidden.size() + 1;
        double[][][] columns = new double[layers][][];
        double[][] biases = new double[layers][];
        int in = inputs;
        for (int l = 0; l < layers; l++) {
            int out = l < hidden.size() ? hidden.get(l) : classes;
            columns[l] = new double[in][out];
            biases[l] = new double[out];
            for (double[] c : columns[l]) for (int j = 0; j < out; j++) c[j] = (float) rng.nextGaussian(); // float weights, as trained
            for (int j = 0; j < out; j++) biases[l][j] = (float) (0.3 * rng.nextGaussian() - shift);
            in = out;
        }
        return new GemmMlp.Fitted(columns, biases, classes);
    }

    /** One-hot-like rows: a few dense numeric inputs, the rest mostly zeros (some -0.0). */
    static double[][] rows(int n, int inputs, long seed) {
        var rng = new SplittableRandom(seed);
        double[][] x = new double[n][inputs];
        for (double[] r : x) {
            for (int j = 0; j < inputs; j++) {
                if (j < 5) r[j] = rng.nextGaussian();
                else r[j] = rng.nextInt(6) == 0 ? 1 : rng.nextInt(50) == 0 ? -0.0 : 0;
            }
        }
        return x;
    }

    static void assertRowBits(Model m, double[][] x, int from, int to) {
        int k = m.classes();
        double[][] p = new double[x.length][k];
        int[] labels = new int[x.length];
        m.predict(x, p, labels, from, to);
        for (int i = from; i < to; i++) {
            double[] expected = new double[k];
            assertEquals(m.predict(x[i], expected), labels[i], "row " + i);
            assertArrayEquals(expected, p[i], 0.0, "row " + i); // delta 0: the same bits
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"64,32", "63,31", "5", "", "17,9,3"})
    void theBatchPathGivesTheRowBitsForEveryShape(String hidden) {
        List<Integer> h = hidden.isEmpty() ? List.of() : java.util.Arrays.stream(hidden.split(",")).map(Integer::valueOf).toList();
        for (double shift : new double[] {0, 1.5}) {
            var m = net(41, h, 7, 3, shift);
            assertTrue(GemmPredict.dense(m.columns(), m.biases()));
            double[][] x = rows(3 * GemmPredict.ROWS + 11, 41, 4);
            assertRowBits(m, x, 0, x.length);
            assertRowBits(m, x, 7, 2 * GemmPredict.ROWS + 3); // a range that starts and ends inside blocks
        }
    }

    @Test
    void aNonFiniteWeightOrANegativeZeroBiasFallsBackToTheRowPath() {
        var m = net(41, List.of(16, 8), 7, 5, 1.5);
        double[][] x = rows(300, 41, 6);
        // a ReLU that is zero for every row, whose weight is infinite: the row path skips it, a dense sum gets NaN
        m.biases()[0][3] = -1e30;
        m.columns()[1][3][2] = Double.POSITIVE_INFINITY;
        assertRowBits(m, x, 0, x.length);
        assertFalse(GemmPredict.dense(m.columns(), m.biases()));
        double[] p = new double[7];
        m.predict(x[0], p);
        assertFalse(Double.isNaN(p[0]), "the row path skips the zero input");

        // the first layer skips zero inputs in both paths: an infinite weight there on a mostly-zero input is allowed
        var first = net(41, List.of(16, 8), 7, 5, 0);
        first.columns()[0][20][1] = Double.NEGATIVE_INFINITY;
        assertTrue(GemmPredict.dense(first.columns(), first.biases()));
        assertRowBits(first, x, 0, x.length);

        var z = net(41, List.of(16, 8), 7, 5, 0);
        z.biases()[1][0] = -0.0;
        assertFalse(GemmPredict.dense(z.columns(), z.biases()));
        assertRowBits(z, x, 0, x.length);
    }

    @Test
    void aTrainedNetGivesTheRowBits() {
        int[] y = new int[400];
        double[][] x = GemmMlpTest.sparseRows(400, 24, 8);
        for (int i = 0; i < y.length; i++) y[i] = i % 3;
        Model m = new MlpSpec("g", List.of(16, 8), 5, 16, 0.01, 0.9, 1e-4, MlpSpec.Engine.GEMM).fit(x, y, 3, 9);
        assertRowBits(m, x, 0, x.length);
    }
}
