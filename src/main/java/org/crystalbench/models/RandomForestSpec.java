package org.crystalbench.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.crystalbench.splits.Seeds;
import smile.classification.DecisionTree;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.type.StructType;
import smile.model.cart.DecisionNode;
import smile.model.cart.SplitRule;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

/**
 * Smile's random forest. Smile grows the trees on a parallel stream and {@code MathEx.setSeed} seeds only
 * the calling thread, so one seed would give different forests on different threads. We give every
 * tree its own seed ({@link Seeds#tree}: the fit's seed and the tree's index) through Smile's per-tree
 * {@code seeds} option: Smile seeds the growing thread with it before the tree's bootstrap sample,
 * and the tree's feature draws follow on that thread within the same task (a tree's split search
 * draws only when {@code mtry < p}, and then runs sequentially), so each tree depends on its seed
 * alone. The stream runs in a one-worker pool: trees grow one after another, and {@code --threads}
 * stays the harness's only parallelism. The forest predicts as scikit-learn's ({@link Forest}).
 *
 * @param trees      number of trees (default 200)
 * @param mtry       features tried at each split; 0: floor(sqrt(p)) (default 0)
 * @param splitRule  {@code gini} (default), {@code entropy} or {@code classification-error}
 * The defaults are scikit-learn's {@code RandomForestClassifier}'s where Smile can express them (docs/models.md):
 * leaves of one row, depth bounded only by {@link Trees#MAX_DEPTH} (scikit-learn: unbounded), sqrt(p) features per
 * split, bootstrap samples; 200 trees (scikit-learn: 100). The trees still differ from scikit-learn's: Smile 6.3.0's
 * split search tries a threshold only between neighbours in a column's sorted order whose classes differ, so a one-hot
 * column (all 0s, then all 1s) is split only if the last 0-row and the first 1-row (by row order) differ in class, and a
 * column found unsplittable is skipped in the whole subtree; on one-hot-heavy rows its trees grow several times larger
 * (docs/performance.md, issue 30, fourth session). That is Smile's model, kept as is: it is what the results are.
 *
 * @param maxDepth   maximum depth (default {@link Trees#MAX_DEPTH}: in effect unbounded, as scikit-learn's None)
 * @param maxNodes   maximum leaves; 0: training rows / node_size, i.e. no bound (default 0)
 * @param nodeSize   minimum rows in a leaf (default 1, scikit-learn's min_samples_leaf)
 * @param subsample  share of rows per tree: 1.0 samples with replacement (bootstrap), below 1 without (default 1.0)
 * @param classWeight {@link ClassWeight}: a list, a map by class name or {@code balanced} (default none: all 1). Smile
 *                   weights a class by drawing fewer of its rows into each tree's sample: class c's draws are divided by
 *                   round(largest weight / weight c), so the weights act as their ratios rounded to whole numbers
 */
public record RandomForestSpec(String name, Integer trees, Integer mtry, Rule splitRule, Integer maxDepth, Integer maxNodes,
                               Integer nodeSize, Double subsample, ClassWeight classWeight) implements BaseModelSpec {
    public enum Rule {
        @JsonProperty("gini") GINI(SplitRule.GINI),
        @JsonProperty("entropy") ENTROPY(SplitRule.ENTROPY),
        @JsonProperty("classification-error") CLASSIFICATION_ERROR(SplitRule.CLASSIFICATION_ERROR);

        final SplitRule smile;

        Rule(SplitRule smile) {
            this.smile = smile;
        }
    }

    public RandomForestSpec {
        trees = trees == null ? 200 : trees;
        mtry = mtry == null ? 0 : mtry;
        splitRule = splitRule == null ? Rule.GINI : splitRule;
        maxDepth = maxDepth == null ? Trees.MAX_DEPTH : maxDepth;
        maxNodes = maxNodes == null ? 0 : maxNodes;
        nodeSize = nodeSize == null ? 1 : nodeSize;
        subsample = subsample == null ? 1.0 : subsample;
        Check.positive(name, "trees", trees);
        Check.inRange(name, "mtry", mtry, 0, Integer.MAX_VALUE);
        Check.inRange(name, "max_depth", maxDepth, 2, Trees.MAX_DEPTH);
        if (maxNodes != 0) Check.inRange(name, "max_nodes", maxNodes, 2, Integer.MAX_VALUE);
        Check.positive(name, "node_size", nodeSize);
        if (!(subsample > 0 && subsample <= 1)) throw Check.bad(name, "subsample", subsample, "must be in (0, 1]");
    }

    @Override
    public void checkClasses(List<String> classes) {
        if (classWeight != null) classWeight.check(classes, name);
    }

    @Override
    public RandomForestSpec forClasses(List<String> classes) {
        if (classWeight == null) return this;
        return new RandomForestSpec(name, trees, mtry, splitRule, maxDepth, maxNodes, nodeSize, subsample,
                classWeight.bind(classes, name));
    }

    /**
     * Smile's per-class divisors of the bootstrap draws for weights {@code w}: the heaviest class keeps all its draws,
     * class c keeps 1 / round(max / w_c) of them, so the classes' shares of each tree's sample follow the weights.
     */
    static int[] divisors(double[] w) {
        double max = java.util.Arrays.stream(w).max().orElse(1);
        int[] d = new int[w.length];
        for (int c = 0; c < w.length; c++) d[c] = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(max / w[c])));
        return d;
    }

    @Override
    public Model fit(double[][] x, int[] y, int classes, long seed) {
        DataFrame frame = Trees.frame(x, y);
        int p = x[0].length;
        int m = mtry == 0 ? Math.max(1, (int) Math.floor(Math.sqrt(p))) : Math.min(mtry, p);
        int maxLeaves = maxNodes == 0 ? Math.max(2, x.length / nodeSize) : maxNodes;
        int[] weights = classWeight == null ? null : divisors(classWeight.of(y, classes, name));
        long[] seeds = new long[trees];
        for (int t = 0; t < trees; t++) seeds[t] = Seeds.tree(seed, t);
        var options = new RandomForest.Options(trees, m, splitRule.smile, maxDepth, maxLeaves, nodeSize, subsample, weights,
                seeds, null);
        // Smile's parallel stream over the trees runs in a pool of one worker: the trees grow one after
        // another and the harness's --threads stays the only parallelism.
        RandomForest forest;
        try (ForkJoinPool one = new ForkJoinPool(1)) {
            forest = one.submit(() -> RandomForest.fit(Trees.FORMULA, frame, options)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        }
        return new Forest(forest, Trees.predictors(frame), classes);
    }

    /**
     * Smile's forest over encoded rows, predicting as scikit-learn's forest does: the probabilities are the mean over the
     * trees of the class shares of the training draws in the row's leaf, and the label is their argmax (ties: the first
     * class). Smile's own {@code predict} averages Laplace-smoothed leaves, (count + 1) / (n + k), weighted by each tree's
     * out-of-bag accuracy: with one-row leaves and 10 classes a leaf says 2/11 for its class, so the forest's
     * probabilities were far too flat (digits: log loss 0.63, ECE 0.39; docs/models.md).
     *
     * <p>The trees are walked as {@link FlatTrees} (each leaf's shares computed once), a block of rows (copied column by
     * column, {@link FlatTrees#columns}) per tree in the batch path: one tree's nodes stay in cache for the block instead
     * of every tree being read per row. Each row still sums its trees in the forest's order, so the bits are those of walking Smile's nodes ({@code flat} is null only for
     * a forest it cannot copy; then Smile's nodes are walked). A bundle does not store {@code flat} (FlatTrees' writeReplace):
     * it is read as null and rebuilt here.
     */
    record Forest(RandomForest forest, StructType schema, int classes, FlatTrees flat) implements Model {
        /** Rows per block of the batch path: the block's rows and a tree's nodes stay in the core's caches. */
        private static final int BLOCK = 512;

        Forest {
            if (flat == null) flat = flatten(forest, classes);
        }

        Forest(RandomForest forest, StructType schema, int classes) {
            this(forest, schema, classes, null);
        }

        /** The forest's trees, each leaf as its class shares count[c] / n (null if one cannot be copied). */
        static FlatTrees flatten(RandomForest forest, int classes) {
            List<smile.model.cart.Node> roots = java.util.Arrays.stream(forest.trees()).map(DecisionTree::root).toList();
            return FlatTrees.of(roots, classes, leaf -> {
                if (!(leaf instanceof DecisionNode d) || d.count().length < classes) return null;
                int[] count = d.count();
                double n = 0;
                for (int c : count) n += c;
                double[] share = new double[classes];
                for (int c = 0; c < classes; c++) share[c] = count[c] / n;
                return share;
            }).orElse(null);
        }

        @Override
        public int predict(double[] x, double[] probabilities) {
            java.util.Arrays.fill(probabilities, 0);
            if (flat == null) {
                Tuple row = Tuple.of(schema, x);
                for (DecisionTree tree : forest.trees()) {
                    int[] count = ((DecisionNode) tree.root().predict(row)).count();
                    double n = 0;
                    for (int c : count) n += c;
                    for (int c = 0; c < classes; c++) probabilities[c] += count[c] / n;
                }
            } else {
                double[] leaf = flat.leaf();
                for (int t = 0; t < flat.trees(); t++) {
                    int o = flat.leafOf(t, x) * classes;
                    for (int c = 0; c < classes; c++) probabilities[c] += leaf[o + c];
                }
            }
            return mean(probabilities, forest.trees().length);
        }

        @Override
        public void predict(double[][] x, double[][] probabilities, int[] labels, int from, int to) {
            if (flat == null) {
                Model.super.predict(x, probabilities, labels, from, to);
                return;
            }
            if (from >= to) return;
            double[] leaf = flat.leaf();
            int trees = flat.trees();
            int[] leaves = new int[BLOCK], active = new int[BLOCK];
            double[] columns = new double[x[from].length * BLOCK];
            for (int b = from; b < to; b += BLOCK) {
                int n = Math.min(to - b, BLOCK);
                FlatTrees.columns(x, b, n, columns, BLOCK);
                for (int i = b; i < b + n; i++) java.util.Arrays.fill(probabilities[i], 0);
                for (int t = 0; t < trees; t++) {
                    flat.leaves(t, columns, BLOCK, n, leaves, active);
                    for (int i = 0; i < n; i++) {
                        double[] p = probabilities[b + i];
                        int o = leaves[i] * classes;
                        for (int c = 0; c < classes; c++) p[c] += leaf[o + c];
                    }
                }
                for (int i = b; i < b + n; i++) labels[i] = mean(probabilities[i], trees);
            }
        }

        /** Divides the summed shares by the trees and returns their argmax (ties: the first class). */
        private int mean(double[] probabilities, int trees) {
            int best = 0;
            for (int c = 0; c < classes; c++) {
                probabilities[c] /= trees;
                if (probabilities[c] > probabilities[best]) best = c;
            }
            return best;
        }
    }
}
