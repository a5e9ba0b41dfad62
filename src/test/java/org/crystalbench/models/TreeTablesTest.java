package org.crystalbench.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * {@link TreeTables} (issue 30): a row's mask of comparisons picks the leaf the walk ({@link FlatTrees#leafOf}) reaches,
 * on fitted boosted trees (2, 3, 5 classes; rows at every threshold, NaN, infinities, -0.0) and on hand-built trees
 * (a single leaf, fewer nodes than the widest tree); trees too large or leaves of several numbers get no tables; and the
 * boosting's batch path with tables gives the bits of its walk.
 */
class TreeTablesTest {
    /** Tree t adds leaf[leafOf(t, row)] to each row's sum, for the rows by column with a stride beyond the rows. */
    static void sameLeaves(FlatTrees f, TreeTables tables, double[][] x, String what) {
        double[] columns = FlatTreesTest.columns(x, 0, x.length);
        int[] mask = new int[x.length];
        for (int t = 0; t < f.trees(); t++) {
            double[] sums = new double[x.length];
            tables.add(t, columns, x.length + 3, x.length, mask, sums);
            for (int i = 0; i < x.length; i++) {
                assertEquals(f.leaf()[f.leafOf(t, x[i])], sums[i], what + ": tree " + t + ", row " + i);
            }
        }
    }

    @Test
    void boostedTreesTablesPickTheWalksLeaves() {
        for (int k : new int[] {2, 3, 5}) {
            int[] y = new int[300];
            double[][] train = BatchPredictionTest.rows(300, k, 31, y), test = BatchPredictionTest.rows(400, k, 32, null);
            var boosted = (GradientBoostingSpec.Boosted) new GradientBoostingSpec("gbt", 15, null, null, null, null, null)
                    .fit(train, y, k, 3);
            FlatTrees trees = boosted.flat().trees();
            TreeTables tables = boosted.flat().tables();
            assertNotNull(tables, "trees of at most 6 leaves get tables");
            assertEquals(5, tables.k(), "the widest tree's internal nodes");
            sameLeaves(trees, tables, BatchPredictionTest.with(test, BatchPredictionTest.handWritten(trees)), k + " classes");
        }
    }

    /** Tree 0: x0 <= 0.5 ? (x1 <= -0.0 ? leaf 1 : leaf 2) : leaf 0; tree 1: leaf 3 alone; tree 2: x1 <= 2 ? leaf 4 : leaf 5. */
    @Test
    void handBuiltTrees() {
        var f = new FlatTrees(new int[] {0, ~3, 2}, new int[] {0, 1, 1}, new double[] {0.5, -0.0, 2}, new int[] {1, ~1, ~4},
                new int[] {~0, ~2, ~5}, new double[] {10, 11, 12, 13, 14, 15}, 1);
        double nan = Double.NaN, inf = Double.POSITIVE_INFINITY;
        double[][] x = {{0.5, 0.0}, {0.5, -0.0}, {0.5, Math.ulp(0.0)}, {Math.nextUp(0.5), -1}, {nan, -1}, {0, nan},
                {-inf, -inf}, {inf, -inf}, {0, inf}, {0, 2}, {0, Math.nextUp(2.0)}};
        TreeTables tables = TreeTables.of(f);
        assertEquals(2, tables.k());
        sameLeaves(f, tables, x, "hand-built");
        double[] sums = new double[x.length];
        tables.add(0, FlatTreesTest.columns(x, 0, x.length), x.length + 3, x.length, new int[x.length], sums);
        assertArrayEquals(new double[] {11, 11, 12, 10, 10, 12, 11, 10, 12, 12, 12}, sums);
    }

    /** A chain of MAX + 1 internal nodes is too large; leaves of two numbers (a forest's shares) are not tabled. */
    @Test
    void noTablesForLargeTreesOrWideLeaves() {
        int m = TreeTables.MAX + 1;
        int[] feature = new int[m], yes = new int[m], no = new int[m];
        double[] value = new double[m], leaf = new double[m + 1];
        for (int n = 0; n < m; n++) {
            value[n] = n;
            yes[n] = ~n;
            no[n] = n + 1 < m ? n + 1 : ~m;
        }
        assertNull(TreeTables.of(new FlatTrees(new int[] {0}, feature, value, yes, no, leaf, 1)));
        int[] small = {0};
        assertNotNull(TreeTables.of(new FlatTrees(small, new int[1], new double[1], new int[] {~0}, new int[] {~1}, leaf, 1)));
        assertNull(TreeTables.of(new FlatTrees(small, new int[1], new double[1], new int[] {~0}, new int[] {~1}, leaf, 2)));
    }

    /** The batch path through the tables gives the bits of the same model's walk (its Flat without tables). */
    @Test
    void tablesBatchIsTheWalksBatch() {
        for (int k : new int[] {2, 4}) {
            int[] y = new int[300];
            double[][] train = BatchPredictionTest.rows(300, k, 33, y), test = BatchPredictionTest.rows(700, k, 34, null);
            var b = (GradientBoostingSpec.Boosted) new GradientBoostingSpec("gbt", 20, null, null, null, null, null)
                    .fit(train, y, k, 5);
            var f = b.flat();
            var walked = new GradientBoostingSpec.Boosted(b.model(), b.schema(), k,
                    new GradientBoostingSpec.Flat(f.trees(), f.scores(), f.start(), f.labels(), null));
            double[][] x = BatchPredictionTest.with(test, BatchPredictionTest.handWritten(f.trees()));
            double[][] p = new double[x.length][k], q = new double[x.length][k];
            int[] l = new int[x.length], r = new int[x.length];
            b.predict(x, p, l, 3, x.length - 1);
            walked.predict(x, q, r, 3, x.length - 1);
            assertArrayEquals(r, l);
            for (int i = 0; i < x.length; i++) assertArrayEquals(q[i], p[i], "row " + i);
        }
    }
}
