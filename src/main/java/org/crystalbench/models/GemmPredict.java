package org.crystalbench.models;

/**
 * {@link GemmMlp.Fitted}'s batch path: the same bits as its row-by-row {@code predict}, several times faster. A block
 * of {@link #ROWS} rows goes through the network together, its activations held feature-major (one array per unit,
 * one element per row), so each hidden and output unit is a loop along the rows that the JIT vectorises, with one
 * weight broadcast per input; nothing is allocated per row.
 *
 * <p><b>Why the bits are the row path's.</b> Every unit starts from its bias and adds {@code a[k] * w[k][j]} for its
 * inputs k in ascending order, one rounded multiply and one rounded add per term ({@code z + t0 + t1 + ...} is
 * evaluated left to right and Java never fuses a multiply-add), as the row path does. The row path skips zero
 * inputs; the first layer here skips them too (one-hot inputs: ~9 of 41 non-zero in the study), while the later layers
 * add every term, zeros of the ReLU included. Adding {@code 0 * w} (a signed zero when w is finite) changes no sum
 * unless the sum is -0.0, and a sum that starts from a bias other than -0.0 is never -0.0 (round-to-nearest gives
 * x + (-x) = +0.0). So the dense later layers give the same bits whenever every weight is finite and no bias is
 * -0.0 ({@link #dense}); otherwise the model predicts row by row.
 */
final class GemmPredict {
    private GemmPredict() {}

    /** Rows per block: the widest layer's activations (64 units) for a block stay in the L2 cache. */
    static final int ROWS = 128;

    /** Whether the later layers may add zero inputs (the same bits as skipping them): finite weights, no -0.0 bias. */
    static boolean dense(double[][][] columns, double[][] biases) {
        for (int l = 1; l < columns.length; l++) {
            for (double[] c : columns[l]) for (double w : c) if (!Double.isFinite(w)) return false;
        }
        for (double[] b : biases) for (double v : b) if (v == 0 && Double.doubleToRawLongBits(v) != 0) return false;
        return true;
    }

    /** Rows {@code from .. to-1} of {@code x}, as {@link GemmMlp.Fitted#predict(double[], double[])} row by row. */
    static void predict(double[][][] columns, double[][] biases, double[][] x, double[][] probabilities, int[] labels,
                        int from, int to) {
        int layers = columns.length;
        double[][][] act = new double[layers][][];
        for (int l = 0; l < layers; l++) act[l] = new double[biases[l].length][ROWS];
        int[] nonZero = new int[columns[0].length];
        double[] z = new double[biases[0].length];
        for (int b = from; b < to; b += ROWS) {
            int rows = Math.min(ROWS, to - b);
            firstLayer(columns[0], biases[0], x, b, rows, act[0], layers > 1, nonZero, z);
            for (int l = 1; l < layers; l++) layer(columns[l], biases[l], act[l - 1], act[l], rows, l < layers - 1);
            double[][] logits = act[layers - 1];
            for (int r = 0; r < rows; r++) labels[b + r] = softmax(logits, r, probabilities[b + r]);
        }
    }

    /** out[j][r] = relu?(bias[j] + sum of x[row][k] w[k][j] over the row's non-zero k, ascending), four terms a pass. */
    private static void firstLayer(double[][] w, double[] bias, double[][] x, int b, int rows, double[][] out, boolean relu,
                                   int[] nonZero, double[] z) {
        int n = bias.length;
        for (int r = 0; r < rows; r++) {
            double[] xr = x[b + r];
            int count = 0;
            for (int k = 0; k < xr.length; k++) if (xr[k] != 0) nonZero[count++] = k;
            System.arraycopy(bias, 0, z, 0, n);
            int t = 0;
            for (; t + 4 <= count; t += 4) {
                int k0 = nonZero[t], k1 = nonZero[t + 1], k2 = nonZero[t + 2], k3 = nonZero[t + 3];
                double v0 = xr[k0], v1 = xr[k1], v2 = xr[k2], v3 = xr[k3];
                double[] c0 = w[k0], c1 = w[k1], c2 = w[k2], c3 = w[k3];
                for (int j = 0; j < n; j++) z[j] = z[j] + v0 * c0[j] + v1 * c1[j] + v2 * c2[j] + v3 * c3[j];
            }
            for (; t < count; t++) {
                double v = xr[nonZero[t]];
                double[] c = w[nonZero[t]];
                for (int j = 0; j < n; j++) z[j] += v * c[j];
            }
            for (int j = 0; j < n; j++) out[j][r] = relu ? Math.max(z[j], 0) : z[j];
        }
    }

    /**
     * out[j][r] = relu?(bias[j] + sum over every k ascending of in[k][r] w[k][j]): two units and four inputs per pass,
     * each input's column loaded once for both units; the inner loop runs along the block's rows.
     */
    private static void layer(double[][] w, double[] bias, double[][] in, double[][] out, int rows, boolean relu) {
        int n = bias.length, k = w.length, j = 0;
        for (; j + 2 <= n; j += 2) {
            double[] o0 = out[j], o1 = out[j + 1];
            java.util.Arrays.fill(o0, 0, rows, bias[j]);
            java.util.Arrays.fill(o1, 0, rows, bias[j + 1]);
            int p = 0;
            for (; p + 4 <= k; p += 4) {
                double u0 = w[p][j], u1 = w[p + 1][j], u2 = w[p + 2][j], u3 = w[p + 3][j];
                double v0 = w[p][j + 1], v1 = w[p + 1][j + 1], v2 = w[p + 2][j + 1], v3 = w[p + 3][j + 1];
                double[] a0 = in[p], a1 = in[p + 1], a2 = in[p + 2], a3 = in[p + 3];
                for (int r = 0; r < rows; r++) {
                    double x0 = a0[r], x1 = a1[r], x2 = a2[r], x3 = a3[r];
                    o0[r] = o0[r] + x0 * u0 + x1 * u1 + x2 * u2 + x3 * u3;
                    o1[r] = o1[r] + x0 * v0 + x1 * v1 + x2 * v2 + x3 * v3;
                }
            }
            for (; p < k; p++) {
                double u = w[p][j], v = w[p][j + 1];
                double[] a = in[p];
                for (int r = 0; r < rows; r++) {
                    o0[r] += a[r] * u;
                    o1[r] += a[r] * v;
                }
            }
        }
        for (; j < n; j++) {
            double[] o = out[j];
            java.util.Arrays.fill(o, 0, rows, bias[j]);
            for (int p = 0; p < k; p++) {
                double u = w[p][j];
                double[] a = in[p];
                for (int r = 0; r < rows; r++) o[r] += a[r] * u;
            }
        }
        if (relu) for (int u = 0; u < n; u++) for (int r = 0; r < rows; r++) out[u][r] = Math.max(out[u][r], 0);
    }

    /** The row path's softmax and argmax over row r's logits (StrictMath: the same bits everywhere). */
    private static int softmax(double[][] logits, int r, double[] probabilities) {
        int classes = logits.length;
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (int c = 0; c < classes; c++) max = Math.max(max, logits[c][r]);
        for (int c = 0; c < classes; c++) sum += (probabilities[c] = StrictMath.exp(logits[c][r] - max));
        int best = 0;
        for (int c = 0; c < classes; c++) {
            probabilities[c] /= sum;
            if (probabilities[c] > probabilities[best]) best = c;
        }
        return best;
    }
}
