package org.crystalbench.stats;

/** Descriptive statistics over per-split values. */
public final class Describe {
    private Describe() {}

    public static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    /** Sample standard deviation (n - 1); 0 for a single value. */
    public static double sd(double[] v) {
        if (v.length < 2) return 0;
        double m = mean(v), ss = 0;
        for (double x : v) ss += (x - m) * (x - m);
        return Math.sqrt(ss / (v.length - 1));
    }
}
