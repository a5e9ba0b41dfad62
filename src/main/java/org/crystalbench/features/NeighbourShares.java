package org.crystalbench.features;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The neighbour descriptors of a row: for each of three keys (the reduced formula; the anonymized
 * formula with the cell's site count; the reduced formula with the site count), the class shares of the <b>training rows</b> with the same key,
 * smoothed toward the training class shares, and how many such rows there are:
 * {@code share_c = (n_c + m · prior_c) / (n + m)} with {@code m = }{@value #SMOOTHING}. It is a transform
 * fitted on the training rows' labels, like a target encoder; a test row's values never depend on a
 * test label (nor on any other test row).
 *
 * <p>A training row's own label must not describe it (a tree would read the label back), so training
 * rows get <em>out-of-fold</em> values (cross-fitting, as scikit-learn's {@code TargetEncoder}): the
 * training rows fall in {@value #FOLDS} folds by a hash of their row number, and a row's shares count
 * the training rows of the other folds only. Rows to predict use every training row.
 */
final class NeighbourShares implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Pseudo-rows of the prior added to every key's counts. */
    static final double SMOOTHING = 1.0;
    /** Folds of the training rows' cross-fitting. */
    static final int FOLDS = 5;

    private final int[] keyCols;                     // Dataset.numeric indexes of the key columns
    private final double[] prior;                    // training class shares
    private final List<Map<Double, int[]>> counts;   // per key: key value -> class counts over all training rows
    private final List<List<Map<Double, int[]>>> byFold; // per key, per fold: the same over that fold's rows

    private NeighbourShares(int[] keyCols, double[] prior, List<Map<Double, int[]>> counts,
                            List<List<Map<Double, int[]>>> byFold) {
        this.keyCols = keyCols;
        this.prior = prior;
        this.counts = counts;
        this.byFold = byFold;
    }

    /** The keys' words in column names, in the order of the key columns ({@code DerivedSpec.Composition#keyColumns}). */
    static final List<String> KEYS = List.of("formula", "prototype", "formula and sites");

    /** Column names for {@code classes}: per key, one share per class then the count. */
    static List<String> names(List<String> classes) {
        List<String> out = new ArrayList<>();
        for (String key : KEYS) {
            for (String c : classes) out.add("neighbour " + key + " share " + c);
            out.add("neighbour " + key + " count");
        }
        return List.copyOf(out);
    }

    /** Counts the classes of {@code train} rows per key value. */
    static NeighbourShares fit(org.crystalbench.data.NumericRows numeric, int[] y, int classes, int[] keyCols, int[] train) {
        double[] prior = new double[classes];
        for (int r : train) prior[y[r]] += 1.0 / train.length;
        List<Map<Double, int[]>> counts = new ArrayList<>();
        List<List<Map<Double, int[]>>> byFold = new ArrayList<>();
        for (int col : keyCols) {
            Map<Double, int[]> all = new HashMap<>();
            List<Map<Double, int[]>> folds = new ArrayList<>();
            for (int f = 0; f < FOLDS; f++) folds.add(new HashMap<>());
            for (int r : train) {
                double key = numeric.get(r, col);
                all.computeIfAbsent(key, k -> new int[classes])[y[r]]++;
                folds.get(fold(r)).computeIfAbsent(key, k -> new int[classes])[y[r]]++;
            }
            counts.add(all);
            byFold.add(folds);
        }
        return new NeighbourShares(keyCols, prior, counts, byFold);
    }

    /** Width of the values: per key, a share per class and the count. */
    int width() {
        return keyCols.length * (prior.length + 1);
    }

    /** A row to predict: its shares among every training row. */
    double[] values(double[] numeric) {
        return values(numeric, -1);
    }

    /** A training row (its row number {@code row} in the fitted data): its shares among the other folds' training rows. */
    double[] trainingValues(double[] numeric, int row) {
        return values(numeric, fold(row));
    }

    private double[] values(double[] numeric, int leaveOutFold) {
        int k = prior.length;
        double[] out = new double[width()];
        int[] n = new int[k];
        for (int j = 0; j < keyCols.length; j++) {
            double key = numeric[keyCols[j]];
            int[] all = counts.get(j).get(key);
            java.util.Arrays.fill(n, 0);
            if (all != null) System.arraycopy(all, 0, n, 0, k);
            if (leaveOutFold >= 0) {
                int[] own = byFold.get(j).get(leaveOutFold).get(key);
                if (own != null) for (int c = 0; c < k; c++) n[c] -= own[c];
            }
            int total = 0;
            for (int c : n) total += c;
            int at = j * (k + 1);
            for (int c = 0; c < k; c++) out[at + c] = (n[c] + SMOOTHING * prior[c]) / (total + SMOOTHING);
            out[at + k] = total;
        }
        return out;
    }

    /** The cross-fitting fold of row number {@code row}: a SplitMix64 hash, independent of labels and row order. */
    static int fold(int row) {
        long z = row + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (int) Long.remainderUnsigned(z, FOLDS);
    }
}
