package org.crystalbench.audit;

import java.util.Arrays;

/**
 * A numeric column as ranks among its distinct values, so each split's partition needs no sort of its own;
 * with more than {@code bins} distinct values, a rank is a quantile bin of consecutive values instead.
 *
 * @param lo   per rank, its smallest value
 * @param hi   per rank, its largest value (equal to {@code lo} when ranks are values)
 * @param rank per row
 */
record Ranked(double[] x, double[] lo, double[] hi, int[] rank) {
    static Ranked of(double[] x) {
        return of(x, Integer.MAX_VALUE);
    }

    static Ranked of(double[] x, int bins) {
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        int m = 0;
        for (int i = 0; i < sorted.length; i++) if (m == 0 || Double.compare(sorted[m - 1], sorted[i]) != 0) sorted[m++] = sorted[i];
        double[] values = Arrays.copyOf(sorted, m);
        int[] rank = new int[x.length];
        for (int i = 0; i < x.length; i++) rank[i] = Arrays.binarySearch(values, x[i]);
        if (m <= bins) return new Ranked(x, values, values, rank);
        int[] binOf = quantileBins(values, rank, bins);
        int b = binOf[m - 1] + 1;
        double[] lo = new double[b], hi = new double[b];
        for (int v = m - 1; v >= 0; v--) lo[binOf[v]] = values[v];
        for (int v = 0; v < m; v++) hi[binOf[v]] = values[v];
        for (int i = 0; i < x.length; i++) rank[i] = binOf[rank[i]];
        return new Ranked(x, lo, hi, rank);
    }

    /**
     * Per distinct value (ascending), its bin: consecutive values fill a bin until it holds at least
     * rows / bins rows, so a value's ties are never split and there are at most {@code bins} bins.
     */
    static int[] quantileBins(double[] values, int[] rank, int bins) {
        int[] count = new int[values.length];
        for (int r : rank) count[r]++;
        long target = Math.max(1, ((long) rank.length + bins - 1) / bins);
        int[] binOf = new int[values.length];
        int bin = 0;
        long filled = 0;
        for (int v = 0; v < values.length; v++) {
            if (filled >= target) {
                bin++;
                filled = 0;
            }
            binOf[v] = bin;
            filled += count[v];
        }
        return binOf;
    }

    int ranks() {
        return lo.length;
    }
}
