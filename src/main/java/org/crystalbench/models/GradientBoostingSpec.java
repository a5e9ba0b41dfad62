package org.crystalbench.models;

import smile.classification.GradientTreeBoost;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.type.StructType;
import smile.math.MathEx;

/**
 * Smile's gradient tree boosting (multinomial deviance; one regression tree per class and iteration for
 * more than two classes). The trees depend on each other, so Smile grows them one after another on the
 * calling thread; its only random draws are each tree's row subsample, taken in order from the
 * thread's generator, which is seeded here with the fit's seed. (Smile's split search may use a
 * parallel stream, which draws nothing.) So the fit depends on the seed only, not on threads.
 *
 * @param trees     boosting iterations (default 200)
 * @param maxDepth  maximum depth of a tree (default 20)
 * @param maxNodes  maximum leaves of a tree (default 6)
 * @param nodeSize  minimum rows in a leaf (default 5)
 * @param shrinkage learning rate (default 0.05)
 * @param subsample share of rows drawn (without replacement) for each tree (default 0.7)
 */
public record GradientBoostingSpec(String name, Integer trees, Integer maxDepth, Integer maxNodes, Integer nodeSize,
                                   Double shrinkage, Double subsample) implements BaseModelSpec {
    public GradientBoostingSpec {
        trees = trees == null ? 200 : trees;
        maxDepth = maxDepth == null ? 20 : maxDepth;
        maxNodes = maxNodes == null ? 6 : maxNodes;
        nodeSize = nodeSize == null ? 5 : nodeSize;
        shrinkage = shrinkage == null ? 0.05 : shrinkage;
        subsample = subsample == null ? 0.7 : subsample;
        Check.positive(name, "trees", trees);
        Check.inRange(name, "max_depth", maxDepth, 2, Trees.MAX_DEPTH);
        Check.inRange(name, "max_nodes", maxNodes, 2, Integer.MAX_VALUE);
        Check.positive(name, "node_size", nodeSize);
        if (!(shrinkage > 0 && shrinkage <= 1)) throw Check.bad(name, "shrinkage", shrinkage, "must be in (0, 1]");
        if (!(subsample > 0 && subsample <= 1)) throw Check.bad(name, "subsample", subsample, "must be in (0, 1]");
    }

    @Override
    public Model fit(double[][] x, int[] y, int classes, long seed) {
        DataFrame frame = Trees.frame(x, y);
        MathEx.setSeed(seed);
        var options = new GradientTreeBoost.Options(trees, maxDepth, maxNodes, nodeSize, shrinkage, subsample, null, null);
        return new Boosted(GradientTreeBoost.fit(Trees.FORMULA, frame, options), Trees.predictors(frame), classes);
    }

    /**
     * Smile's boosted trees over encoded rows. Prediction walks them as {@link FlatTrees} (each leaf holding
     * shrinkage x its output, the product Smile forms), in the batch path a block of rows per tree through its
     * {@link TreeTables} (its trees are small: a mask of comparisons picks the leaf; a walk if a tree is too large), and
     * repeats Smile's {@code GradientTreeBoost.predict} around them: per class the sum over its trees in order from 0 (from the intercept
     * b for two classes), the argmax, {@code Math.exp} and the division, so the same bits as Smile's own call ({@code flat}
     * is null only when the trees cannot be copied or the model knows fewer classes than the data; then Smile predicts).
     * A bundle does not store {@code flat} ({@code Flat.writeReplace}): it is read as null and rebuilt here.
     */
    record Boosted(GradientTreeBoost model, StructType schema, int classes, Flat flat) implements Model {
        private static final int BLOCK = 256;

        Boosted {
            if (flat == null) flat = Flat.of(model, classes);
        }

        Boosted(GradientTreeBoost model, StructType schema, int classes) {
            this(model, schema, classes, null);
        }

        @Override
        public int predict(double[] x, double[] probabilities) {
            if (flat == null) return model.predict(Tuple.of(schema, x), probabilities);
            FlatTrees f = flat.trees();
            int perClass = f.trees() / flat.scores();
            for (int c = 0, t = 0; c < flat.scores(); c++) {
                double s = flat.start();
                for (int i = 0; i < perClass; i++, t++) s += f.leaf()[f.leafOf(t, x)];
                probabilities[c] = s;
            }
            return flat.finish(probabilities);
        }

        @Override
        public void predict(double[][] x, double[][] probabilities, int[] labels, int from, int to) {
            if (flat == null) {
                Model.super.predict(x, probabilities, labels, from, to);
                return;
            }
            if (flat.tables() == null) {
                walk(x, probabilities, labels, from, to);
                return;
            }
            if (from >= to) return;
            TreeTables tables = flat.tables();
            int perClass = flat.trees().trees() / flat.scores();
            double[] columns = new double[x[from].length * BLOCK], sums = new double[BLOCK];
            int[] mask = new int[BLOCK];
            for (int b = from; b < to; b += BLOCK) {
                int n = Math.min(to - b, BLOCK);
                FlatTrees.columns(x, b, n, columns, BLOCK);
                for (int c = 0, t = 0; c < flat.scores(); c++) {
                    java.util.Arrays.fill(sums, flat.start());
                    for (int q = 0; q < perClass; q++, t++) tables.add(t, columns, BLOCK, n, mask, sums);
                    for (int i = 0; i < n; i++) probabilities[b + i][c] = sums[i];
                }
                for (int i = b; i < b + n; i++) labels[i] = flat.finish(probabilities[i]);
            }
        }

        /** The batch path for trees too large for {@link TreeTables}: each row down each tree, a block per tree. */
        private void walk(double[][] x, double[][] probabilities, int[] labels, int from, int to) {
            FlatTrees f = flat.trees();
            double[] leaf = f.leaf();
            int perClass = f.trees() / flat.scores();
            for (int b = from; b < to; b += BLOCK) {
                int e = Math.min(to, b + BLOCK);
                for (int c = 0, t = 0; c < flat.scores(); c++) {
                    for (int i = b; i < e; i++) probabilities[i][c] = flat.start();
                    for (int q = 0; q < perClass; q++, t++) {
                        for (int i = b; i < e; i++) probabilities[i][c] += leaf[f.leafOf(t, x[i])];
                    }
                }
                for (int i = b; i < e; i++) labels[i] = flat.finish(probabilities[i]);
            }
        }
    }

    /**
     * The boosted model's trees, class by class ({@code scores} of them: 1 for two classes), and what Smile adds around
     * them: the intercept b for two classes (0 otherwise) and its class labels; {@code tables} are the trees as
     * {@link TreeTables} (null if a tree is too large for them).
     */
    record Flat(FlatTrees trees, int scores, double start, int[] labels, TreeTables tables) implements java.io.Serializable {
        /** GradientTreeBoost's intercept and shrinkage: private in Smile 6.3.0, with no accessor. */
        private static final java.lang.invoke.VarHandle B, SHRINKAGE;

        static {
            try {
                var lookup = java.lang.invoke.MethodHandles.privateLookupIn(GradientTreeBoost.class,
                        java.lang.invoke.MethodHandles.lookup());
                B = lookup.findVarHandle(GradientTreeBoost.class, "b", double.class);
                SHRINKAGE = lookup.findVarHandle(GradientTreeBoost.class, "shrinkage", double.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** Not stored: a bundle holds Smile's model, and {@link Boosted} rebuilds this from it when read. */
        private Object writeReplace() {
            return null;
        }

        static Flat of(GradientTreeBoost model, int classes) {
            int k = model.numClasses();
            if (k != classes) return null;
            int scores = k == 2 ? 1 : k;
            double shrinkage = (double) SHRINKAGE.get(model);
            var roots = new java.util.ArrayList<smile.model.cart.Node>();
            for (int c = 0; c < scores; c++) for (var tree : model.trees()[c]) roots.add(tree.root());
            return FlatTrees.of(roots, 1, leaf -> leaf instanceof smile.model.cart.RegressionNode r
                            ? new double[] {shrinkage * r.output()} : null)
                    .map(f -> new Flat(f, scores, k == 2 ? (double) B.get(model) : 0, model.classes(), TreeTables.of(f)))
                    .orElse(null);
        }

        /** Smile's step after the sums {@code p[0..scores)}: probabilities in place, the label returned. */
        int finish(double[] p) {
            if (scores == 1) {
                double s = p[0];
                p[0] = 1 / (1 + Math.exp(2 * s));
                p[1] = 1 - p[0];
                return labels[s > 0 ? 1 : 0];
            }
            double max = Double.NEGATIVE_INFINITY;
            int y = -1;
            for (int c = 0; c < scores; c++) {
                if (p[c] > max) {
                    max = p[c];
                    y = c;
                }
            }
            double sum = 0;
            for (int c = 0; c < scores; c++) {
                p[c] = Math.exp(p[c] - max);
                sum += p[c];
            }
            for (int c = 0; c < scores; c++) p[c] /= sum;
            return labels[y];
        }
    }
}
