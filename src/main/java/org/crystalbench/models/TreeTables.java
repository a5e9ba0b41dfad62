package org.crystalbench.models;

import java.util.ArrayList;
import java.util.List;

/**
 * Small trees (at most {@link #MAX} internal nodes each, as the boosting's trees of at most 6 leaves) walked without a
 * walk, after QuickScorer's idea: a row evaluates every comparison of the tree, {@code x[feature] <= value} (NaN: false)
 * as bit j for the tree's internal node j, and the mask of k bits picks the leaf from a table of 2^k entries made once
 * by walking the tree with those outcomes. The comparisons do not depend on each other and have no jump, so a block of
 * rows runs through them at the processor's full width, where a walk follows a chain of loads and mispredicted jumps.
 * The leaf is the one the walk ({@link FlatTrees#leafOf}) reaches: the same comparisons decide it, and bits of nodes
 * off the row's path (and of padding, for trees with fewer than k nodes) are entries' don't-cares.
 *
 * @param k       bits per tree: the most internal nodes of any tree
 * @param feature per tree t and bit j, at {@code t * k + j}: the column the node tests (0 for padding)
 * @param value   per tree and bit: the threshold (0 for padding)
 * @param table   per tree t and mask m, at {@code (t << k) | m}: the leaf's index into {@code leaf}
 * @param leaf    {@link FlatTrees#leaf} (one number per leaf)
 */
record TreeTables(int k, int[] feature, double[] value, int[] table, double[] leaf) {
    /** The most internal nodes a tree may have: a table of 2^8 entries per tree. */
    static final int MAX = 8;

    /** The tables of {@code f}'s trees (one number per leaf), or null if a tree has more than {@link #MAX} internal nodes. */
    static TreeTables of(FlatTrees f) {
        if (f.width() != 1) return null;
        List<List<Integer>> nodes = new ArrayList<>();
        int k = 0;
        for (int t = 0; t < f.trees(); t++) {
            List<Integer> inner = new ArrayList<>();
            collect(f, f.roots()[t], inner);
            if (inner.size() > MAX) return null;
            nodes.add(inner);
            k = Math.max(k, inner.size());
        }
        int trees = f.trees();
        int[] feature = new int[trees * k], table = new int[trees << k];
        double[] value = new double[trees * k];
        for (int t = 0; t < trees; t++) {
            List<Integer> inner = nodes.get(t);
            for (int j = 0; j < inner.size(); j++) {
                feature[t * k + j] = f.feature()[inner.get(j)];
                value[t * k + j] = f.value()[inner.get(j)];
            }
            for (int m = 0; m < 1 << k; m++) {
                int n = f.roots()[t];
                while (n >= 0) n = (m >>> inner.indexOf(n) & 1) == 1 ? f.yes()[n] : f.no()[n];
                table[(t << k) | m] = ~n;
            }
        }
        return new TreeTables(k, feature, value, table, f.leaf());
    }

    private static void collect(FlatTrees f, int n, List<Integer> inner) {
        if (n < 0) return;
        inner.add(n);
        collect(f, f.yes()[n], inner);
        collect(f, f.no()[n], inner);
    }

    /**
     * Adds tree t's leaf value to {@code sums[i]} for each of n rows given by {@link FlatTrees#columns} (row i's value j
     * at {@code columns[j * stride + i]}); {@code mask} is scratch of n ints.
     */
    void add(int t, double[] columns, int stride, int n, int[] mask, double[] sums) {
        java.util.Arrays.fill(mask, 0, n, 0);
        for (int j = 0, o = t * k; j < k; j++) {
            int column = feature[o + j] * stride;
            double v = value[o + j];
            for (int i = 0; i < n; i++) mask[i] |= (columns[column + i] <= v ? 1 : 0) << j;
        }
        int base = t << k;
        for (int i = 0; i < n; i++) sums[i] += leaf[table[base | mask[i]]];
    }
}
