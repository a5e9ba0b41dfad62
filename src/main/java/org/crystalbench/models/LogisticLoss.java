package org.crystalbench.models;

/**
 * The loss and gradient that {@link LogisticSpec} minimises, in one pass over {@link TrainingRows} on the calling
 * thread. Coefficients laid out as {@link LogisticModel}: {@code w[j * s + c]}, intercepts last. Each score is its
 * intercept plus the row's non-zero terms in ascending column order, and each gradient entry sums its rows in row
 * order, as over {@code double[][]} rows (the same bits, LogisticLossTest): a one-hot column's term {@code 1.0 * v}
 * is exactly {@code v}, so it is added as {@code v}; a dense zero is skipped as before (adding {@code 0 * w} could
 * turn a score of -0.0 into +0.0). The multinomial loss takes exp from {@link TableMath} (pure double arithmetic, the same
 * bits on every machine, within 0.51 ulp, 1.6x faster than {@code StrictMath.exp}) and one {@code StrictMath.log} per
 * evaluation (of the product of the rows' sums); the binomial one keeps {@code StrictMath} per row (two-class fits
 * were not measured here).
 */
final class LogisticLoss {
    private LogisticLoss() {}

    /** Summed softmax cross-entropy of the rows plus the penalty, and its gradient, for k scores. */
    static double multinomial(TrainingRows x, int[] y, int k, double lambda, double[] w, double[] g) {
        int p = x.width(), d = x.d(), m = x.m(), s = LogisticModel.stride(k), b = p * s;
        double[] z = new double[s];
        java.util.Arrays.fill(g, 0);
        // sum over rows of log(sum_c e^(z_c - max)) - (z_label - max), as log(product of the sums) - sum of the second
        // terms: one logarithm per evaluation instead of one per row. The product is kept as product * 2^scale,
        // rescaled exactly (by a power of two) before it could overflow; every sum is in [1, k], so it only grows.
        double own = 0, product = 1;
        long scale = 0;
        TrainingRows.Reader rows = x.reader();
        // one loop over the rows: walking a block at a time, as naive Bayes does, made this fit 1.05x slower (perf gate)
        for (int r = 0, blk = 0, i = 0, n = x.size(), block = x.block(); r < n; r++, i++) {
            if (i == block) { // row r is row i of block blk: counted, not divided out per row
                blk++;
                i = 0;
            }
            int at = i * d, lv = i * m;
            double[] dense = rows.dense(blk);
            int[] levels = x.levels()[blk];
            scores(w, b, s, k, dense, at, d, levels, lv, m, z);
            double max = z[0];
            for (int c = 1; c < k; c++) max = Math.max(max, z[c]);
            int label = y[r];
            own += z[label] - max;
            double sum = 0;
            for (int c = 0; c < k; c++) {
                double t = z[c] - max;
                sum += (z[c] = t == 0 ? 1 : TableMath.exp(t)); // exp(0) is exactly 1: one exponential fewer per row
            }
            product *= sum; // the row's cross-entropy is log(sum) - (z[label] - max), -log softmax(z)[label]
            if (product > 0x1p900) { // at most 2^900 * k before this: below overflow for k < 2^100
                int e = Math.getExponent(product);
                product = Math.scalb(product, -e);
                scale += e;
            }
            for (int c = 0; c < k; c++) z[c] = z[c] / sum - (c == label ? 1 : 0); // residual p - y
            for (int j = 0; j < d; j++) {
                double xj = dense[at + j];
                if (xj == 0) continue;
                for (int c = 0, o = j * s; c < k; c++) g[o + c] += xj * z[c];
            }
            for (int l = 0; l < m; l++) {
                int col = levels[lv + l];
                if (col < 0) continue;
                for (int c = 0, o = col * s; c < k; c++) g[o + c] += z[c];
            }
            for (int c = 0; c < k; c++) g[b + c] += z[c];
        }
        // scale ln 2 with fdlibm's two-part ln 2: the first product is exact for scale < 2^21
        double loss = scale * LN2_HI + (scale * LN2_LO + StrictMath.log(product)) - own;
        return loss + penalty(w, b, lambda, g);
    }

    private static final double LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10;

    /** Row r's k scores into z (s of them written, the padding's too): intercept, dense terms, then one-hot terms. */
    private static void scores(double[] w, int b, int s, int k, double[] dense, int at, int d, int[] levels, int lv, int m,
                               double[] z) {
        for (int c = 0; c < k; c += 4) {
            // four running sums in registers, as LogisticModel.scores
            double a0 = w[b + c], a1 = w[b + c + 1], a2 = w[b + c + 2], a3 = w[b + c + 3];
            for (int j = 0, o = c; j < d; j++, o += s) {
                double xj = dense[at + j];
                if (xj == 0) continue;
                a0 += xj * w[o];
                a1 += xj * w[o + 1];
                a2 += xj * w[o + 2];
                a3 += xj * w[o + 3];
            }
            for (int l = 0; l < m; l++) {
                int col = levels[lv + l];
                if (col < 0) continue;
                int o = col * s + c;
                a0 += w[o];
                a1 += w[o + 1];
                a2 += w[o + 2];
                a3 += w[o + 3];
            }
            z[c] = a0;
            z[c + 1] = a1;
            z[c + 2] = a2;
            z[c + 3] = a3;
        }
    }

    /** Summed logistic loss log(1 + e^z) - y z of the rows (y in {0, 1}) plus the penalty, and its gradient. */
    static double binomial(TrainingRows x, int[] y, double lambda, double[] w, double[] g) {
        int p = x.width(), d = x.d(), m = x.m();
        java.util.Arrays.fill(g, 0);
        double loss = 0;
        TrainingRows.Reader rows = x.reader();
        for (int r = 0, blk = 0, i = 0, n = x.size(), block = x.block(); r < n; r++, i++) {
            if (i == block) { // row r is row i of block blk: counted, not divided out per row
                blk++;
                i = 0;
            }
            int at = i * d, lv = i * m;
            double[] dense = rows.dense(blk);
            int[] levels = x.levels()[blk];
            double z = w[p];
            for (int j = 0; j < d; j++) if (dense[at + j] != 0) z += dense[at + j] * w[j];
            for (int l = 0; l < m; l++) if (levels[lv + l] >= 0) z += w[levels[lv + l]];
            int label = y[r];
            loss += (z > 0 ? z + StrictMath.log1p(StrictMath.exp(-z)) : StrictMath.log1p(StrictMath.exp(z))) - label * z;
            double residual = LogisticModel.sigmoid(z) - label;
            for (int j = 0; j < d; j++) if (dense[at + j] != 0) g[j] += dense[at + j] * residual;
            for (int l = 0; l < m; l++) if (levels[lv + l] >= 0) g[levels[lv + l]] += residual;
            g[p] += residual;
        }
        return loss + penalty(w, p, lambda, g);
    }

    /**
     * Adds lambda w to the gradient of the first {@code n} (non-intercept) values; returns lambda / 2 |w|^2 (the test
     * oracle {@code DenseLogisticLoss} adds the same penalty: it checks the rows' part).
     */
    static double penalty(double[] w, int n, double lambda, double[] g) {
        double squares = 0;
        for (int i = 0; i < n; i++) {
            squares += w[i] * w[i];
            g[i] += lambda * w[i];
        }
        return 0.5 * lambda * squares;
    }
}
