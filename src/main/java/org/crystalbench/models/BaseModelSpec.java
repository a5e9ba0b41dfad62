package org.crystalbench.models;

/** A model trained directly on features (everything but the voting combiner). */
public sealed interface BaseModelSpec extends ModelSpec permits MlpSpec, SvmSpec, LogisticSpec, NaiveBayesSpec,
        RandomForestSpec, GradientBoostingSpec, ChanceSpec {
    /**
     * Fits on encoded rows {@code x} with labels {@code y} in {@code 0..classes-1}. All randomness
     * comes from {@code seed}, on the calling thread, so a fit is the same whatever thread runs it.
     */
    Model fit(double[][] x, int[] y, int classes, long seed);

    /**
     * As above, on compact rows: the same model (the same bits) as {@code fit(x.rows(), y, classes, seed)}, which is
     * what it does unless the model reads the compact form itself (logistic regression, naive Bayes: issue 30).
     */
    default Model fit(TrainingRows x, int[] y, int classes, long seed) {
        return fit(x.rows(), y, classes, seed);
    }

    /**
     * Checks the values that depend on the data's classes (e.g. one weight per class), so a mistake is
     * reported when the data is read, before any output folder exists. Throws an input error naming the key.
     */
    default void checkClasses(java.util.List<String> classes) {}

    /**
     * This spec for the data's classes (by name, in class order): what depends on class names (a {@code class_weight}
     * map) resolved, the rest unchanged. Throws an input error naming the key, as {@link #checkClasses}.
     */
    default BaseModelSpec forClasses(java.util.List<String> classes) {
        checkClasses(classes);
        return this;
    }
}
