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
 *
 * @param roots   the root of each tree, in the forest's order
 * @param feature per internal node, the column it tests
 * @param value   per internal node, its threshold
 * @param yes     per internal node, the child for {@code x[feature] <= value}
 * @param no      per internal node, the other child
 * @param leaf    per leaf, {@code width} numbers
 * @param width   numbers per leaf
 */
record FlatTrees(int[] roots, int[] feature, double[] value, int[] yes, int[] no, double[] leaf, int width)
        implements Serializable {
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
