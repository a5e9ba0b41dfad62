package org.crystalbench.models;

import java.util.List;
import java.util.SplittableRandom;
import smile.linalg.Transpose;
import smile.tensor.DenseMatrix;
import smile.tensor.ScalarType;

/**
 * Mini-batch MLP trainer whose forward and backward passes are matrix-matrix products (OpenBLAS
 * dgemm through Smile's {@link DenseMatrix}). Smile's own MLP propagates one row at a time
 * (matrix-vector products); for 32-row batches dgemm measured ~29 G multiply-adds/s here against
 * ~6 G for the row-at-a-time path, and training is where a grid search spends its time.
 *
 * <p>Same model as {@link MlpSpec}'s Smile engine: ReLU hidden layers, softmax output with
 * cross-entropy, SGD with momentum and L2 weight decay (added to the gradient), He-uniform
 * initialisation. All randomness (initial weights, epoch shuffles) comes from one seeded generator,
 * so a fit is the same on any thread.
 */
final class GemmMlp {
    private GemmMlp() {}

    static Model fit(double[][] x, int[] y, int classes, List<Integer> hidden, int epochs, int batch, double lr,
                     double momentum, double decay, long seed) {
        int n = x.length;
        SplittableRandom rng = new SplittableRandom(seed);
        Net net = new Net(x[0].length, hidden, classes, Math.min(batch, n), rng);
        int b = net.batch;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = n - 1; i > 0; i--) { // Fisher-Yates from the fit's own generator
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int start = 0; start + b <= n; start += b) { // a short last batch is dropped
                net.gradients(x, y, order, start);
                net.update(lr, momentum, decay);
            }
        }
        return net.fitted();
    }

    /** Column-major backing array of a heap DenseMatrix; element (i, j) is at j * ld + i. */
    static double[] data(DenseMatrix m) {
        return (double[]) m.memory().heapBase().orElseThrow();
    }

    private static DenseMatrix zeros(int rows, int cols) {
        DenseMatrix m = DenseMatrix.zeros(ScalarType.Float64, rows, cols);
        if (m.memory().heapBase().isEmpty() || m.memory().address() != 0) throw new IllegalStateException("unexpected matrix layout");
        return m;
    }

    /** Weights, velocities, gradients and batch buffers of one network during training. */
    static final class Net {
        final int layers, batch, classes;
        final int[] size;
        final DenseMatrix[] w, vw, gw, act, delta, back;
        final double[][] bias, vb, gb;
        final int lb; // leading dimension of every batch matrix (all have `batch` rows)
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
            bias = new double[layers + 1][];
            vb = new double[layers + 1][];
            gb = new double[layers + 1][];
            act[0] = zeros(batch, inputs);
            for (int l = 1; l <= layers; l++) {
                w[l] = zeros(size[l], size[l - 1]);
                double r = Math.sqrt(6.0 / size[l - 1]); // He-uniform for ReLU inputs
                double[] wd = data(w[l]);
                int ldw = w[l].ld();
                for (int i = 0; i < size[l]; i++) for (int j = 0; j < size[l - 1]; j++) wd[j * ldw + i] = (2 * rng.nextDouble() - 1) * r;
                vw[l] = zeros(size[l], size[l - 1]);
                gw[l] = zeros(size[l], size[l - 1]);
                bias[l] = new double[size[l]];
                vb[l] = new double[size[l]];
                gb[l] = new double[size[l]];
                act[l] = zeros(batch, size[l]);
                delta[l] = zeros(batch, size[l]);
                if (l < layers) back[l] = zeros(batch, size[l]);
            }
            lb = act[0].ld();
            by = new int[batch];
        }

        /**
         * Forward and backward pass over rows {@code order[start .. start+batch)}: fills the gradients
         * of the mean cross-entropy (without weight decay) and returns that loss.
         */
        double gradients(double[][] x, int[] y, int[] order, int start) {
            double[] a0 = data(act[0]);
            for (int i = 0; i < batch; i++) {
                double[] row = x[order[start + i]];
                by[i] = y[order[start + i]];
                for (int j = 0; j < size[0]; j++) a0[j * lb + i] = row[j];
            }
            for (int l = 1; l <= layers; l++) { // act[l] = f(act[l-1] W[l]^T + bias[l])
                DenseMatrix.mm(1.0, Transpose.NO_TRANSPOSE, act[l - 1], Transpose.TRANSPOSE, w[l], 0.0, act[l]);
                double[] z = data(act[l]);
                for (int j = 0; j < size[l]; j++) {
                    double bj = bias[l][j];
                    for (int i = 0; i < batch; i++) {
                        double v = z[j * lb + i] + bj;
                        z[j * lb + i] = l < layers && v < 0 ? 0 : v;
                    }
                }
            }
            double[] out = data(act[layers]), d = data(delta[layers]);
            double loss = 0;
            for (int i = 0; i < batch; i++) { // softmax; d(mean cross-entropy)/d(logits) = (p - onehot) / batch
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (int c = 0; c < classes; c++) max = Math.max(max, out[c * lb + i]);
                for (int c = 0; c < classes; c++) sum += Math.exp(out[c * lb + i] - max);
                for (int c = 0; c < classes; c++) {
                    double p = Math.exp(out[c * lb + i] - max) / sum;
                    d[c * lb + i] = (p - (by[i] == c ? 1 : 0)) / batch;
                    if (by[i] == c) loss -= Math.log(p) / batch;
                }
            }
            for (int l = layers; l >= 1; l--) {
                DenseMatrix.mm(1.0, Transpose.TRANSPOSE, delta[l], Transpose.NO_TRANSPOSE, act[l - 1], 0.0, gw[l]);
                double[] dl = data(delta[l]);
                for (int j = 0; j < size[l]; j++) {
                    double s = 0;
                    for (int i = 0; i < batch; i++) s += dl[j * lb + i];
                    gb[l][j] = s;
                }
                if (l > 1) { // back through W[l], then through the ReLU of layer l-1
                    DenseMatrix.mm(1.0, Transpose.NO_TRANSPOSE, delta[l], Transpose.NO_TRANSPOSE, w[l], 0.0, back[l - 1]);
                    double[] g = data(back[l - 1]), a = data(act[l - 1]), dprev = data(delta[l - 1]);
                    for (int i = 0; i < g.length; i++) dprev[i] = a[i] > 0 ? g[i] : 0;
                }
            }
            return loss;
        }

        /** SGD with momentum; weight decay adds {@code decay x w} to each weight's gradient (not to biases). */
        void update(double lr, double momentum, double decay) {
            for (int l = 1; l <= layers; l++) {
                double[] wd = data(w[l]), v = data(vw[l]), g = data(gw[l]);
                for (int i = 0; i < wd.length; i++) {
                    v[i] = momentum * v[i] - lr * (g[i] + decay * wd[i]);
                    wd[i] += v[i];
                }
                for (int j = 0; j < size[l]; j++) {
                    vb[l][j] = momentum * vb[l][j] - lr * gb[l][j];
                    bias[l][j] += vb[l][j];
                }
            }
        }

        Fitted fitted() {
            double[][][] weights = new double[layers][][];
            double[][] biases = new double[layers][];
            for (int l = 1; l <= layers; l++) {
                double[] wd = data(w[l]);
                int rows = size[l], cols = size[l - 1], ldw = w[l].ld();
                weights[l - 1] = new double[rows][cols];
                for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) weights[l - 1][r][c] = wd[c * ldw + r];
                biases[l - 1] = bias[l].clone();
            }
            return new Fitted(weights, biases, classes);
        }
    }

    /** The trained network as plain arrays: row-at-a-time prediction needs no BLAS. */
    record Fitted(double[][][] weights, double[][] biases, int classes) implements Model {
        @Override
        public int predict(double[] x, double[] probabilities) {
            double[] a = x;
            for (int l = 0; l < weights.length; l++) {
                double[][] w = weights[l];
                double[] z = new double[w.length];
                for (int j = 0; j < w.length; j++) {
                    double s = biases[l][j];
                    double[] wj = w[j];
                    for (int k = 0; k < wj.length; k++) s += wj[k] * a[k];
                    z[j] = l < weights.length - 1 && s < 0 ? 0 : s;
                }
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
