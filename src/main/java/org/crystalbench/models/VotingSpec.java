package org.crystalbench.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.crystalbench.InputException;

/**
 * Voting combiner over other models of the same config. It trains nothing itself: on each split
 * it reuses its members' fits.
 *
 * @param members names of the member models (at least two)
 * @param rule    {@code hard}: weighted majority of predicted classes, ties go to the lowest class
 *                index; {@code soft}: argmax of the weighted mean of class probabilities (default hard)
 * @param weights one weight per member (default all 1)
 */
public record VotingSpec(String name, List<String> members, Rule rule, List<Double> weights) implements ModelSpec {
    public enum Rule {
        @JsonProperty("hard") HARD,
        @JsonProperty("soft") SOFT
    }

    public VotingSpec {
        if (members == null || members.size() < 2) {
            throw new InputException("model '" + name + "': members must list at least two models");
        }
        members = List.copyOf(members);
        rule = rule == null ? Rule.HARD : rule;
        if (weights == null) weights = java.util.Collections.nCopies(members.size(), 1.0);
        if (weights.size() != members.size()) {
            throw new InputException("model '" + name + "': weights has " + weights.size()
                    + " values for " + members.size() + " members");
        }
        for (double w : weights) Check.inRange(name, "weights", w, 0, Double.MAX_VALUE);
        if (weights.stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            throw new InputException("model '" + name + "': weights must not all be 0");
        }
        weights = List.copyOf(weights);
    }

    /** Combines already-fitted members (in {@link #members()} order). */
    public Model combine(List<Model> fitted) {
        double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
        return new Voting(fitted.toArray(Model[]::new), w, rule, fitted.getFirst().classes());
    }

    record Voting(Model[] members, double[] weights, Rule rule, int classes) implements Model {
        @Override
        public int predict(double[] x, double[] probabilities) {
            java.util.Arrays.fill(probabilities, 0);
            double[] p = new double[classes];
            double total = 0;
            for (int m = 0; m < members.length; m++) {
                int label = members[m].predict(x, p);
                if (rule == Rule.HARD) {
                    probabilities[label] += weights[m];
                } else {
                    for (int c = 0; c < classes; c++) probabilities[c] += weights[m] * p[c];
                }
                total += weights[m];
            }
            int best = 0;
            for (int c = 0; c < classes; c++) {
                probabilities[c] /= total;
                if (probabilities[c] > probabilities[best]) best = c; // strict: ties keep the lowest index
            }
            return best;
        }
    }
}
