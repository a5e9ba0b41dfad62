package org.crystalbench.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import smile.stat.distribution.TDistribution;

/**
 * Intervals and tests over per-split scores of repeated resampling.
 *
 * <p>Scores from overlapping training sets are positively correlated, so the plain t-interval
 * (variance / J) is too narrow. Nadeau and Bengio (2003) correct the variance of the mean to
 * {@code (1/J + n_test/n_train) x s^2}, with J the number of splits; the corrected resampled
 * t-test uses the same factor. It is a heuristic: less optimistic, still approximate.
 */
public final class Resampling {
    private Resampling() {}

    /** Bootstrap resamples per interval: enough for stable 2.5% / 97.5% percentiles. */
    public static final int BOOTSTRAP_RESAMPLES = 2000;

    /** n_test / n_train of the correction: mean test size over mean training size of the splits; 0 without splits. */
    public static <T> double testTrainRatio(java.util.Collection<T> splits, ToDoubleFunction<T> test, ToDoubleFunction<T> train) {
        double trainMean = splits.stream().mapToDouble(train).average().orElse(0);
        return trainMean > 0 ? splits.stream().mapToDouble(test).average().orElse(0) / trainMean : 0;
    }

    /** Variance of the mean of {@code v} with the Nadeau–Bengio correction. */
    public static double correctedVarianceOfMean(double[] v, double testTrainRatio) {
        double s = Describe.sd(v);
        return (1.0 / v.length + testTrainRatio) * s * s;
    }

    /** Corrected resampled t-interval (Nadeau–Bengio), df = J - 1. */
    public static Interval correctedT(double[] v, double testTrainRatio, double level) {
        return tInterval(Describe.mean(v), Math.sqrt(correctedVarianceOfMean(v, testTrainRatio)), v.length - 1, level);
    }

    /** Plain t-interval: mean ± t x s / sqrt(J), as if the splits were independent. */
    public static Interval t(double[] v, double level) {
        return tInterval(Describe.mean(v), Describe.sd(v) / Math.sqrt(v.length), v.length - 1, level);
    }

    /** Percentile bootstrap of the mean over splits, from {@code seed}. */
    public static Interval bootstrap(double[] v, double level, long seed, int resamples) {
        if (v.length < 2) return new Interval(Describe.mean(v), Describe.mean(v));
        SplittableRandom rng = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double s = 0;
            for (int i = 0; i < v.length; i++) s += v[rng.nextInt(v.length)];
            means[b] = s / v.length;
        }
        Arrays.sort(means);
        double alpha = (1 - level) / 2;
        return new Interval(quantileSorted(means, alpha), quantileSorted(means, 1 - alpha));
    }

    /** The interval by {@code method}; {@code seed} is used by the bootstrap only. */
    public static Interval interval(CiMethod method, double[] v, double testTrainRatio, double level, long seed) {
        return switch (method) {
            case CORRECTED_T -> correctedT(v, testTrainRatio, level);
            case T -> t(v, level);
            case BOOTSTRAP -> bootstrap(v, level, seed, BOOTSTRAP_RESAMPLES);
        };
    }

    /**
     * Corrected resampled paired t-test of {@code a - b} on the same splits.
     *
     * @return mean difference, its corrected interval, t statistic and two-sided p-value
     */
    public static PairedTest correctedPairedT(double[] a, double[] b, double testTrainRatio, double level) {
        if (a.length != b.length) throw new IllegalArgumentException("paired samples differ in length");
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) d[i] = a[i] - b[i];
        double mean = Describe.mean(d);
        double se = Math.sqrt(correctedVarianceOfMean(d, testTrainRatio));
        Interval ci = tInterval(mean, se, d.length - 1, level);
        double t, p;
        if (se == 0) { // identical differences on every split: no spread to test against
            t = mean == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, mean);
            p = mean == 0 ? 1 : 0;
        } else {
            t = mean / se;
            p = d.length < 2 ? 1 : 2 * (1 - new TDistribution(d.length - 1).cdf(Math.abs(t)));
        }
        return new PairedTest(mean, ci, t, Math.min(1, Math.max(0, p)));
    }

    /** @param meanDiff mean of a - b; @param p two-sided p-value */
    public record PairedTest(double meanDiff, Interval ci, double t, double p) {}

    /**
     * Holm's step-down adjustment: sort p ascending, multiply the i-th (0-based) by (m - i), keep
     * the sequence monotone, cap at 1. Returned in the input order.
     */
    public static double[] holm(double[] p) {
        int m = p.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> Double.compare(p[x], p[y]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int r = 0; r < m; r++) {
            running = Math.max(running, Math.min(1, (m - r) * p[order[r]]));
            adjusted[order[r]] = running;
        }
        return adjusted;
    }

    static Interval tInterval(double mean, double se, int df, double level) {
        if (df < 1 || se == 0 || Double.isNaN(se)) return new Interval(mean, mean);
        double q = new TDistribution(df).quantile(1 - (1 - level) / 2);
        return new Interval(mean - q * se, mean + q * se);
    }

    /** Linear interpolation between order statistics (type 7, R's default). */
    static double quantileSorted(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
