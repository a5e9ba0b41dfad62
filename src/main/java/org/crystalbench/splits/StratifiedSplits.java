package org.crystalbench.splits;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.crystalbench.InputException;

/**
 * Repeated stratified splits, made once per data set and protocol from a seed, so that every model
 * and feature set sees exactly the same partitions. Each repeat draws from its own generator
 * (seed, protocol, repeat), so repeat r is the same whatever the number of repeats.
 *
 * <p>Smile's {@code CrossValidation.stratify} draws from the calling thread's MathEx generator; an
 * explicit {@link SplittableRandom} per repeat keeps the splits independent of threads and of
 * anything else that thread did before.
 */
public final class StratifiedSplits {
    private StratifiedSplits() {}

    /** Repeated stratified holdout: in each class, round(n_c x testRatio) rows go to test. */
    public static List<Split> holdout(int[] y, int classes, int repeats, double testRatio, long seed) {
        return holdout(y, classes, repeats, testRatio, seed, Protocol.HOLDOUT);
    }

    /** The same for {@code protocol} HOLDOUT or OUTER (a nested CV's outer holdout splits, their own seed stream). */
    public static List<Split> holdout(int[] y, int classes, int repeats, double testRatio, long seed, Protocol protocol) {
        int[] counts = counts(y, classes);
        for (int c = 0; c < classes; c++) {
            int nTest = (int) Math.round(counts[c] * testRatio);
            if (nTest < 1 || counts[c] - nTest < 1) {
                throw new InputException("class " + c + " has " + counts[c] + " rows: too few for a stratified "
                        + "holdout with test_ratio " + testRatio + " (each part needs at least one row of each class)");
            }
        }
        List<Split> splits = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            SplittableRandom rng = new SplittableRandom(Seeds.splitRepeat(seed, protocol, null, r));
            boolean[] isTest = new boolean[y.length];
            for (int c = 0; c < classes; c++) {
                int[] rows = shuffledRowsOf(y, c, rng);
                int nTest = (int) Math.round(rows.length * testRatio);
                for (int i = 0; i < nTest; i++) isTest[rows[i]] = true;
            }
            splits.add(partition(SplitId.of(protocol, r, 0), isTest));
        }
        return List.copyOf(splits);
    }

    /** Repeated stratified k-fold of the config's {@code cv} protocol. */
    public static List<Split> crossValidation(int[] y, int classes, int repeats, int folds, long seed) {
        return crossValidation(y, classes, repeats, folds, seed, Protocol.CV, null);
    }

    /**
     * Repeated stratified k-fold: each class's shuffled rows are dealt to the folds in turn.
     *
     * @param protocol CV, OUTER, or INNER (then {@code outer} names the outer split whose rows {@code y} holds)
     */
    public static List<Split> crossValidation(int[] y, int classes, int repeats, int folds, long seed, Protocol protocol,
                                              SplitId outer) {
        int[] counts = counts(y, classes);
        for (int c = 0; c < classes; c++) {
            if (counts[c] < folds) {
                throw new InputException("class " + c + " has " + counts[c] + " rows: fewer than the " + folds
                        + " folds of stratified cross-validation need");
            }
        }
        List<Split> splits = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            SplittableRandom rng = new SplittableRandom(Seeds.splitRepeat(seed, protocol, outer, r));
            int[] fold = new int[y.length];
            int next = 0; // continue dealing across classes so fold sizes differ by at most one
            for (int c = 0; c < classes; c++) {
                for (int row : shuffledRowsOf(y, c, rng)) fold[row] = next++ % folds;
            }
            for (int f = 0; f < folds; f++) {
                boolean[] isTest = new boolean[y.length];
                for (int i = 0; i < y.length; i++) isTest[i] = fold[i] == f;
                splits.add(partition(protocol == Protocol.INNER ? SplitId.inner(outer, r, f) : SplitId.of(protocol, r, f), isTest));
            }
        }
        return List.copyOf(splits);
    }

    static Split partition(SplitId id, boolean[] isTest) {
        int nTest = 0;
        for (boolean t : isTest) if (t) nTest++;
        int[] train = new int[isTest.length - nTest], test = new int[nTest];
        for (int i = 0, a = 0, b = 0; i < isTest.length; i++) {
            if (isTest[i]) test[b++] = i;
            else train[a++] = i;
        }
        return new Split(id, train, test);
    }

    private static int[] shuffledRowsOf(int[] y, int c, SplittableRandom rng) {
        return Shuffle.inPlace(java.util.stream.IntStream.range(0, y.length).filter(i -> y[i] == c).toArray(), rng);
    }

    static int[] counts(int[] y, int classes) {
        int[] counts = new int[classes];
        for (int label : y) counts[label]++;
        if (Arrays.stream(counts).filter(n -> n > 0).count() < 2) {
            throw new InputException("the target has fewer than 2 classes");
        }
        return counts;
    }
}
