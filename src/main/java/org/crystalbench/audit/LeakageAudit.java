package org.crystalbench.audit;

import org.crystalbench.splits.Protocol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.crystalbench.audit.FeatureAudit.Kind;
import org.crystalbench.data.Dataset;
import org.crystalbench.io.Parallel;
import org.crystalbench.splits.Split;

/**
 * Leakage audit: does a single feature (nearly) determine the target?
 *
 * <p>Categorical features: H(target | feature) and the pure share are computed on all rows and are
 * information only when the column has many rare values, because the plug-in entropy of a column with
 * one row per value is 0 whatever the column means (every singleton is "pure"). What decides a flag
 * is out of sample: a lookup table value -> majority class fitted on each split's training rows and
 * scored on its test rows (an unseen value predicts the training majority). Numeric features: the best
 * partition of the feature's axis into at most K intervals (K = number of classes), cut at K - 1
 * thresholds chosen to maximise training accuracy, each interval predicting its majority training
 * class — a one-feature decision tree of K leaves — scored on the test rows.
 */
public final class LeakageAudit {
    private LeakageAudit() {}

    /** Flag when H(target | feature) is at most this many bits (and the column is not too sparse). */
    public static final double MAX_ENTROPY_BITS = 0.05;
    /** Flag when the single feature's mean test accuracy is at least this. */
    public static final double MIN_ACCURACY = 0.99;
    /**
     * The entropy rule applies only with at least this many rows per category on average: below it,
     * a near-zero plug-in H is what sparse counts give by themselves (an id column has H = 0).
     */
    public static final double MIN_ROWS_PER_CATEGORY = 5;

    /**
     * A numeric column with more distinct values than this is cut into about this many quantile bins
     * before the partition is fitted (thresholds then fall between bins, not between any two values), so
     * each split costs O(bins) after one O(n log n) sort. At or below it the partition is exact; above it,
     * each of the K - 1 thresholds moves at most one bin (under n / BINS rows plus one value's ties) from
     * the exact optimum: training accuracy within about (K - 1) / BINS of it.
     */
    public static final int BINS = 1024;

    /** Every numeric then categorical feature of the data set, per protocol, over that protocol's splits. */
    public static List<FeatureAudit> of(Dataset data, Map<Protocol, List<Split>> splits) {
        return of(data, splits, 1);
    }

    /**
     * As {@link #of(Dataset, Map)}, one feature per task on {@code threads} threads; each feature's column is
     * prepared once (ranked or coded) and read off on every split of every protocol. The result is the same
     * for every thread count: each feature's numbers are computed by one task in split order.
     */
    public static List<FeatureAudit> of(Dataset data, Map<Protocol, List<Split>> splits, int threads) {
        int k = data.classes().size();
        int[] y = data.y();
        List<Callable<List<FeatureAudit>>> numeric = new ArrayList<>();
        for (int j = 0; j < data.numericNames().size(); j++) {
            int col = j;
            numeric.add(() -> {
                Ranked x = Ranked.of(numericColumn(data, col), BINS);
                List<FeatureAudit> perProtocol = new ArrayList<>();
                splits.forEach((protocol, ss) -> {
                    double acc = ss.stream().mapToDouble(s -> intervalAccuracy(x, y, k, s, k)).average().orElse(Double.NaN);
                    perProtocol.add(new FeatureAudit(protocol, data.numericNames().get(col), Kind.NUMERIC, null, null, null, null,
                            acc, acc >= MIN_ACCURACY));
                });
                return perProtocol;
            });
        }
        List<Callable<List<FeatureAudit>>> categorical = new ArrayList<>();
        for (int j = 0; j < data.categoricalNames().size(); j++) {
            int col = j;
            categorical.add(() -> {
                String[] x = categoricalColumn(data, col);
                int[] codes = codes(x);
                int categories = Arrays.stream(codes).max().orElse(-1) + 1;
                double h = conditionalEntropyBits(x, y, k);
                double pure = pureShare(x, y);
                boolean dense = (double) x.length / categories >= MIN_ROWS_PER_CATEGORY;
                List<FeatureAudit> perProtocol = new ArrayList<>();
                splits.forEach((protocol, ss) -> {
                    double acc = ss.stream().mapToDouble(s -> lookupAccuracy(codes, categories, y, k, s)).average().orElse(Double.NaN);
                    boolean flagged = acc >= MIN_ACCURACY || (h <= MAX_ENTROPY_BITS && dense);
                    perProtocol.add(new FeatureAudit(protocol, data.categoricalNames().get(col), Kind.CATEGORICAL, categories, h,
                            pure, acc, null, flagged));
                });
                return perProtocol;
            });
        }
        List<Callable<List<FeatureAudit>>> tasks = new ArrayList<>(numeric);
        tasks.addAll(categorical);
        List<List<FeatureAudit>> byFeature = Parallel.map(tasks, threads, "crystal-bench-audit");
        // back to the report's order: per protocol, numeric then categorical features
        List<FeatureAudit> out = new ArrayList<>();
        for (int p = 0; p < splits.size(); p++) for (List<FeatureAudit> f : byFeature) out.add(f.get(p));
        return out;
    }

    /** Mean test accuracy of predicting the training majority class: the bar every feature is read against. */
    public static double majorityAccuracy(int[] y, int k, List<Split> splits) {
        return splits.stream().mapToDouble(s -> {
            int majority = argmax(counts(y, s.train(), k));
            return Arrays.stream(s.test()).filter(i -> y[i] == majority).count() / (double) s.test().length;
        }).average().orElse(Double.NaN);
    }

    /** H(Y | X) in bits, plug-in estimate on all rows: sum over x of p(x) H(Y | X = x). */
    public static double conditionalEntropyBits(String[] x, int[] y, int k) {
        Map<String, int[]> byValue = countsByValue(x, y, k);
        double h = 0;
        for (int[] c : byValue.values()) {
            int n = Arrays.stream(c).sum();
            for (int v : c) if (v > 0) h -= (double) v / x.length * Math.log((double) v / n);
        }
        return Math.max(0, h / Math.log(2));
    }

    /** Share of rows whose value occurs with a single class. */
    public static double pureShare(String[] x, int[] y) {
        int k = Arrays.stream(y).max().orElse(0) + 1;
        int rows = 0;
        for (int[] c : countsByValue(x, y, k).values()) {
            if (Arrays.stream(c).filter(v -> v > 0).count() == 1) rows += Arrays.stream(c).sum();
        }
        return x.length == 0 ? Double.NaN : (double) rows / x.length;
    }

    /** Test accuracy of value -> majority training class; unseen values get the overall training majority. */
    public static double lookupAccuracy(String[] x, int[] y, int k, Split split) {
        Map<String, int[]> table = new HashMap<>();
        for (int i : split.train()) table.computeIfAbsent(x[i], v -> new int[k])[y[i]]++;
        int fallback = argmax(counts(y, split.train(), k));
        int correct = 0;
        for (int i : split.test()) {
            int[] c = table.get(x[i]);
            if ((c == null ? fallback : argmax(c)) == y[i]) correct++;
        }
        return (double) correct / split.test().length;
    }

    /** Each value's index among the column's distinct values (in order of first appearance). */
    static int[] codes(String[] x) {
        Map<String, Integer> index = new HashMap<>();
        int[] out = new int[x.length];
        for (int i = 0; i < x.length; i++) out[i] = index.computeIfAbsent(x[i], v -> index.size());
        return out;
    }

    /** {@link #lookupAccuracy(String[], int[], int, Split)} over value codes: flat counts instead of a map per split. */
    static double lookupAccuracy(int[] codes, int categories, int[] y, int k, Split split) {
        int[] table = new int[categories * k];
        for (int i : split.train()) table[codes[i] * k + y[i]]++;
        int fallback = argmax(counts(y, split.train(), k));
        int correct = 0;
        for (int i : split.test()) {
            int c = codes[i] * k, best = -1, bestN = 0;
            for (int l = 0; l < k; l++) if (table[c + l] > bestN) { bestN = table[c + l]; best = l; }
            if ((best < 0 ? fallback : best) == y[i]) correct++;
        }
        return (double) correct / split.test().length;
    }

    /** Test accuracy of the best partition of x into at most {@code intervals} intervals, fitted on train. */
    public static double intervalAccuracy(double[] x, int[] y, int k, Split split, int intervals) {
        Partition p = Partition.fit(x, y, k, split.train(), intervals);
        int correct = 0;
        for (int i : split.test()) if (p.predict(x[i]) == y[i]) correct++;
        return (double) correct / split.test().length;
    }

    /** As {@link #intervalAccuracy(double[], int[], int, Split, int)} on a column ranked once for every split. */
    static double intervalAccuracy(Ranked r, int[] y, int k, Split split, int intervals) {
        Partition p = Partition.fit(r, y, k, split.train(), intervals);
        int correct = 0;
        for (int i : split.test()) if (p.predict(r.x()[i]) == y[i]) correct++;
        return (double) correct / split.test().length;
    }

    static double[] numericColumn(Dataset d, int j) {
        double[] v = new double[d.size()];
        for (int i = 0; i < v.length; i++) v[i] = d.numeric().get(i, j);
        return v;
    }

    static String[] categoricalColumn(Dataset d, int j) {
        String[] v = new String[d.size()];
        for (int i = 0; i < v.length; i++) v[i] = d.categorical()[i][j];
        return v;
    }

    private static Map<String, int[]> countsByValue(String[] x, int[] y, int k) {
        Map<String, int[]> m = new LinkedHashMap<>();
        for (int i = 0; i < x.length; i++) m.computeIfAbsent(x[i], v -> new int[k])[y[i]]++;
        return m;
    }

    private static int[] counts(int[] y, int[] rows, int k) {
        int[] c = new int[k];
        for (int i : rows) c[y[i]]++;
        return c;
    }

    /** Index of the largest count; ties go to the lower class index (deterministic). */
    static int argmax(int[] c) {
        int best = 0;
        for (int i = 1; i < c.length; i++) if (c[i] > c[best]) best = i;
        return best;
    }
}
