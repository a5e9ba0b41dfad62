package org.crystalbench.models;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import smile.linalg.Transpose;
import smile.tensor.DenseMatrix;
import smile.tensor.ScalarType;

/**
 * Mini-batch MLP trainer whose forward and backward passes are matrix-matrix products (OpenBLAS
 * sgemm through Smile's {@link DenseMatrix}). Smile's own MLP propagates one row at a time
 * (matrix-vector products); for 32-row batches the products measured ~55 G multiply-adds/s here in
 * single precision (Smile's MLP also keeps its weights in single precision) and ~28 G in double,
 * against ~6 G for the row-at-a-time path, and training is where a grid search spends its time.
 *
 * <p>The first layer skips zero inputs when most inputs are zero, as one-hot columns make them
 * (the study's Formula column alone is ~115 of ~122 inputs, one of them set per row): its forward
 * pass and weight gradient then cost one column of W per non-zero input instead of a full product.
 *
 * <p>Same model and update rule as Smile's {@code MLP} with SGD and momentum: ReLU hidden layers,
 * softmax output with cross-entropy, Glorot-uniform weights and zero biases, velocity
 * {@code v = momentum v - lr mean-gradient}, then {@code w = (w + v)(1 - 2 lr lambda)} on weights (not
 * biases), i.e. decoupled L2 decay of {@code lambda |w|^2}. All randomness (initial weights, epoch
 * shuffles) comes from one seeded generator, so a fit is the same on any thread.
 *
 * <p>Matrices are feature-major: an activation matrix has one column per row of the batch, so a
 * batch is gathered with one array copy per row and every element-wise loop runs along a column.
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
            for (int i = n - 1; i > 0; i--) { // Fisher-Yates from the fit's own generator
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int start = 0; start + b <= n; start += b) { // a short last batch is dropped
                net.gradients(in, y, order, start);
                net.update(lr, momentum, decay);
            }
        }
        return net.fitted();
    }

    /** Column-major backing array of a heap DenseMatrix; element (i, j) is at j * ld + i. */
    static float[] data(DenseMatrix m) {
        return (float[]) m.memory().heapBase().orElseThrow();
    }

    private static DenseMatrix zeros(int rows, int cols) {
        DenseMatrix m = DenseMatrix.zeros(ScalarType.Float32, rows, cols);
        if (m.memory().heapBase().isEmpty() || m.memory().address() != 0) throw new IllegalStateException("unexpected matrix layout");
        return m;
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

    /** Weights, velocities, gradients and batch buffers of one network during training. */
    static final class Net {
        final int layers, batch, classes;
        final int[] size;
        final DenseMatrix[] w, vw, gw, act, delta, back;
        final float[][] bias, vb, gb;
        private final int[] by;

        Net(int inputs, List<Integer> hidden, int classes, int batch, SplittableRandom rng) {
            this.layers = hidden.size() + 1;
            this.batch = batch;
            this.classes = classes;
            size = new int[layers + 1];
            size[0] = inputs;
            for (int l = 0; l < hidden.size(); l++) size[l + 1] = hidden.get(l);
            size[layers] = classes;
            w = new DenseMatrix[layers + 1];
            vw = new DenseMatrix[layers + 1];
            gw = new DenseMatrix[layers + 1];
            act = new DenseMatrix[layers + 1];
            delta = new DenseMatrix[layers + 1];
            back = new DenseMatrix[layers + 1];
            bias = new float[layers + 1][];
            vb = new float[layers + 1][];
            gb = new float[layers + 1][];
            act[0] = zeros(inputs, batch);
            for (int l = 1; l <= layers; l++) {
                w[l] = zeros(size[l], size[l - 1]);
                double r = Math.sqrt(6.0 / (size[l] + size[l - 1])); // Glorot-uniform, as Smile's Layer
                float[] wd = data(w[l]);
                int ldw = w[l].ld();
                for (int j = 0; j < size[l - 1]; j++) for (int i = 0; i < size[l]; i++) wd[j * ldw + i] = (float) ((2 * rng.nextDouble() - 1) * r);
                vw[l] = zeros(size[l], size[l - 1]);
                gw[l] = zeros(size[l], size[l - 1]);
                bias[l] = new float[size[l]];
                vb[l] = new float[size[l]];
                gb[l] = new float[size[l]];
                act[l] = zeros(size[l], batch);
                delta[l] = zeros(size[l], batch);
                if (l < layers) back[l] = zeros(size[l], batch);
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
                if (l > 1) DenseMatrix.mm(1.0, Transpose.NO_TRANSPOSE, w[l], Transpose.NO_TRANSPOSE, act[l - 1], 0.0, act[l]);
                float[] z = data(act[l]), bl = bias[l];
                int ld = act[l].ld(), n = size[l];
                // Branch-free ReLU (Math.max, Math.signum below): a data-dependent branch here
                // mispredicted half the time and cost more than the matrix products.
                for (int i = 0; i < batch; i++) {
                    int o = i * ld;
                    if (l < layers) for (int j = 0; j < n; j++) z[o + j] = Math.max(z[o + j] + bl[j], 0f);
                    else for (int j = 0; j < n; j++) z[o + j] += bl[j];
                }
            }
            double loss = softmaxDelta();
            for (int l = layers; l >= 1; l--) {
                float[] dl = data(delta[l]), g = gb[l];
                int ld = delta[l].ld(), n = size[l];
                Arrays.fill(g, 0);
                for (int i = 0; i < batch; i++) for (int j = 0; j < n; j++) g[j] += dl[i * ld + j];
                if (l == 1) {
                    firstLayerGradient(in, order, start);
                } else {
                    DenseMatrix.mm(1.0, Transpose.NO_TRANSPOSE, delta[l], Transpose.TRANSPOSE, act[l - 1], 0.0, gw[l]);
                    // back through W[l], then through the ReLU of layer l-1
                    DenseMatrix.mm(1.0, Transpose.TRANSPOSE, w[l], Transpose.NO_TRANSPOSE, delta[l], 0.0, back[l - 1]);
                    float[] bk = data(back[l - 1]), a = data(act[l - 1]), dp = data(delta[l - 1]);
                    for (int i = 0; i < bk.length; i++) dp[i] = bk[i] * Math.signum(a[i]); // a >= 0 after ReLU
                }
            }
            return loss;
        }

        /** act[1] = W[1] x (before bias and activation), from the non-zeros or as one product. */
        private void firstLayer(Inputs in, int[] order, int start) {
            if (!in.sparse()) {
                float[] a0 = data(act[0]);
                int ld0 = act[0].ld();
                for (int i = 0; i < batch; i++) System.arraycopy(in.rows()[order[start + i]], 0, a0, i * ld0, size[0]);
                DenseMatrix.mm(1.0, Transpose.NO_TRANSPOSE, w[1], Transpose.NO_TRANSPOSE, act[0], 0.0, act[1]);
                return;
            }
            float[] z = data(act[1]), w1 = data(w[1]);
            int ld = act[1].ld(), ldw = w[1].ld(), n = size[1];
            for (int i = 0; i < batch; i++) {
                int r = order[start + i], o = i * ld;
                Arrays.fill(z, o, o + n, 0);
                int[] cols = in.cols()[r];
                float[] vals = in.vals()[r];
                for (int t = 0; t < cols.length; t++) {
                    float v = vals[t];
                    int c = cols[t] * ldw;
                    for (int j = 0; j < n; j++) z[o + j] += v * w1[c + j];
                }
            }
        }

        /** gw[1] = delta[1] x^T, from the non-zeros or as one product (act[0] holds the batch then). */
        private void firstLayerGradient(Inputs in, int[] order, int start) {
            if (!in.sparse()) {
                DenseMatrix.mm(1.0, Transpose.NO_TRANSPOSE, delta[1], Transpose.TRANSPOSE, act[0], 0.0, gw[1]);
                return;
            }
            float[] g = data(gw[1]), d = data(delta[1]);
            int ldg = gw[1].ld(), ld = delta[1].ld(), n = size[1];
            Arrays.fill(g, 0);
            for (int i = 0; i < batch; i++) {
                int r = order[start + i], o = i * ld;
                int[] cols = in.cols()[r];
                float[] vals = in.vals()[r];
                for (int t = 0; t < cols.length; t++) {
                    float v = vals[t];
                    int c = cols[t] * ldg;
                    for (int j = 0; j < n; j++) g[c + j] += v * d[o + j];
                }
            }
        }

        /** Softmax of the output layer in place; delta = d(mean cross-entropy)/d(logits) = (p - onehot) / batch. */
        private double softmaxDelta() {
            float[] out = data(act[layers]), d = data(delta[layers]);
            int ld = act[layers].ld();
            double loss = 0;
            for (int i = 0; i < batch; i++) {
                int o = i * ld;
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (int c = 0; c < classes; c++) max = Math.max(max, out[o + c]);
                for (int c = 0; c < classes; c++) {
                    double e = Math.exp(out[o + c] - max);
                    d[o + c] = (float) e;
                    sum += e;
                }
                for (int c = 0; c < classes; c++) d[o + c] = (float) ((d[o + c] / sum - (by[i] == c ? 1 : 0)) / batch);
                loss -= (out[o + by[i]] - max - Math.log(sum)) / batch;
            }
            return loss;
        }

        /** SGD with momentum, then the decay factor on weights (not biases), in Smile's order. */
        void update(double lr, double momentum, double decay) {
            float m = (float) momentum, eta = (float) lr, k = (float) decay;
            for (int l = 1; l <= layers; l++) {
                float[] wd = data(w[l]), v = data(vw[l]), g = data(gw[l]);
                for (int i = 0; i < wd.length; i++) {
                    v[i] = m * v[i] - eta * g[i];
                    wd[i] = (wd[i] + v[i]) * k;
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
                float[] wd = data(w[l]);
                int rows = size[l], cols = size[l - 1], ldw = w[l].ld();
                columns[l - 1] = new double[cols][rows];
                biases[l - 1] = new double[rows];
                for (int c = 0; c < cols; c++) for (int r = 0; r < rows; r++) columns[l - 1][c][r] = wd[c * ldw + r];
                for (int r = 0; r < rows; r++) biases[l - 1][r] = bias[l][r];
            }
            return new Fitted(columns, biases, classes);
        }
    }

    /**
     * The trained network as plain arrays, stored by input: {@code columns[l][k]} holds the weights from
     * input {@code k} of layer {@code l} to each of its outputs. Prediction adds one column per
     * non-zero input, so zero one-hot inputs and ReLU zeros cost nothing; it needs no BLAS.
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
            for (int c = 0; c < classes; c++) sum += (probabilities[c] = Math.exp(a[c] - max));
            int best = 0;
            for (int c = 0; c < classes; c++) {
                probabilities[c] /= sum;
                if (probabilities[c] > probabilities[best]) best = c;
            }
            return best;
        }
    }
}
