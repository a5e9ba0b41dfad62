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

    record Boosted(GradientTreeBoost model, StructType schema, int classes) implements Model {
        @Override
        public int predict(double[] x, double[] probabilities) {
            return model.predict(Tuple.of(schema, x), probabilities);
        }
    }
}
