package org.crystalbench.stats;

import java.util.Arrays;

/**
 * The typical ratio {@code after / before} of paired positive measurements, with a distribution-free
 * confidence interval: the Hodges–Lehmann estimate of the median log ratio and the exact Wilcoxon
 * signed-rank interval (the k-th smallest and largest Walsh averages), mapped back by {@code exp}.
 *
 * <p>It assumes only that the log ratios are independent and symmetric about their centre, so one
 * disturbed pair (a load spike during one of its two measurements) moves it little, unlike a mean.
 * The coverage is exact but discrete: the attained confidence ({@link #confidence}) is the smallest
 * achievable level at or above the one asked for, and with too few pairs (fewer than 6 for 95%)
 * there is none: the interval is then [0, +inf].
 *
 * @param ratio      Hodges–Lehmann estimate, as a ratio
 * @param interval   its interval, as ratios
 * @param confidence attained coverage of {@code interval}
 * @param n          number of pairs
 */
public record PairedRatio(double ratio, Interval interval, double confidence, int n) {

    /** Pairs above this count use the normal approximation of the signed-rank distribution. */
    static final int EXACT_MAX = 60;

    /**
     * @param before positive measurements, paired by index with {@code after}
     * @param level  wanted two-sided confidence, e.g. 0.95
     */
    public static PairedRatio of(double[] before, double[] after, double level) {
        if (before.length != after.length) throw new IllegalArgumentException("paired samples differ in length");
        if (before.length == 0) throw new IllegalArgumentException("no pairs");
        if (!(level > 0 && level < 1)) throw new IllegalArgumentException("level must be in (0, 1): " + level);
        int n = before.length;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            if (!(before[i] > 0) || !(after[i] > 0) || Double.isInfinite(before[i]) || Double.isInfinite(after[i])) {
                throw new IllegalArgumentException("pair " + i + " is not positive and finite: " + before[i] + ", " + after[i]);
            }
            d[i] = Math.log(after[i] / before[i]);
        }
        double[] walsh = walshAverages(d);
        double estimate = Resampling.quantileSorted(walsh, 0.5);
        int k = lowerRank(n, (1 - level) / 2); // 1-based rank of the lower bound, 0 when none is possible
        if (k == 0) return new PairedRatio(Math.exp(estimate), new Interval(0, Double.POSITIVE_INFINITY), 1, n);
        double attained = 1 - 2 * cdf(n, k - 1);
        return new PairedRatio(Math.exp(estimate), new Interval(Math.exp(walsh[k - 1]), Math.exp(walsh[walsh.length - k])),
                attained, n);
    }

    /** The n(n+1)/2 averages (d_i + d_j) / 2 for i <= j, sorted. */
    static double[] walshAverages(double[] d) {
        double[] w = new double[d.length * (d.length + 1) / 2];
        int m = 0;
        for (int i = 0; i < d.length; i++) {
            for (int j = i; j < d.length; j++) w[m++] = (d[i] + d[j]) / 2;
        }
        Arrays.sort(w);
        return w;
    }

    /**
     * The largest k with P(T <= k - 1) <= tail, T the signed-rank statistic of n pairs under the
     * null; 0 when even P(T <= 0) = 2^-n exceeds {@code tail}.
     */
    static int lowerRank(int n, double tail) {
        double[] cdf = cdf(n);
        int k = 0;
        while (k < cdf.length && cdf[k] <= tail) k++;
        return k;
    }

    /** P(T <= t) for the Wilcoxon signed-rank statistic T of n pairs without ties. */
    static double cdf(int n, int t) {
        if (t < 0) return 0;
        double[] cdf = cdf(n);
        return t >= cdf.length ? 1 : cdf[t];
    }

    /** P(T <= t) for t = 0 .. n(n+1)/2: exact up to {@link #EXACT_MAX} pairs, then normal. */
    private static double[] cdf(int n) {
        int max = n * (n + 1) / 2;
        double[] cdf = new double[max + 1];
        if (n > EXACT_MAX) {
            double mean = max / 2.0, sd = Math.sqrt(n * (n + 1) * (2.0 * n + 1) / 24);
            for (int t = 0; t <= max; t++) cdf[t] = normalCdf((t + 0.5 - mean) / sd);
            return cdf;
        }
        double[] count = new double[max + 1]; // count[s] = subsets of {1..n} with rank sum s
        count[0] = 1;
        for (int r = 1; r <= n; r++) {
            for (int s = r * (r + 1) / 2; s >= r; s--) count[s] += count[s - r];
        }
        double below = 0, all = Math.pow(2, n);
        for (int t = 0; t <= max; t++) cdf[t] = (below += count[t]) / all;
        return cdf;
    }

    private static double normalCdf(double z) {
        return new smile.stat.distribution.GaussianDistribution(0, 1).cdf(z);
    }
}
