package org.crystalbench.stats;

import java.util.ArrayList;
import java.util.List;
import smile.math.special.Beta;

/**
 * Change points in a series by a windowed test: at every position t with {@code window} values on
 * each side, Welch's t-test compares the mean of x[t-w, t) with that of x[t, t+w). A position is a
 * change point when p < alpha, the shift in means is at least {@code minShift} in size, and its p is
 * the smallest within +-window (so one step is flagged once, at its first changed value). A slow
 * drift of many small steps is flagged too once the drift over one window exceeds the noise and
 * {@code minShift}. Pure function; the series is usually the log of a benchmark score.
 */
public final class ChangePoints {
    private ChangePoints() {}

    /**
     * @param index first value after the change
     * @param shift mean after minus mean before
     * @param p     two-sided Welch p-value
     */
    public record ChangePoint(int index, double shift, double p) {}

    public static List<ChangePoint> windowed(double[] x, int window, double alpha, double minShift) {
        if (window < 2) throw new IllegalArgumentException("window must be >= 2");
        int n = x.length;
        double[] p = new double[n], shift = new double[n];
        java.util.Arrays.fill(p, Double.NaN);
        for (int t = window; t + window <= n; t++) {
            double[] before = java.util.Arrays.copyOfRange(x, t - window, t), after = java.util.Arrays.copyOfRange(x, t, t + window);
            shift[t] = Describe.mean(after) - Describe.mean(before);
            p[t] = welchP(before, after);
        }
        List<ChangePoint> out = new ArrayList<>();
        for (int t = window; t + window <= n; t++) {
            if (!(p[t] < alpha) || Math.abs(shift[t]) < minShift) continue;
            boolean best = true;
            for (int u = Math.max(window, t - window); u <= Math.min(n - window, t + window) && best; u++) {
                if (u == t || Math.abs(shift[u]) < minShift) continue;
                best = p[u] > p[t] || (p[u] == p[t] && u > t); // ties: the earliest position
            }
            if (best) out.add(new ChangePoint(t, shift[t], p[t]));
        }
        return List.copyOf(out);
    }

    /** Two-sided p-value of Welch's t-test of equal means. */
    static double welchP(double[] a, double[] b) {
        double va = variance(a) / a.length, vb = variance(b) / b.length, diff = Describe.mean(b) - Describe.mean(a);
        double se2 = va + vb;
        if (se2 == 0) return diff == 0 ? 1 : 0;
        double t = diff / Math.sqrt(se2);
        double df = se2 * se2 / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        return tTwoSided(t, df);
    }

    /** Two-sided p of Student's t with (possibly fractional) {@code df}: I_{df/(df+t^2)}(df/2, 1/2). */
    static double tTwoSided(double t, double df) {
        return Math.min(1, Beta.regularizedIncompleteBetaFunction(df / 2, 0.5, df / (df + t * t)));
    }

    private static double variance(double[] v) {
        double s = Describe.sd(v);
        return s * s;
    }
}
