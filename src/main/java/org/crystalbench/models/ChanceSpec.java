package org.crystalbench.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import org.crystalbench.splits.Seeds;

/**
 * A chance baseline: it ignores the features. Its probabilities are the training rows' class shares (scikit-learn's
 * {@code DummyClassifier(strategy="prior")}), so its log loss is the entropy of the class mix; its label is drawn at
 * random with those shares ({@code stratified}, scikit-learn's {@code "stratified"}: expected macro recall 1/k) or is the
 * most frequent class ({@code majority}, {@code "most_frequent"}). The draw is a pure function of the fit's seed and the
 * row's features, so a prediction does not depend on row order or thread. {@code run} adds
 * {@value #DEFAULT_NAME} to every config that has no model of this type, and warns about any model that is not
 * significantly better (docs/statistics.md).
 *
 * @param strategy {@code stratified} (default) or {@code majority}
 */
public record ChanceSpec(String name, Strategy strategy) implements BaseModelSpec {
    public enum Strategy {
        @JsonProperty("stratified") STRATIFIED,
        @JsonProperty("majority") MAJORITY
    }

    /** The name of the baseline {@code run} adds. */
    public static final String DEFAULT_NAME = "chance (stratified)";

    public ChanceSpec {
        strategy = strategy == null ? Strategy.STRATIFIED : strategy;
    }

    /** {@code models} with the default baseline appended, unless it has a chance model (or a model of that name) already. */
    public static List<ModelSpec> withBaseline(List<ModelSpec> models) {
        if (models.stream().anyMatch(m -> m instanceof ChanceSpec || m.name().equals(DEFAULT_NAME))) return models;
        List<ModelSpec> out = new ArrayList<>(models);
        out.add(new ChanceSpec(DEFAULT_NAME, Strategy.STRATIFIED));
        return List.copyOf(out);
    }

    @Override
    public Model fit(double[][] x, int[] y, int classes, long seed) {
        return fit(y, classes, seed);
    }

    /** The rows are not read: a run's baseline must not build their {@code double[][]} form (issue 30, memory). */
    @Override
    public Model fit(TrainingRows x, int[] y, int classes, long seed) {
        return fit(y, classes, seed);
    }

    private Model fit(int[] y, int classes, long seed) {
        double[] prior = new double[classes];
        for (int label : y) prior[label]++;
        for (int c = 0; c < classes; c++) prior[c] /= y.length;
        return new Chance(prior, strategy == Strategy.STRATIFIED, seed);
    }

    /** The fitted baseline: class shares, and how a label is picked. */
    record Chance(double[] prior, boolean stratified, long seed) implements Model {
        Chance {
            prior = prior.clone();
        }

        @Override
        public int classes() {
            return prior.length;
        }

        @Override
        public int predict(double[] x, double[] probabilities) {
            System.arraycopy(prior, 0, probabilities, 0, prior.length);
            int majority = 0;
            for (int c = 1; c < prior.length; c++) if (prior[c] > prior[majority]) majority = c; // ties: the first class
            if (!stratified) return majority;
            double u = new java.util.SplittableRandom(Seeds.chanceRow(seed, java.util.Arrays.hashCode(x))).nextDouble();
            double cumulative = 0;
            for (int c = 0; c < prior.length; c++) {
                cumulative += prior[c];
                if (u < cumulative && prior[c] > 0) return c;
            }
            return majority; // u at the rounding edge of the last share
        }
    }
}
