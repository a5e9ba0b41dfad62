package org.crystalbench.splits;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.crystalbench.InputException;

/**
 * Splits that keep every group (rows of one formula, patient, site...) on one side, stratified by class as far
 * as the groups allow, and the ordered holdout. Like {@link StratifiedSplits}, each repeat draws from its own
 * generator (seed, protocol, repeat), so a split depends on neither the number of repeats nor the threads.
 *
 * <p><b>Grouped k-fold</b> is scikit-learn's {@code StratifiedGroupKFold(shuffle=True)} algorithm (1.3): the
 * groups are shuffled, then sorted (stably) by the standard deviation of their class counts, largest first;
 * each group in turn goes to the fold where the mean over classes of the standard deviation, across folds, of
 * the fold's share of that class's rows is smallest (ties: the fold with fewer rows). The assignment is not
 * the same as scikit-learn's (another generator); its properties are (tests compare them).
 *
 * <p><b>Grouped holdout</b>: the test part should hold round(n_c x ratio) rows of each class c. The groups are
 * shuffled; each in turn joins the test part if that brings the test part's class counts closer to those
 * targets (sum of absolute differences), else the training part. So no group is split, the test part is about
 * the requested size, and its class balance is as close as the groups (in that order) allow.
 */
public final class GroupedSplits {
    private GroupedSplits() {}

    /** Repeated grouped holdout of the config's {@code grouped_holdout}. */
    public static List<Split> holdout(int[] y, int[] group, int classes, int repeats, double testRatio, long seed) {
        int[] counts = StratifiedSplits.counts(y, classes);
        int[][] byGroup = classCounts(y, group, classes);
        int groups = byGroup.length;
        if (groups < 2) throw new InputException("only " + groups + " group: a grouped holdout needs at least 2");
        double[] target = new double[classes];
        for (int c = 0; c < classes; c++) target[c] = Math.round(counts[c] * testRatio);
        List<Split> splits = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            SplittableRandom rng = new SplittableRandom(Seeds.splitRepeat(seed, Protocol.GROUPED_HOLDOUT, null, r));
            int[] order = shuffled(groups, rng);
            boolean[] testGroup = new boolean[groups];
            double[] test = new double[classes];
            for (int g : order) {
                double before = 0, after = 0;
                for (int c = 0; c < classes; c++) {
                    before += Math.abs(test[c] - target[c]);
                    after += Math.abs(test[c] + byGroup[g][c] - target[c]);
                }
                if (after < before) {
                    testGroup[g] = true;
                    for (int c = 0; c < classes; c++) test[c] += byGroup[g][c];
                }
            }
            boolean[] isTest = new boolean[y.length];
            for (int i = 0; i < y.length; i++) isTest[i] = testGroup[group[i]];
            Split s = StratifiedSplits.partition(SplitId.of(Protocol.GROUPED_HOLDOUT, r, 0), isTest);
            requireEveryClassInTraining(s, y, classes);
            splits.add(s);
        }
        return List.copyOf(splits);
    }

    /** Repeated grouped stratified k-fold of the config's {@code grouped_cv}. */
    public static List<Split> crossValidation(int[] y, int[] group, int classes, int repeats, int folds, long seed) {
        return crossValidation(y, group, classes, repeats, folds, seed, Protocol.GROUPED_CV, null);
    }

    /**
     * Repeated grouped stratified k-fold.
     *
     * @param group    per row, its group index (0..G-1)
     * @param protocol GROUPED_CV, OUTER or INNER (then {@code outer} names the outer split whose rows {@code y} holds)
     */
    public static List<Split> crossValidation(int[] y, int[] group, int classes, int repeats, int folds, long seed,
                                              Protocol protocol, SplitId outer) {
        int[] counts = StratifiedSplits.counts(y, classes);
        int[][] byGroup = classCounts(y, group, classes);
        int groups = byGroup.length;
        if (groups < folds) {
            throw new InputException("only " + groups + " groups: fewer than the " + folds + " folds of grouped cross-validation need");
        }
        double[] std = new double[groups];
        for (int g = 0; g < groups; g++) std[g] = sd(byGroup[g]);
        List<Split> splits = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            SplittableRandom rng = new SplittableRandom(Seeds.splitRepeat(seed, protocol, outer, r));
            Integer[] order = Arrays.stream(shuffled(groups, rng)).boxed().toArray(Integer[]::new);
            Arrays.sort(order, (a, b) -> Double.compare(std[b], std[a])); // stable: shuffled order among equals
            double[][] perFold = new double[folds][classes];
            int[] foldOf = new int[groups];
            for (int g : order) {
                int best = -1;
                double bestEval = Double.POSITIVE_INFINITY, bestSize = Double.POSITIVE_INFINITY;
                for (int f = 0; f < folds; f++) {
                    for (int c = 0; c < classes; c++) perFold[f][c] += byGroup[g][c];
                    double eval = imbalance(perFold, counts);
                    double size = Arrays.stream(perFold[f]).sum();
                    for (int c = 0; c < classes; c++) perFold[f][c] -= byGroup[g][c];
                    boolean tie = Math.abs(eval - bestEval) <= 1e-10 * Math.abs(bestEval);
                    if (eval < bestEval && !tie || tie && size < bestSize) {
                        best = f;
                        bestEval = eval;
                        bestSize = size;
                    }
                }
                foldOf[g] = best;
                for (int c = 0; c < classes; c++) perFold[best][c] += byGroup[g][c];
            }
            for (int f = 0; f < folds; f++) {
                boolean[] isTest = new boolean[y.length];
                boolean any = false;
                for (int i = 0; i < y.length; i++) any |= isTest[i] = foldOf[group[i]] == f;
                if (!any) throw new InputException("grouped cross-validation left fold " + (f + 1) + " of " + folds + " empty");
                Split s = StratifiedSplits.partition(protocol == Protocol.INNER ? SplitId.inner(outer, r, f) : SplitId.of(protocol, r, f), isTest);
                requireEveryClassInTraining(s, y, classes);
                splits.add(s);
            }
        }
        return List.copyOf(splits);
    }

    /**
     * The ordered holdout: rows sorted by {@code key} (numbers when every key is one, else text; ties in row
     * order); the last round(n x ratio) rows are the test part, and rows tied with the first of them join it
     * too, so that no training row is later than (or as late as) a test row.
     */
    public static List<Split> ordered(int[] y, String[] key, int classes, double testRatio) {
        StratifiedSplits.counts(y, classes);
        int n = y.length;
        boolean numeric = Arrays.stream(key).allMatch(GroupedSplits::isNumber);
        java.util.Comparator<Integer> byKey = numeric
                ? java.util.Comparator.comparingDouble(i -> Double.parseDouble(key[i].trim()))
                : java.util.Comparator.comparing(i -> key[i]);
        Integer[] order = java.util.stream.IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, byKey); // stable: ties in row order
        int nTest = (int) Math.round(n * testRatio);
        if (nTest < 1 || nTest >= n) throw new InputException("an ordered holdout of " + n + " rows with test_ratio " + testRatio + " has an empty part");
        int first = n - nTest;
        while (first > 0 && byKey.compare(order[first - 1], order[first]) == 0) first--;
        if (first == 0) throw new InputException("every row has the same order value: an ordered holdout has no training rows");
        boolean[] isTest = new boolean[n];
        for (int i = first; i < n; i++) isTest[order[i]] = true;
        Split s = StratifiedSplits.partition(SplitId.of(Protocol.ORDERED, 0, 0), isTest);
        requireEveryClassInTraining(s, y, classes);
        return List.of(s);
    }

    /** Group indexes 0..G-1 for keys, in order of first appearance. */
    public static int[] index(String[] keys) {
        var ids = new java.util.HashMap<String, Integer>();
        int[] out = new int[keys.length];
        for (int i = 0; i < keys.length; i++) out[i] = ids.computeIfAbsent(keys[i], k -> ids.size());
        return out;
    }

    /** Per split, the number of its test rows whose group also has a row in its training part. */
    public static int testRowsWithGroupInTraining(Split s, int[] group) {
        int groups = 0;
        for (int g : group) groups = Math.max(groups, g + 1);
        boolean[] inTrain = new boolean[groups];
        for (int i : s.train()) inTrain[group[i]] = true;
        int n = 0;
        for (int i : s.test()) if (inTrain[group[i]]) n++;
        return n;
    }

    private static boolean isNumber(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s.trim()));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Mean over classes of the SD across folds of each fold's share of the class (scikit-learn's fold_eval). */
    private static double imbalance(double[][] perFold, int[] counts) {
        int folds = perFold.length, classes = counts.length;
        double total = 0;
        int used = 0;
        for (int c = 0; c < classes; c++) {
            if (counts[c] == 0) continue; // a class absent here (an inner split's rows) has no share
            double[] share = new double[folds];
            for (int f = 0; f < folds; f++) share[f] = perFold[f][c] / counts[c];
            total += sd(share);
            used++;
        }
        return total / used;
    }

    /** Population SD (numpy's default ddof=0). */
    private static double sd(double[] v) {
        double mean = Arrays.stream(v).average().orElse(0), ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        return Math.sqrt(ss / v.length);
    }

    private static double sd(int[] v) {
        return sd(Arrays.stream(v).asDoubleStream().toArray());
    }

    private static int[][] classCounts(int[] y, int[] group, int classes) {
        int groups = Arrays.stream(group).max().orElse(-1) + 1;
        int[][] out = new int[groups][classes];
        for (int i = 0; i < y.length; i++) out[group[i]][y[i]]++;
        return out; // callers index groups densely (index()), so every group here has a row
    }

    private static int[] shuffled(int n, SplittableRandom rng) {
        return Shuffle.inPlace(java.util.stream.IntStream.range(0, n).toArray(), rng);
    }

    /** A class with no training row cannot be learnt: such a split is bad input, named by the caller. */
    private static void requireEveryClassInTraining(Split s, int[] y, int classes) {
        int[] counts = StratifiedSplits.counts(y, classes);
        boolean[] seen = new boolean[classes];
        for (int i : s.train()) seen[y[i]] = true;
        for (int c = 0; c < classes; c++) {
            if (counts[c] > 0 && !seen[c]) {
                throw new InputException("class " + c + " has no training row in " + s.label()
                        + ": its groups all fell on the test side (too few groups of that class)");
            }
        }
    }
}
