package org.crystalbench.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.crystalbench.splits.Seeds;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.type.StructType;
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
 * stays the harness's only parallelism. Smile's forest predicts (soft vote weighted by each tree's
 * out-of-bag accuracy).
 *
 * @param trees      number of trees (default 200)
 * @param mtry       features tried at each split; 0: floor(sqrt(p)) (default 0)
 * @param splitRule  {@code gini} (default), {@code entropy} or {@code classification-error}
 * @param maxDepth   maximum depth (default 20)
 * @param maxNodes   maximum leaves; 0: Smile's default, training rows / node_size (default 0)
 * @param nodeSize   minimum rows in a leaf (default 5)
 * @param subsample  share of rows per tree: 1.0 samples with replacement (bootstrap), below 1 without (default 1.0)
 * @param classWeight optional positive integer weight per class (default none: all 1)
 */
public record RandomForestSpec(String name, Integer trees, Integer mtry, Rule splitRule, Integer maxDepth, Integer maxNodes,
                               Integer nodeSize, Double subsample, List<Integer> classWeight) implements BaseModelSpec {
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
        maxDepth = maxDepth == null ? 20 : maxDepth;
        maxNodes = maxNodes == null ? 0 : maxNodes;
        nodeSize = nodeSize == null ? 5 : nodeSize;
        subsample = subsample == null ? 1.0 : subsample;
        Check.positive(name, "trees", trees);
        Check.inRange(name, "mtry", mtry, 0, Integer.MAX_VALUE);
        Check.inRange(name, "max_depth", maxDepth, 2, Trees.MAX_DEPTH);
        if (maxNodes != 0) Check.inRange(name, "max_nodes", maxNodes, 2, Integer.MAX_VALUE);
        Check.positive(name, "node_size", nodeSize);
        if (!(subsample > 0 && subsample <= 1)) throw Check.bad(name, "subsample", subsample, "must be in (0, 1]");
        if (classWeight != null) {
            classWeight = List.copyOf(classWeight);
            for (int w : classWeight) Check.positive(name, "class_weight", w);
        }
    }

    @Override
    public void checkClasses(List<String> classes) {
        if (classWeight != null && classWeight.size() != classes.size()) {
            throw Check.bad(name, "class_weight", classWeight, "needs one weight per class, in the order "
                    + String.join(", ", classes) + " (" + classes.size() + ")");
        }
    }

    @Override
    public Model fit(double[][] x, int[] y, int classes, long seed) {
        DataFrame frame = Trees.frame(x, y);
        int p = x[0].length;
        int m = mtry == 0 ? Math.max(1, (int) Math.floor(Math.sqrt(p))) : Math.min(mtry, p);
        int maxLeaves = maxNodes == 0 ? Math.max(2, x.length / nodeSize) : maxNodes;
        int[] weights = null;
        if (classWeight != null) {
            if (classWeight.size() != classes) {
                throw Check.bad(name, "class_weight", classWeight, "needs one weight per class (" + classes + ")");
            }
            weights = classWeight.stream().mapToInt(Integer::intValue).toArray();
        }
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

    /** Smile's forest over encoded rows. */
    record Forest(RandomForest forest, StructType schema, int classes) implements Model {
        @Override
        public int predict(double[] x, double[] probabilities) {
            return forest.predict(Tuple.of(schema, x), probabilities);
        }
    }
}
