package org.crystalbench.audit;

import java.util.Arrays;

/**
 * Thresholds (ascending) and one class per interval: x below thresholds[0] is interval 0, and so on.
 */
record Partition(double[] thresholds, int[] labels) {
    int predict(double v) {
        int i = 0;
        while (i < thresholds.length && v >= thresholds[i]) i++;
        return labels[i];
    }

    static Partition fit(double[] x, int[] y, int k, int[] rows, int maxIntervals) {
        return fit(Ranked.of(x), y, k, rows, maxIntervals);
    }

    /**
     * Dynamic programme over the distinct training values: maximum training hits with at most L
     * intervals. best[j][g] = max over s of best[j-1][s] + max_c (prefix[g][c] - prefix[s][c]), computed
     * as max_c (prefix[g][c] + max_s (best[j-1][s] - prefix[s][c])) with running maxima: O(L m k)
     * instead of O(L m^2) (which took minutes on a million rows); ties go to the smallest s, as before.
     */
    static Partition fit(Ranked r, int[] y, int k, int[] rows, int maxIntervals) {
        int[] byRank = new int[r.ranks() * k];
        for (int i : rows) byRank[r.rank()[i] * k + y[i]]++;
        int[] group = present(byRank, r.ranks(), k);
        int m = group.length;
        int[] prefix = new int[(m + 1) * k];
        for (int g = 0; g < m; g++) for (int c = 0; c < k; c++) prefix[(g + 1) * k + c] = prefix[g * k + c] + byRank[group[g] * k + c];
        int L = Math.max(1, Math.min(maxIntervals, m));
        int[][] best = new int[L + 1][m + 1];
        int[][] cut = new int[L + 1][m + 1];
        for (int[] row : best) Arrays.fill(row, -1);
        best[0][0] = 0;
        long[] top = new long[k]; // per class: max over s so far of best[j-1][s] - prefix[s][c]
        int[] topS = new int[k];
        for (int j = 1; j <= L; j++) {
            Arrays.fill(top, Long.MIN_VALUE);
            for (int g = j; g <= m; g++) {
                int s = g - 1;
                if (best[j - 1][s] >= 0) {
                    for (int c = 0; c < k; c++) {
                        long v = (long) best[j - 1][s] - prefix[s * k + c];
                        if (v > top[c]) {
                            top[c] = v;
                            topS[c] = s;
                        }
                    }
                }
                long bestV = -1;
                int bestS = -1;
                for (int c = 0; c < k; c++) {
                    if (top[c] == Long.MIN_VALUE) continue;
                    long v = top[c] + prefix[g * k + c];
                    if (v > bestV || (v == bestV && topS[c] < bestS)) {
                        bestV = v;
                        bestS = topS[c];
                    }
                }
                if (bestS >= 0) {
                    best[j][g] = (int) bestV;
                    cut[j][g] = bestS;
                }
            }
        }
        int bestJ = 1;
        for (int j = 2; j <= L; j++) if (best[j][m] > best[bestJ][m]) bestJ = j; // fewer intervals on ties
        double[] thresholds = new double[bestJ - 1];
        int[] labels = new int[bestJ];
        for (int j = bestJ, g = m; j >= 1; j--) {
            int s = cut[j][g];
            labels[j - 1] = argmaxRange(prefix, s, g, k);
            if (j > 1) thresholds[j - 2] = (r.hi()[group[s - 1]] + r.lo()[group[s]]) / 2;
            g = s;
        }
        return new Partition(thresholds, labels);
    }

    /** The ranks present in the training rows, ascending: thresholds can only go between them. */
    private static int[] present(int[] byRank, int ranks, int k) {
        int m = 0;
        int[] group = new int[ranks];
        for (int v = 0; v < ranks; v++) {
            boolean present = false;
            for (int c = 0; c < k && !present; c++) present = byRank[v * k + c] > 0;
            if (present) group[m++] = v;
        }
        return Arrays.copyOf(group, m);
    }

    private static int argmaxRange(int[] prefix, int from, int to, int k) {
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (prefix[to * k + c] - prefix[from * k + c] > prefix[to * k + best] - prefix[from * k + best]) best = c;
        }
        return best;
    }
}
