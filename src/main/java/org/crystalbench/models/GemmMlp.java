package org.crystalbench.models;

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
        GemmNet net = new GemmNet(x[0].length, hidden, classes, Math.min(batch, n), rng);
        GemmInputs in = GemmInputs.of(x);
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
        return fitted(net);
    }

    /** The trained weights, from the net's float layers (by output) to plain double columns (by input). */
    static Fitted fitted(GemmNet net) {
        double[][][] columns = new double[net.layers][][];
        double[][] biases = new double[net.layers][];
        for (int l = 1; l <= net.layers; l++) {
            int rows = net.size[l], cols = net.size[l - 1];
            columns[l - 1] = new double[cols][rows];
            biases[l - 1] = new double[rows];
            for (int c = 0; c < cols; c++) for (int r = 0; r < rows; r++) columns[l - 1][c][r] = net.w[l][c][r];
            for (int r = 0; r < rows; r++) biases[l - 1][r] = net.bias[l][r];
        }
        return new Fitted(columns, biases, net.classes);
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

        /** A block at a time through {@link GemmPredict}: the same bits as row by row. */
        @Override
        public void predict(double[][] x, double[][] probabilities, int[] labels, int from, int to) {
            if (GemmPredict.dense(columns, biases)) GemmPredict.predict(columns, biases, x, probabilities, labels, from, to);
            else Model.super.predict(x, probabilities, labels, from, to);
        }
    }
}
