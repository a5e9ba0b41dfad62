package org.crystalbench.models;

/**
 * The loss and gradient over {@code double[][]} rows as LogisticSpec computed them before {@link TrainingRows}
 * (main 494ed58, issue 30): the reference that {@link LogisticLoss} must match bit for bit (LogisticLossTest).
 */
final class DenseLogisticLoss {
    private DenseLogisticLoss() {}

    /**
     * Summed softmax cross-entropy of the rows plus the penalty, and its gradient. Coefficients laid out
     * as {@link LogisticModel}: {@code w[j * s + c]}, intercepts last. Rows are read once, in order.
     */
    static double multinomial(double[][] x, int[] y, int k, double lambda, double[] w, double[] g) {
        int p = x[0].length, s = LogisticModel.stride(k);
        java.util.Arrays.fill(g, 0);
        double[] z = new double[k];
        double own = 0, product = 1; // the rows' log-sums as one log of their product (as LogisticLoss since s36)
        long scale = 0;
        for (int r = 0; r < x.length; r++) {
            double[] row = x[r];
            LogisticModel.scores(w, p, k, row, z);
            double max = z[0];
            for (int c = 1; c < k; c++) max = Math.max(max, z[c]);
            int label = y[r];
            own += z[label] - max;
            double sum = 0;
            for (int c = 0; c < k; c++) sum += (z[c] = TableMath.exp(z[c] - max)); // exp(0) == 1 exactly, as skipped there
            product *= sum;
            if (product > 0x1p900) {
                int e = Math.getExponent(product);
                product = Math.scalb(product, -e);
                scale += e;
            }
            for (int c = 0; c < k; c++) z[c] = z[c] / sum - (c == label ? 1 : 0); // residual p - y
            for (int j = 0; j < p; j++) {
                double xj = row[j];
                if (xj == 0) continue;
                int o = j * s;
                for (int c = 0; c < k; c++) g[o + c] += xj * z[c];
            }
            for (int c = 0; c < k; c++) g[p * s + c] += z[c];
        }
        double loss = scale * 6.93147180369123816490e-01 + (scale * 1.90821492927058770002e-10 + StrictMath.log(product)) - own;
        return loss + LogisticLoss.penalty(w, p * s, lambda, g);
    }

    /** Summed logistic loss log(1 + e^z) - y z of the rows (y in {0, 1}) plus the penalty, and its gradient. */
    static double binomial(double[][] x, int[] y, double lambda, double[] w, double[] g) {
        int p = x[0].length;
        java.util.Arrays.fill(g, 0);
        double[] score = new double[1];
        double loss = 0;
        for (int r = 0; r < x.length; r++) {
            double[] row = x[r];
            LogisticModel.scores(w, p, 1, row, score);
            double z = score[0];
            int label = y[r];
            loss += (z > 0 ? z + StrictMath.log1p(StrictMath.exp(-z)) : StrictMath.log1p(StrictMath.exp(z))) - label * z;
            double residual = LogisticModel.sigmoid(z) - label;
            for (int j = 0; j < p; j++) if (row[j] != 0) g[j] += row[j] * residual;
            g[p] += residual;
        }
        return loss + LogisticLoss.penalty(w, p, lambda, g);
    }
}
