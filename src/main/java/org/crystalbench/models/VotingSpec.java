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
        /** Rows per block of the batch path: each member predicts a block (its own batch path), then the block is combined. */
        private static final int BLOCK = 512;

        @Override
        public int predict(double[] x, double[] probabilities) {
            java.util.Arrays.fill(probabilities, 0);
            double[] p = new double[classes];
            for (int m = 0; m < members.length; m++) add(m, members[m].predict(x, p), p, probabilities);
            return combine(probabilities);
        }

        /** As row by row: each row adds its members in order, then {@link #combine}s; the members predict a block at a time. */
        @Override
        public void predict(double[][] x, double[][] probabilities, int[] labels, int from, int to) {
            int n = Math.min(BLOCK, to - from);
            double[][] p = new double[n][classes];
            int[] memberLabels = new int[n];
            double[][] rows = new double[n][];
            for (int b = from; b < to; b += BLOCK) {
                int e = Math.min(to, b + BLOCK);
                System.arraycopy(x, b, rows, 0, e - b);
                for (int i = b; i < e; i++) java.util.Arrays.fill(probabilities[i], 0);
                for (int m = 0; m < members.length; m++) {
                    members[m].predict(rows, p, memberLabels, 0, e - b);
                    for (int i = b; i < e; i++) add(m, memberLabels[i - b], p[i - b], probabilities[i]);
                }
                for (int i = b; i < e; i++) labels[i] = combine(probabilities[i]);
            }
        }

        /** Adds member m's vote (hard) or weighted probabilities (soft) for one row. */
        private void add(int m, int label, double[] p, double[] probabilities) {
            if (rule == Rule.HARD) {
                probabilities[label] += weights[m];
            } else {
                for (int c = 0; c < classes; c++) probabilities[c] += weights[m] * p[c];
            }
        }

        /** Divides the sums by the total weight and returns their argmax (ties keep the lowest index). */
        private int combine(double[] probabilities) {
            double total = 0;
            for (double w : weights) total += w;
            int best = 0;
            for (int c = 0; c < classes; c++) {
                probabilities[c] /= total;
                if (probabilities[c] > probabilities[best]) best = c; // strict: ties keep the lowest index
            }
            return best;
        }
    }
}
