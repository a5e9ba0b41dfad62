package org.crystalbench.models;

/**
 * Naive Bayes' sums over compact training rows, without a row buffer: the same bits as over the rows written out
 * ({@code TrainingRowsTest.naiveBayesIsTheSameModel}). A one-hot column's 0 adds nothing to a sum that starts at +0.0
 * and only gains 0s and 1s, so the sums skip it; its squared deviation {@code (0 - mean)^2} is {@code mean * mean} to
 * the bit, so it is read from a table of squares; every accumulator still adds its rows in row order. Reading a row
 * into a buffer made the run's NB fit 1.24-1.3x slower than over {@code double[][]} on 41 columns (6 dense, 3 one-hot);
 * and fetching the block per row (stored or computed) made the paper NB fit 1.16x slower in the perf gate: a block at a time.
 */
final class NaiveBayesMoments {
    private NaiveBayesMoments() {}

    /** Per class and overall column sums into mean[c] and m (not yet divided); counts per class. */
    static void sums(TrainingRows x, int[] y, double[] count, double[][] mean, double[] m) {
        int d = x.d(), k = x.m();
        TrainingRows.Reader rows = x.reader();
        for (int b = 0, r = 0, n = x.size(); r < n; b++) { // a block at a time: its arrays fetched once, not per row
            double[] dense = rows.dense(b);
            int[] levels = x.levels()[b];
            for (int i = 0, end = Math.min(n, r + x.block()); r < end; r++, i++) {
                double[] mc = mean[y[r]];
                count[y[r]]++;
                for (int j = 0, at = i * d; j < d; j++) {
                    mc[j] += dense[at + j];
                    m[j] += dense[at + j];
                }
                for (int l = 0, at = i * k; l < k; l++) {
                    int c = levels[at + l];
                    if (c < 0) continue;
                    mc[c] += 1.0;
                    m[c] += 1.0;
                }
            }
        }
    }

    /** Per class and overall squared deviations from the means into var[c] and s. */
    static void deviations(TrainingRows x, int[] y, double[][] mean, double[] m, double[][] var, double[] s) {
        int d = x.d(), k = x.m(), p = x.width();
        double[][] meanSquared = new double[mean.length][p];
        for (int c = 0; c < mean.length; c++) for (int j = 0; j < p; j++) meanSquared[c][j] = mean[c][j] * mean[c][j];
        double[] mSquared = new double[p];
        for (int j = 0; j < p; j++) mSquared[j] = m[j] * m[j];
        TrainingRows.Reader rows = x.reader();
        for (int b = 0, r = 0, n = x.size(); r < n; b++) {
            double[] dense = rows.dense(b);
            int[] levels = x.levels()[b];
            for (int i = 0, end = Math.min(n, r + x.block()); r < end; r++, i++) {
                double[] mc = mean[y[r]], vc = var[y[r]], sq = meanSquared[y[r]];
                for (int j = 0, at = i * d; j < d; j++) {
                    double v = dense[at + j], dv = v - mc[j];
                    vc[j] += dv * dv;
                    s[j] += (v - m[j]) * (v - m[j]);
                }
                int j = d;
                for (int l = 0, at = i * k; l < k; l++) {
                    int c = levels[at + l];
                    if (c < 0) continue;
                    for (; j < c; j++) { // the zeros before this row's next 1
                        vc[j] += sq[j];
                        s[j] += mSquared[j];
                    }
                    double dv = 1.0 - mc[c];
                    vc[c] += dv * dv;
                    s[c] += (1.0 - m[c]) * (1.0 - m[c]);
                    j = c + 1;
                }
                for (; j < p; j++) {
                    vc[j] += sq[j];
                    s[j] += mSquared[j];
                }
            }
        }
    }
}
