package org.crystalbench.models;

import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import smile.model.cart.InternalNode;
import smile.model.cart.LeafNode;
import smile.model.cart.Node;
import smile.model.cart.OrdinalNode;

/**
 * Smile CART trees copied into flat arrays, for prediction without a {@code Tuple} per row and an object (and an
 * interface call) per node: Smile's trees over encoded rows split only on numeric columns ({@code OrdinalNode}: go to
 * the true child when {@code x[feature] <= value}, NaN to the false child), and a leaf becomes {@code width} numbers
 * computed once from it ({@link #leaf}). The path through a tree and the leaf's numbers are Smile's, so whatever sums a
 * caller makes of them, in Smile's order, are Smile's bits.
 *
 * <p>Node n of the whole forest: {@code feature[n]}, {@code value[n]}, children {@code yes[n]} (x <= value) and
 * {@code no[n]}; a child below 0 is leaf {@code ~child}, whose numbers are {@code leaf[~child * width ..]}. Trees are
 * laid out depth-first, one after the other ({@code roots[t]}; a tree that is a single leaf has a root below 0).
 * {@code kids} holds the same children side by side ({@code kids[2n] = yes[n]}, {@code kids[2n + 1] = no[n]}) for
 * {@link #leaves}, which picks a child by index instead of by a jump.
 *
 * @param roots   the root of each tree, in the forest's order
 * @param feature per internal node, the column it tests
 * @param value   per internal node, its threshold
 * @param yes     per internal node, the child for {@code x[feature] <= value}
 * @param no      per internal node, the other child
 * @param leaf    per leaf, {@code width} numbers
 * @param width   numbers per leaf
 * @param kids    {@code yes} and {@code no} interleaved (derived from them by the shorter constructor)
 */
record FlatTrees(int[] roots, int[] feature, double[] value, int[] yes, int[] no, double[] leaf, int width, int[] kids)
        implements Serializable {
    FlatTrees(int[] roots, int[] feature, double[] value, int[] yes, int[] no, double[] leaf, int width) {
        this(roots, feature, value, yes, no, leaf, width, interleave(yes, no));
    }

    private static int[] interleave(int[] yes, int[] no) {
        int[] kids = new int[2 * yes.length];
        for (int n = 0; n < yes.length; n++) {
            kids[2 * n] = yes[n];
            kids[2 * n + 1] = no[n];
        }
        return kids;
    }

    /** OrdinalNode's threshold: package-private in Smile 6.3.0, with no accessor. */
    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.privateLookupIn(OrdinalNode.class, MethodHandles.lookup())
                    .findVarHandle(OrdinalNode.class, "value", double.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The trees under {@code roots}, each leaf turned into {@code width} numbers by {@code leaf}; empty when a tree has a
     * split that is not an {@code OrdinalNode} (a nominal column, which encoded rows do not make): the caller then keeps
     * Smile's own prediction.
     */
    static java.util.Optional<FlatTrees> of(List<Node> roots, int width, Function<LeafNode, double[]> leaf) {
        var b = new Builder(width, leaf);
        int[] r = new int[roots.size()];
        for (int t = 0; t < r.length; t++) {
            Integer n = b.add(roots.get(t));
            if (n == null) return java.util.Optional.empty();
            r[t] = n;
        }
        return java.util.Optional.of(b.build(r));
    }

    /** Not stored: a bundle holds Smile's trees, and the model that holds this rebuilds it from them when read. */
    private Object writeReplace() {
        return null;
    }

    /** The leaf row {@code x} reaches in tree t (its index into {@link #leaf} / width). */
    int leafOf(int t, double[] x) {
        int n = roots[t];
        while (n >= 0) n = x[feature[n]] <= value[n] ? yes[n] : no[n];
        return ~n;
    }

    /**
     * Rows {@code x[from .. from + n)} copied column by column into {@code columns}: value j of row from + i at
     * {@code columns[j * stride + i]} (stride >= n), the layout {@link #leaves} and {@link TreeTables} read.
     */
    static void columns(double[][] x, int from, int n, double[] columns, int stride) {
        for (int i = 0; i < n; i++) {
            double[] row = x[from + i];
            for (int j = 0; j < row.length; j++) columns[j * stride + i] = row[j];
        }
    }

    /**
     * The leaf each of n rows reaches in tree t, into {@code leaves[i]}, the rows given by {@link #columns} (row i's value
     * j at {@code columns[j * stride + i]}): for every row the leaf {@link #leafOf} gives (the same comparison
     * {@code x <= value}, NaN to the false child). The rows go down the tree together, one level per sweep over those not
     * yet at a leaf ({@code active}, compacted as rows arrive): the steps of a sweep do not depend on each other, so the
     * processor overlaps their loads instead of following one row's chain of nodes, and the child is picked by index
     * ({@code kids}) rather than by a jump it would often mispredict. The rows by column make a step's value one load
     * at a computed address, where a row's own array costs a load of the row, a null and a bounds check first.
     */
    void leaves(int t, double[] columns, int stride, int n, int[] leaves, int[] active) {
        int root = roots[t];
        int count = root < 0 ? 0 : n;
        for (int i = 0; i < n; i++) {
            leaves[i] = root;
            active[i] = i;
        }
        while (count > 0) {
            int m = 0;
            for (int j = 0; j < count; j++) {
                int i = active[j], node = leaves[i];
                int child = kids[2 * node + (columns[feature[node] * stride + i] <= value[node] ? 0 : 1)];
                leaves[i] = child;
                active[m] = i;
                m += ~child >>> 31; // stays active while the child is a node (>= 0)
            }
            count = m;
        }
        for (int i = 0; i < n; i++) leaves[i] = ~leaves[i];
    }

    int trees() {
        return roots.length;
    }

    private static final class Builder {
        final int width;
        final Function<LeafNode, double[]> leafValues;
        final List<int[]> nodes = new ArrayList<>(); // {feature, yes, no}
        final List<Double> values = new ArrayList<>();
        final List<double[]> leaves = new ArrayList<>();

        Builder(int width, Function<LeafNode, double[]> leafValues) {
            this.width = width;
            this.leafValues = leafValues;
        }

        /** Adds the subtree under {@code node} depth-first; its index (below 0: a leaf), or null if it cannot be flattened. */
        Integer add(Node node) {
            if (node instanceof LeafNode l) {
                double[] v = leafValues.apply(l);
                if (v == null || v.length != width) return null;
                leaves.add(v);
                return ~(leaves.size() - 1);
            }
            if (!(node instanceof OrdinalNode o)) return null;
            int n = nodes.size();
            int[] entry = {o.feature(), 0, 0};
            nodes.add(entry);
            values.add((double) VALUE.get(o));
            Integer yes = add(((InternalNode) o).trueChild());
            if (yes == null) return null;
            Integer no = add(o.falseChild());
            if (no == null) return null;
            entry[1] = yes;
            entry[2] = no;
            return n;
        }

        FlatTrees build(int[] roots) {
            int m = nodes.size();
            int[] f = new int[m], y = new int[m], n = new int[m];
            double[] v = new double[m];
            for (int i = 0; i < m; i++) {
                f[i] = nodes.get(i)[0];
                y[i] = nodes.get(i)[1];
                n[i] = nodes.get(i)[2];
                v[i] = values.get(i);
            }
            double[] l = new double[leaves.size() * width];
            for (int i = 0; i < leaves.size(); i++) System.arraycopy(leaves.get(i), 0, l, i * width, width);
            return new FlatTrees(roots, f, v, y, n, l, width);
        }
    }
}
