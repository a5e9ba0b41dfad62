package org.crystalbench.stats;

import java.util.Arrays;
import smile.stat.distribution.ChiSquareDistribution;
import smile.stat.distribution.FDistribution;
import smile.stat.distribution.GaussianDistribution;

/**
 * Comparing k learners over N data sets (Demšar, "Statistical comparisons of classifiers over multiple
 * data sets", JMLR 7, 2006): average ranks, the Friedman test with the Iman–Davenport F, the Nemenyi
 * critical difference and Holm's step-down against the best-ranked learner. Pure functions over a
 * data set × learner table of scores (higher is better); rank 1 is the best, ties share the mean rank.
 */
public final class MultiDataset {
    private MultiDataset() {}

    /** Ranks of each row (1 = highest score), ties given their average rank, as Demšar does. */
    public static double[][] ranks(double[][] scores) {
        double[][] r = new double[scores.length][];
        for (int i = 0; i < scores.length; i++) {
            double[] row = scores[i];
            int k = row.length;
            Integer[] order = new Integer[k];
            for (int j = 0; j < k; j++) order[j] = j;
            Arrays.sort(order, (a, b) -> Double.compare(row[b], row[a]));
            r[i] = new double[k];
            for (int s = 0; s < k; ) {
                int e = s;
                while (e + 1 < k && row[order[e + 1]] == row[order[s]]) e++;
                double avg = (s + e) / 2.0 + 1;
                for (int t = s; t <= e; t++) r[i][order[t]] = avg;
                s = e + 1;
            }
        }
        return r;
    }

    /** Column means of {@link #ranks}. */
    public static double[] meanRanks(double[][] scores) {
        double[][] r = ranks(scores);
        double[] m = new double[r[0].length];
        for (double[] row : r) for (int j = 0; j < m.length; j++) m[j] += row[j] / r.length;
        return m;
    }

    /**
     * @param chi2 Friedman's χ²_F (k−1 degrees of freedom), without a tie correction (Demšar's eq.)
     * @param ff   Iman–Davenport's F_F = (N−1)χ²_F / (N(k−1) − χ²_F), F with (k−1, (k−1)(N−1)) degrees of freedom
     */
    public record Friedman(int n, int k, double chi2, double pChi2, double ff, double pF) {}

    /** The Friedman test from the average ranks of k learners over n data sets (Demšar's formula, no tie correction). */
    public static Friedman friedman(double[] meanRanks, int n) {
        int k = meanRanks.length;
        if (k < 2 || n < 2) throw new IllegalArgumentException("Friedman test needs k >= 2 learners and n >= 2 data sets");
        double sumSq = 0;
        for (double r : meanRanks) sumSq += r * r;
        return test(12.0 * n / (k * (k + 1.0)) * (sumSq - k * (k + 1.0) * (k + 1.0) / 4), n, k);
    }

    /**
     * The Friedman test from a data set × learner table of scores, with the usual correction for tied ranks
     * (χ²_F divided by 1 − Σ(t³ − t) / (n k (k² − 1)) over the tie groups; as scipy.stats.friedmanchisquare).
     * Without ties it equals {@link #friedman(double[], int)}.
     */
    public static Friedman friedman(double[][] scores) {
        int n = scores.length, k = scores[0].length;
        Friedman plain = friedman(meanRanks(scores), n);
        double ties = 0;
        for (double[] row : ranks(scores)) {
            double[] sorted = row.clone();
            Arrays.sort(sorted);
            for (int s = 0; s < k; ) {
                int e = s;
                while (e + 1 < k && sorted[e + 1] == sorted[s]) e++;
                double t = e - s + 1;
                ties += t * t * t - t;
                s = e + 1;
            }
        }
        double c = 1 - ties / (n * k * (k * k - 1.0));
        return c <= 0 ? plain : test(plain.chi2() / c, n, k); // c = 0: every row all tied, nothing to test
    }

    private static Friedman test(double chi2, int n, int k) {
        chi2 = Math.max(0, chi2);
        double pChi2 = 1 - new ChiSquareDistribution(k - 1).cdf(chi2);
        double denom = n * (k - 1.0) - chi2;
        double ff = denom <= 0 ? Double.POSITIVE_INFINITY : (n - 1.0) * chi2 / denom;
        double pF = Double.isInfinite(ff) ? 0 : 1 - new FDistribution(k - 1, (k - 1) * (n - 1)).cdf(ff);
        return new Friedman(n, k, chi2, clamp(pChi2), ff, clamp(pF));
    }

    /*
     * q_alpha = (studentized range quantile with infinite degrees of freedom) / sqrt(2), for k = 2..20.
     * k <= 10: Demšar 2006, Table 5(a). k = 11..20: scipy.stats.studentized_range.ppf(1 - alpha, k, inf) / sqrt(2),
     * rounded to 3 digits (it reproduces Table 5(a) to within 0.001).
     */
    private static final double[] Q05 = {1.960, 2.343, 2.569, 2.728, 2.850, 2.949, 3.031, 3.102, 3.164,
            3.219, 3.268, 3.313, 3.354, 3.391, 3.426, 3.458, 3.489, 3.517, 3.544};
    private static final double[] Q10 = {1.645, 2.052, 2.291, 2.459, 2.589, 2.693, 2.780, 2.855, 2.920,
            2.978, 3.030, 3.077, 3.120, 3.159, 3.196, 3.230, 3.261, 3.291, 3.319};

    /** Largest number of learners the Nemenyi table covers. */
    public static final int MAX_K = 20;

    /** q_alpha of the Nemenyi test, alpha 0.05 or 0.10, 2 <= k <= 20. */
    public static double nemenyiQ(int k, double alpha) {
        if (k < 2 || k > MAX_K) throw new IllegalArgumentException("Nemenyi table covers 2..20 learners, not " + k);
        if (alpha == 0.05) return Q05[k - 2];
        if (alpha == 0.10) return Q10[k - 2];
        throw new IllegalArgumentException("Nemenyi table has alpha 0.05 and 0.10, not " + alpha);
    }

    /** Nemenyi's critical difference of average ranks: q_alpha sqrt(k(k+1) / 6N). */
    public static double criticalDifference(int k, int n, double alpha) {
        return nemenyiQ(k, alpha) * Math.sqrt(k * (k + 1.0) / (6.0 * n));
    }

    /**
     * Each learner against the best-ranked one (lowest mean rank; ties to the earlier): two-sided z test of the
     * rank difference, z = (R_i − R_best) / sqrt(k(k+1)/6N), then Holm's step-down over the k−1 comparisons.
     *
     * @param p     raw p per learner (NaN for the best)
     * @param pHolm Holm-adjusted p per learner (NaN for the best)
     */
    public record VersusBest(int best, double[] z, double[] p, double[] pHolm) {}

    public static VersusBest holmVersusBest(double[] meanRanks, int n) {
        int k = meanRanks.length;
        int best = 0;
        for (int j = 1; j < k; j++) if (meanRanks[j] < meanRanks[best]) best = j;
        double se = Math.sqrt(k * (k + 1.0) / (6.0 * n));
        double[] z = new double[k], p = new double[k], holm = new double[k];
        double[] raw = new double[k - 1];
        var normal = new GaussianDistribution(0, 1);
        for (int j = 0, m = 0; j < k; j++) {
            if (j == best) { z[j] = p[j] = holm[j] = Double.NaN; continue; }
            z[j] = (meanRanks[j] - meanRanks[best]) / se;
            p[j] = clamp(2 * (1 - normal.cdf(Math.abs(z[j]))));
            raw[m++] = p[j];
        }
        double[] adj = Resampling.holm(raw);
        for (int j = 0, m = 0; j < k; j++) if (j != best) holm[j] = adj[m++];
        return new VersusBest(best, z, p, holm);
    }

    private static double clamp(double p) {
        return Math.min(1, Math.max(0, p));
    }
}
