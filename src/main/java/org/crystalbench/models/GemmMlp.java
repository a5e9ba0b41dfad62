package org.crystalbench.models;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mini-batch MLP trainer whose forward and backward passes are matrix-matrix products over whole
 * batches. Smile's own MLP propagates one row at a time (matrix-vector products through OpenBLAS);
 * training is where a grid search spends its time, and batches of 32 rows make it several times faster.
 *
 * <p><b>The same numbers on every machine.</b> The products are plain Java loops in single precision
 * (Smile's MLP also keeps its weights in single precision), not BLAS: an OpenBLAS kernel chosen for the
 * CPU (SSE, AVX2, AVX-512) sums in its own order and with or without fused multiply-adds, so the
 * trained net, and the DNN's reported scores, differed between CPU types. Here every sum runs over
 * its terms in one fixed order, and Java never fuses {@code a * b + c} (only {@code Math.fma} does),
 * so the JIT's vectorised loops (SSE, AVX2 or AVX-512 lanes) compute each element with exactly the
 * operations of the scalar loop. The softmax uses {@code StrictMath}, whose results the JDK defines to
 * the bit; {@code Math.exp} may differ by platform. {@code CpuIndependenceTest} trains under forced
 * OpenBLAS kernels and JIT instruction sets and compares to the bit.
 *
 * <p>The first layer skips zero inputs when most inputs are zero, as one-hot columns make them
 * (the study's Formula column alone is ~115 of ~122 inputs, one of them set per row): its forward
 * pass and weight gradient then cost one column of W per non-zero input instead of a full product,
 * adding the same non-zero terms in the same order as the product, so both paths give the same bits.
 *
 * <p>Same model and update rule as Smile's {@code MLP} with SGD and momentum: ReLU hidden layers,
 * softmax output with cross-entropy, Glorot-uniform weights and zero biases, velocity
 * {@code v = momentum v - lr mean-gradient}, then {@code w = (w + v)(1 - 2 lr lambda)} on weights (not
 * biases), i.e. decoupled L2 decay of {@code lambda |w|^2}. All randomness (initial weights, epoch
 * shuffles) comes from one seeded generator, so a fit is the same on any thread.
 *
 * <p>Matrices are arrays of columns and feature-major: an activation matrix has one column per row
 * of the batch (a dense batch is the rows themselves), and every inner loop runs along columns.
 */
final class GemmMlp {
    private GemmMlp() {}

    static Model fit(double[][] x, int[] y, int classes, List<Integer> hidden, int epochs, int batch, double lr,
                     double momentum, double lambda, long seed) {
        int n = x.length;
        SplittableRandom rng = new SplittableRandom(seed);
        Net net = new Net(x[0].length, hidden, classes, Math.min(batch, n), rng);
        Inputs in = Inputs.of(x);
        int b = net.batch;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        double decay = 1 - 2 * lr * lambda;
        for (int epoch = 0; epoch < epochs; epoch++) {
            // A grid's --fit-timeout interrupts the fit's thread; stop then rather than hold a core.
            if (Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("MLP fit interrupted at epoch " + epoch + " of " + epochs);
            }
            org.crystalbench.splits.Shuffle.inPlace(order, rng); // from the fit's own generator
            for (int start = 0; start + b <= n; start += b) { // a short last batch is dropped
                net.gradients(in, y, order, start);
                net.update(lr, momentum, decay);
            }
        }
        return net.fitted();
    }

    /**
     * {@code c = a b} for matrices held as arrays of columns: {@code a} k columns of m, {@code b} n columns
     * of k, {@code c} n columns of m. Each element is the float sum of its k products in ascending order
     * of k, one rounded multiply and one rounded add per term. {@code c + v0 a0 + v1 a1 + ...} is
     * evaluated left to right, so four terms per pass over a column of c are exactly the operations of
     * one term per pass, with fewer loads and stores of c; two columns of c per pass read each column
     * of a once for both. The inner loop is element-wise, every array read at the same index, which the
     * JIT vectorises without changing any element's operations (one flat array with column offsets it
     * did not vectorise: 2-3x slower; four columns or eight terms per pass neither).
     */
    static void product(float[][] a, float[][] b, float[][] c, int m, int k, int n) {
        int j = 0;
        for (; j + 2 <= n; j += 2) { // two columns of c per pass: each column of a loaded once for both
            float[] b0 = b[j], b1 = b[j + 1], c0 = c[j], c1 = c[j + 1];
            Arrays.fill(c0, 0, m, 0f);
            Arrays.fill(c1, 0, m, 0f);
            int p = 0;
            for (; p + 4 <= k; p += 4) {
                float u0 = b0[p], u1 = b0[p + 1], u2 = b0[p + 2], u3 = b0[p + 3];
                float v0 = b1[p], v1 = b1[p + 1], v2 = b1[p + 2], v3 = b1[p + 3];
                float[] a0 = a[p], a1 = a[p + 1], a2 = a[p + 2], a3 = a[p + 3];
                for (int i = 0; i < m; i++) {
                    float x0 = a0[i], x1 = a1[i], x2 = a2[i], x3 = a3[i];
                    c0[i] = c0[i] + u0 * x0 + u1 * x1 + u2 * x2 + u3 * x3;
                    c1[i] = c1[i] + v0 * x0 + v1 * x1 + v2 * x2 + v3 * x3;
                }
            }
            for (; p < k; p++) {
                float u = b0[p], v = b1[p];
                float[] ap = a[p];
                for (int i = 0; i < m; i++) {
                    c0[i] += u * ap[i];
                    c1[i] += v * ap[i];
                }
            }
        }
        for (; j < n; j++) {
            float[] bj = b[j], cj = c[j];
            Arrays.fill(cj, 0, m, 0f);
            int p = 0;
            for (; p + 4 <= k; p += 4) {
                float v0 = bj[p], v1 = bj[p + 1], v2 = bj[p + 2], v3 = bj[p + 3];
                float[] a0 = a[p], a1 = a[p + 1], a2 = a[p + 2], a3 = a[p + 3];
                for (int i = 0; i < m; i++) cj[i] = cj[i] + v0 * a0[i] + v1 * a1[i] + v2 * a2[i] + v3 * a3[i];
            }
            for (; p < k; p++) {
                float v = bj[p];
                float[] ap = a[p];
                for (int i = 0; i < m; i++) cj[i] += v * ap[i];
            }
        }
    }

    /**
     * {@code g = d a^T} for {@code d} n columns of m, {@code a} n columns of k, {@code g} k columns of m:
     * a weight gradient, each element the sum over the batch's columns in ascending order, as in
     * {@link #product}: two columns of g and four batch columns per pass. For a narrow g (the output
     * layer, one row per class) the columns are too short to vectorise; then it is computed as
     * {@code g^T = a d^T}, a product with long columns and the same sums (a x b == b x a exactly).
     */
    static void productTransposed(float[][] d, float[][] a, float[][] g, int m, int k, int n) {
        if (m < 8) {
            float[][] dt = columns(m, n), gt = columns(m, k);
            transpose(d, dt, m, n);
            product(a, dt, gt, k, n, m);
            transpose(gt, g, k, m);
            return;
        }
        int p = 0;
        for (; p + 2 <= k; p += 2) { // two columns of g per pass: each column of d loaded once for both
            float[] g0 = g[p], g1 = g[p + 1];
            Arrays.fill(g0, 0, m, 0f);
            Arrays.fill(g1, 0, m, 0f);
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                float[] e0 = a[j], e1 = a[j + 1], e2 = a[j + 2], e3 = a[j + 3];
                float u0 = e0[p], u1 = e1[p], u2 = e2[p], u3 = e3[p];
                float v0 = e0[p + 1], v1 = e1[p + 1], v2 = e2[p + 1], v3 = e3[p + 1];
                float[] d0 = d[j], d1 = d[j + 1], d2 = d[j + 2], d3 = d[j + 3];
                for (int i = 0; i < m; i++) {
                    float x0 = d0[i], x1 = d1[i], x2 = d2[i], x3 = d3[i];
                    g0[i] = g0[i] + u0 * x0 + u1 * x1 + u2 * x2 + u3 * x3;
                    g1[i] = g1[i] + v0 * x0 + v1 * x1 + v2 * x2 + v3 * x3;
                }
            }
            for (; j < n; j++) {
                float u = a[j][p], v = a[j][p + 1];
                float[] dj = d[j];
                for (int i = 0; i < m; i++) {
                    g0[i] += u * dj[i];
                    g1[i] += v * dj[i];
                }
            }
        }
        for (; p < k; p++) {
            float[] gp = g[p];
            Arrays.fill(gp, 0, m, 0f);
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                float v0 = a[j][p], v1 = a[j + 1][p], v2 = a[j + 2][p], v3 = a[j + 3][p];
                float[] d0 = d[j], d1 = d[j + 1], d2 = d[j + 2], d3 = d[j + 3];
                for (int i = 0; i < m; i++) gp[i] = gp[i] + v0 * d0[i] + v1 * d1[i] + v2 * d2[i] + v3 * d3[i];
            }
            for (; j < n; j++) {
                float v = a[j][p];
                float[] dj = d[j];
                for (int i = 0; i < m; i++) gp[i] += v * dj[i];
            }
        }
    }

    /** {@code t = w^T} for {@code w} k columns of m and {@code t} m columns of k. */
    static void transpose(float[][] w, float[][] t, int m, int k) {
        for (int p = 0; p < k; p++) for (int i = 0; i < m; i++) t[i][p] = w[p][i];
    }

    static float[][] columns(int count, int length) {
        return new float[count][length];
    }

    /**
     * Training rows in single precision, plus their non-zero entries when at most half the inputs are
     * non-zero (then the first layer works from those; otherwise it is a dense product).
     */
    record Inputs(float[][] rows, int[][] cols, float[][] vals) {
        static Inputs of(double[][] x) {
            float[][] rows = new float[x.length][];
            long nonZero = 0;
            for (int i = 0; i < x.length; i++) {
                rows[i] = new float[x[i].length];
                for (int j = 0; j < x[i].length; j++) if ((rows[i][j] = (float) x[i][j]) != 0) nonZero++;
            }
            if (nonZero * 2 > (long) x.length * x[0].length) return new Inputs(rows, null, null);
            int[][] cols = new int[x.length][];
            float[][] vals = new float[x.length][];
            for (int i = 0; i < x.length; i++) {
                int k = 0;
                for (float v : rows[i]) if (v != 0) k++;
                cols[i] = new int[k];
                vals[i] = new float[k];
                k = 0;
                for (int j = 0; j < rows[i].length; j++) {
                    if (rows[i][j] != 0) {
                        cols[i][k] = j;
                        vals[i][k++] = rows[i][j];
                    }
                }
            }
            return new Inputs(rows, cols, vals);
        }

        boolean sparse() {
            return cols != null;
        }
    }

    /**
     * Weights, velocities, gradients and batch buffers of one network during training, each matrix an
     * array of columns. Layer l's weights {@code w[l]} are size[l-1] columns (one per input) of size[l];
     * activations, deltas and back-propagated deltas are batch columns (one per row) of size[l].
     */
    static final class Net {
        final int layers, batch, classes;
        final int[] size;
        final float[][][] w, vw, gw, act, delta, back;
        final float[][] bias, vb, gb;
        private final float[][][] wt; // w[l] transposed, so that back-propagation is a column product too
        private final int[] by; // the batch's labels
        private int[][] rowsOf; // sparse first layer: per input, the batch rows where it is non-zero
        private float[][] valsOf;
        private int[] countOf;

        Net(int inputs, List<Integer> hidden, int classes, int batch, SplittableRandom rng) {
            this.layers = hidden.size() + 1;
            this.batch = batch;
            this.classes = classes;
            size = new int[layers + 1];
            size[0] = inputs;
            for (int l = 0; l < hidden.size(); l++) size[l + 1] = hidden.get(l);
            size[layers] = classes;
            w = new float[layers + 1][][];
            wt = new float[layers + 1][][];
            vw = new float[layers + 1][][];
            gw = new float[layers + 1][][];
            act = new float[layers + 1][][];
            delta = new float[layers + 1][][];
            back = new float[layers + 1][][];
            bias = new float[layers + 1][];
            vb = new float[layers + 1][];
            gb = new float[layers + 1][];
            act[0] = new float[batch][]; // the batch's input rows themselves (dense) or unused (sparse)
            for (int l = 1; l <= layers; l++) {
                int rows = size[l], cols = size[l - 1];
                w[l] = columns(cols, rows);
                double r = Math.sqrt(6.0 / (rows + cols)); // Glorot-uniform, as Smile's Layer
                for (float[] column : w[l]) for (int i = 0; i < rows; i++) column[i] = (float) ((2 * rng.nextDouble() - 1) * r);
                wt[l] = columns(rows, cols);
                vw[l] = columns(cols, rows);
                gw[l] = columns(cols, rows);
                bias[l] = new float[rows];
                vb[l] = new float[rows];
                gb[l] = new float[rows];
                act[l] = columns(batch, rows);
                delta[l] = columns(batch, rows);
                if (l < layers) back[l] = columns(batch, rows);
            }
            by = new int[batch];
        }

        /**
         * Forward and backward pass over rows {@code order[start .. start+batch)}: fills the gradients
         * of the mean cross-entropy (without weight decay) and returns that loss.
         */
        double gradients(Inputs in, int[] y, int[] order, int start) {
            for (int i = 0; i < batch; i++) by[i] = y[order[start + i]];
            firstLayer(in, order, start);
            for (int l = 1; l <= layers; l++) {
                int n = size[l];
                if (l > 1) product(w[l], act[l - 1], act[l], n, size[l - 1], batch);
                float[] bl = bias[l];
                // Branch-free ReLU (Math.max, Math.signum below): a data-dependent branch here
                // mispredicted half the time and cost more than the matrix products.
                for (float[] z : act[l]) {
                    if (l < layers) for (int j = 0; j < n; j++) z[j] = Math.max(z[j] + bl[j], 0f);
                    else for (int j = 0; j < n; j++) z[j] += bl[j];
                }
            }
            double loss = softmaxDelta();
            for (int l = layers; l >= 1; l--) {
                float[] g = gb[l];
                int n = size[l];
                Arrays.fill(g, 0);
                for (float[] dl : delta[l]) for (int j = 0; j < n; j++) g[j] += dl[j];
                if (l == 1) {
                    firstLayerGradient(in);
                } else {
                    productTransposed(delta[l], act[l - 1], gw[l], n, size[l - 1], batch);
                    // back through W[l], then through the ReLU of layer l-1
                    transpose(w[l], wt[l], n, size[l - 1]);
                    product(wt[l], delta[l], back[l - 1], size[l - 1], n, batch);
                    for (int i = 0; i < batch; i++) {
                        float[] bk = back[l - 1][i], a = act[l - 1][i], dp = delta[l - 1][i];
                        for (int j = 0; j < bk.length; j++) dp[j] = bk[j] * Math.signum(a[j]); // a >= 0 after ReLU
                    }
                }
            }
            return loss;
        }

        /**
         * act[1] = W[1] x (before bias and activation), from the non-zeros or as one product; in the
         * sparse case it also lists, per input, the batch rows where it is non-zero (for the gradient).
         */
        private void firstLayer(Inputs in, int[] order, int start) {
            int n = size[1];
            if (!in.sparse()) {
                for (int i = 0; i < batch; i++) act[0][i] = in.rows()[order[start + i]];
                product(w[1], act[0], act[1], n, size[0], batch);
                return;
            }
            if (countOf == null) {
                rowsOf = new int[size[0]][batch];
                valsOf = new float[size[0]][batch];
                countOf = new int[size[0]];
            }
            Arrays.fill(countOf, 0);
            float[][] w1 = w[1];
            for (int i = 0; i < batch; i++) { // the product's order: non-zero inputs ascending
                int r = order[start + i];
                float[] z = act[1][i];
                Arrays.fill(z, 0f);
                int[] cols = in.cols()[r];
                float[] vals = in.vals()[r];
                int t = 0;
                for (; t + 4 <= cols.length; t += 4) {
                    float v0 = vals[t], v1 = vals[t + 1], v2 = vals[t + 2], v3 = vals[t + 3];
                    float[] a0 = w1[cols[t]], a1 = w1[cols[t + 1]], a2 = w1[cols[t + 2]], a3 = w1[cols[t + 3]];
                    for (int j = 0; j < n; j++) z[j] = z[j] + v0 * a0[j] + v1 * a1[j] + v2 * a2[j] + v3 * a3[j];
                }
                for (; t < cols.length; t++) {
                    float v = vals[t];
                    float[] a = w1[cols[t]];
                    for (int j = 0; j < n; j++) z[j] += v * a[j];
                }
                for (t = 0; t < cols.length; t++) {
                    int c = cols[t];
                    rowsOf[c][countOf[c]] = i;
                    valsOf[c][countOf[c]++] = vals[t];
                }
            }
        }

        /** gw[1] = delta[1] x^T, from the non-zeros (batch rows ascending, as the product) or as one product. */
        private void firstLayerGradient(Inputs in) {
            int n = size[1];
            if (!in.sparse()) {
                productTransposed(delta[1], act[0], gw[1], n, size[0], batch);
                return;
            }
            float[][] d = delta[1];
            for (int c = 0; c < size[0]; c++) {
                float[] g = gw[1][c];
                Arrays.fill(g, 0f);
                int[] rows = rowsOf[c];
                float[] vals = valsOf[c];
                int count = countOf[c], t = 0;
                for (; t + 4 <= count; t += 4) {
                    float v0 = vals[t], v1 = vals[t + 1], v2 = vals[t + 2], v3 = vals[t + 3];
                    float[] d0 = d[rows[t]], d1 = d[rows[t + 1]], d2 = d[rows[t + 2]], d3 = d[rows[t + 3]];
                    for (int j = 0; j < n; j++) g[j] = g[j] + v0 * d0[j] + v1 * d1[j] + v2 * d2[j] + v3 * d3[j];
                }
                for (; t < count; t++) {
                    float v = vals[t];
                    float[] dr = d[rows[t]];
                    for (int j = 0; j < n; j++) g[j] += v * dr[j];
                }
            }
        }

        /** Softmax of the output layer in place; delta = d(mean cross-entropy)/d(logits) = (p - onehot) / batch. */
        private double softmaxDelta() {
            double loss = 0;
            for (int i = 0; i < batch; i++) {
                float[] out = act[layers][i], d = delta[layers][i];
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (int c = 0; c < classes; c++) max = Math.max(max, out[c]);
                for (int c = 0; c < classes; c++) {
                    double e = StrictMath.exp(out[c] - max);
                    d[c] = (float) e;
                    sum += e;
                }
                for (int c = 0; c < classes; c++) d[c] = (float) ((d[c] / sum - (by[i] == c ? 1 : 0)) / batch);
                loss -= (out[by[i]] - max - StrictMath.log(sum)) / batch;
            }
            return loss;
        }

        /** SGD with momentum, then the decay factor on weights (not biases), in Smile's order. */
        void update(double lr, double momentum, double decay) {
            float m = (float) momentum, eta = (float) lr, k = (float) decay;
            for (int l = 1; l <= layers; l++) {
                for (int c = 0; c < size[l - 1]; c++) {
                    float[] wd = w[l][c], v = vw[l][c], g = gw[l][c];
                    for (int i = 0; i < wd.length; i++) {
                        v[i] = m * v[i] - eta * g[i];
                        wd[i] = (wd[i] + v[i]) * k;
                    }
                }
                for (int j = 0; j < size[l]; j++) {
                    vb[l][j] = m * vb[l][j] - eta * gb[l][j];
                    bias[l][j] += vb[l][j];
                }
            }
        }

        Fitted fitted() {
            double[][][] columns = new double[layers][][];
            double[][] biases = new double[layers][];
            for (int l = 1; l <= layers; l++) {
                int rows = size[l], cols = size[l - 1];
                columns[l - 1] = new double[cols][rows];
                biases[l - 1] = new double[rows];
                for (int c = 0; c < cols; c++) for (int r = 0; r < rows; r++) columns[l - 1][c][r] = w[l][c][r];
                for (int r = 0; r < rows; r++) biases[l - 1][r] = bias[l][r];
            }
            return new Fitted(columns, biases, classes);
        }
    }

    /**
     * The trained network as plain arrays, stored by input: {@code columns[l][k]} holds the weights from
     * input {@code k} of layer {@code l} to each of its outputs. Prediction adds one column per
     * non-zero input, so zero one-hot inputs and ReLU zeros cost nothing; no BLAS, and
     * {@code StrictMath.exp}, so probabilities are the same bits on every machine too.
     */
    record Fitted(double[][][] columns, double[][] biases, int classes) implements Model {
        @Override
        public int predict(double[] x, double[] probabilities) {
            double[] a = x;
            for (int l = 0; l < columns.length; l++) {
                double[][] c = columns[l];
                double[] z = biases[l].clone();
                for (int k = 0; k < c.length; k++) {
                    double v = a[k];
                    if (v == 0) continue;
                    double[] ck = c[k];
                    for (int j = 0; j < z.length; j++) z[j] += v * ck[j];
                }
                if (l < columns.length - 1) for (int j = 0; j < z.length; j++) z[j] = Math.max(z[j], 0);
                a = z;
            }
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (double v : a) max = Math.max(max, v);
            for (int c = 0; c < classes; c++) sum += (probabilities[c] = StrictMath.exp(a[c] - max));
            int best = 0;
            for (int c = 0; c < classes; c++) {
                probabilities[c] /= sum;
                if (probabilities[c] > probabilities[best]) best = c;
            }
            return best;
        }
    }
}
