package org.crystalbench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link FlatTrees#leaves}, the level-by-level walk of a block of rows (issue 30), reaches for every row the leaf that
 * {@link FlatTrees#leafOf} (one row down one tree) reaches: on fitted forests and boosted trees over generated and
 * hand-written rows (thresholds exactly, NaN, infinities, -0.0), for blocks starting anywhere and of every length up to
 * a few hundred rows, and on a hand-built forest with a tree that is a single leaf.
 */
class FlatTreesTest {
    static void sameLeaves(FlatTrees f, double[][] x, String what) {
        int[] leaves = new int[x.length], active = new int[x.length];
        var rng = new SplittableRandom(11);
        for (int t = 0; t < f.trees(); t++) {
            int from = rng.nextInt(Math.max(1, x.length / 4)), n = rng.nextInt(x.length - from + 1);
            for (int[] range : new int[][] {{0, x.length}, {from, n}}) {
                java.util.Arrays.fill(leaves, -7);
                f.leaves(t, columns(x, range[0], range[1]), range[1] + 3, range[1], leaves, active);
                for (int i = 0; i < range[1]; i++) {
                    assertEquals(f.leafOf(t, x[range[0] + i]), leaves[i], what + ": tree " + t + ", row " + (range[0] + i));
                }
            }
        }
    }

    /** Rows from..from+n by column, with a stride of n + 3 (not the row count: the stride is what is read). */
    static double[] columns(double[][] x, int from, int n) {
        double[] columns = new double[BatchPredictionTest.P * (n + 3)];
        java.util.Arrays.fill(columns, Double.NaN); // the gaps: a read of one would send rows the wrong way
        if (n > 0) FlatTrees.columns(x, from, n, columns, n + 3);
        return columns;
    }

    @Test
    void columnsAreTheRowsByColumn() {
        double[][] x = {{1, 2}, {3, 4}, {5, 6}, {7, 8}};
        double[] columns = new double[2 * 5];
        FlatTrees.columns(x, 1, 3, columns, 5);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {3, 5, 7, 0, 0, 4, 6, 8, 0, 0}, columns);
    }

    @Test
    void blockWalkReachesTheRowsLeaves() {
        for (int k : new int[] {2, 3, 5}) {
            int[] y = new int[300];
            double[][] train = BatchPredictionTest.rows(300, k, 21, y), test = BatchPredictionTest.rows(500, k, 22, null);
            var forest = (RandomForestSpec.Forest) new RandomForestSpec("rf", 20, null, null, null, null, null, null, null)
                    .fit(train, y, k, 3);
            sameLeaves(forest.flat(), BatchPredictionTest.with(test, BatchPredictionTest.handWritten(forest.flat())),
                    "forest, " + k + " classes");
            var boosted = (GradientBoostingSpec.Boosted) new GradientBoostingSpec("gbt", 15, null, null, null, null, null)
                    .fit(train, y, k, 3);
            FlatTrees trees = boosted.flat().trees();
            sameLeaves(trees, BatchPredictionTest.with(test, BatchPredictionTest.handWritten(trees)), "boosting, " + k + " classes");
        }
    }

    /** Tree 0: x0 <= 0.5 ? (x1 <= -0.0 ? leaf 1 : leaf 2) : leaf 0; tree 1: leaf 3 alone. */
    @Test
    void handBuiltTreesIncludingASingleLeaf() {
        var f = new FlatTrees(new int[] {0, ~3}, new int[] {0, 1}, new double[] {0.5, -0.0}, new int[] {1, ~1},
                new int[] {~0, ~2}, new double[] {10, 11, 12, 13}, 1);
        double nan = Double.NaN, inf = Double.POSITIVE_INFINITY;
        double[][] x = {{0.5, 0.0}, {0.5, -0.0}, {0.5, Math.ulp(0.0)}, {Math.nextUp(0.5), -1}, {nan, -1}, {0, nan},
                {-inf, -inf}, {inf, -inf}, {0, inf}};
        int[] expected = {1, 1, 2, 0, 0, 2, 1, 0, 2};
        int[] leaves = new int[x.length], active = new int[x.length];
        f.leaves(0, columns(x, 0, x.length), x.length + 3, x.length, leaves, active);
        for (int i = 0; i < x.length; i++) assertEquals(expected[i], leaves[i], "tree 0, row " + i);
        f.leaves(1, columns(x, 2, 5), 8, 5, leaves, active);
        for (int i = 0; i < 5; i++) assertEquals(3, leaves[i], "single leaf, row " + i);
        sameLeaves(f, x, "hand-built");
    }
}
