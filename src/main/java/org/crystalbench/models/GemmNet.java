package org.crystalbench.models;

import static org.crystalbench.models.GemmProducts.columns;
import static org.crystalbench.models.GemmProducts.product;
import static org.crystalbench.models.GemmProducts.productTransposed;
import static org.crystalbench.models.GemmProducts.transpose;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Weights, velocities, gradients and batch buffers of one network during training, each matrix an
 * array of columns. Layer l's weights {@code w[l]} are size[l-1] columns (one per input) of size[l];
 * activations, deltas and back-propagated deltas are batch columns (one per row) of size[l].
 */
final class GemmNet {
    final int layers, batch, classes;
    final int[] size;
    final float[][][] w, vw, gw, act, delta, back;
    final float[][] bias, vb, gb;
    private final float[][][] wt; // w[l] transposed, so that back-propagation is a column product too
    private final int[] by; // the batch's labels
    private int[][] rowsOf; // sparse first layer: per input, the batch rows where it is non-zero
    private float[][] valsOf;
    private int[] countOf;

    GemmNet(int inputs, List<Integer> hidden, int classes, int batch, SplittableRandom rng) {
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
    double gradients(GemmInputs in, int[] y, int[] order, int start) {
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
    private void firstLayer(GemmInputs in, int[] order, int start) {
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
    private void firstLayerGradient(GemmInputs in) {
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
}
