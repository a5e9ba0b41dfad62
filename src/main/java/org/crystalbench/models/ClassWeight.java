package org.crystalbench.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * A model's {@code class_weight}: one positive weight per class, in the data's class order (the syntax of
 * {@code random-forest}'s key), or {@code balanced}: n / (k × n_c) for a class of n_c of the n training rows
 * and k classes present, scikit-learn's {@code compute_class_weight("balanced")}. Kept apart from the models
 * so that one definition can serve every model that weights classes.
 *
 * @param weights the per-class list, or null for {@code balanced}
 */
public record ClassWeight(List<Double> weights) {
    public static final String BALANCED = "balanced";

    public ClassWeight {
        if (weights != null) {
            weights = List.copyOf(weights);
            for (double w : weights) {
                if (!(w > 0) || Double.isInfinite(w)) throw new IllegalArgumentException("weight " + w + " must be > 0");
            }
        }
    }

    /** From the config: the word {@code balanced} or a list of positive numbers. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ClassWeight of(Object value) {
        if (BALANCED.equals(value)) return new ClassWeight(null);
        if (value instanceof List<?> list && list.stream().allMatch(Number.class::isInstance)) {
            return new ClassWeight(list.stream().map(v -> ((Number) v).doubleValue()).toList());
        }
        throw new IllegalArgumentException("expected 'balanced' or a list of one positive weight per class, found '"
                + value + "'");
    }

    @JsonValue
    Object json() {
        return weights == null ? BALANCED : weights;
    }

    public boolean balanced() {
        return weights == null;
    }

    /** The weight of each class {@code 0..classes-1} for training labels {@code y}; an absent class gets 1. */
    public double[] of(int[] y, int classes, String model) {
        double[] w = new double[classes];
        if (weights != null) {
            if (weights.size() != classes) {
                throw Check.bad(model, "class_weight", weights, "needs one weight per class (" + classes + ")");
            }
            for (int c = 0; c < classes; c++) w[c] = weights.get(c);
            return w;
        }
        int[] counts = new int[classes];
        for (int label : y) counts[label]++;
        long present = java.util.Arrays.stream(counts).filter(n -> n > 0).count();
        for (int c = 0; c < classes; c++) w[c] = counts[c] == 0 ? 1 : y.length / (double) (present * counts[c]);
        return w;
    }
}
