package org.crystalbench.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's {@code class_weight}, the one resolver for every model that weights classes ({@code svm},
 * {@code random-forest}): one positive weight per class in the data's class order (the classes sorted by name),
 * a map from class name to weight (a class left out weighs 1), or {@code balanced}: n / (k × n_c) for a class
 * of n_c of the n training rows and k classes present, scikit-learn's {@code compute_class_weight("balanced")}.
 * A larger weight makes a class count more, as in scikit-learn; each model says how it applies the weights.
 *
 * @param weights the per-class list (null for {@code balanced} or a map)
 * @param byClass the weights by class name (null unless written as a map)
 */
public record ClassWeight(List<Double> weights, Map<String, Double> byClass) {
    public static final String BALANCED = "balanced";
    /** The allowed values, as every message about the key states them. */
    public static final String ALLOWED = "'balanced', a list of one positive weight per class in the data's class "
            + "order, or a map of class name to weight (e.g. {fog: 5})";

    /** The model types that take {@code class_weight}; every other type refuses the key with this list. */
    public static final String TAKEN_BY = "svm, random-forest";
    /** What a model type without the key says about it. */
    public static final String NOT_TAKEN = "this model type takes no class weights (class_weight is taken by: " + TAKEN_BY + ")";

    public ClassWeight {
        if (weights != null && byClass != null) throw new IllegalArgumentException("a list or a map, not both");
        if (weights != null) {
            weights = List.copyOf(weights);
            weights.forEach(ClassWeight::checkWeight);
        }
        if (byClass != null) {
            byClass = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byClass));
            byClass.values().forEach(ClassWeight::checkWeight);
        }
    }

    /** A per-class list. */
    public static ClassWeight list(List<Double> weights) {
        return new ClassWeight(weights, null);
    }

    private static void checkWeight(double w) {
        if (!(w > 0) || Double.isInfinite(w)) throw new IllegalArgumentException("weight " + w + " must be > 0");
    }

    /** From the config: the word {@code balanced}, a list of positive numbers or a map of class name to number. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ClassWeight of(Object value) {
        if (BALANCED.equals(value)) return new ClassWeight(null, null);
        if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(Number.class::isInstance)) {
            return list(list.stream().map(v -> ((Number) v).doubleValue()).toList());
        }
        if (value instanceof Map<?, ?> map && !map.isEmpty() && map.values().stream().allMatch(Number.class::isInstance)) {
            Map<String, Double> by = new LinkedHashMap<>();
            map.forEach((k, v) -> by.put(String.valueOf(k), ((Number) v).doubleValue()));
            return new ClassWeight(null, by);
        }
        throw new IllegalArgumentException("expected " + ALLOWED + ", found '" + value + "'");
    }

    @JsonValue
    Object json() {
        return byClass != null ? byClass : weights == null ? BALANCED : weights;
    }

    public boolean balanced() {
        return weights == null && byClass == null;
    }

    /** Checks the weights against the data's classes: a list's length, a map's class names. */
    public void check(List<String> classes, String model) {
        if (weights != null && weights.size() != classes.size()) {
            throw Check.bad(model, "class_weight", yaml(weights), "needs one weight per class, in the order "
                    + String.join(", ", classes) + " (" + classes.size() + "); or write " + ALLOWED);
        }
        if (byClass != null) {
            for (String name : byClass.keySet()) {
                if (!classes.contains(name)) {
                    throw Check.bad(model, "class_weight", yaml(byClass), "names '" + name + "', which is not a class of the data ("
                            + String.join(", ", classes) + ")");
                }
            }
        }
    }

    /** The weights as the config wrote them: whole numbers without ".0". */
    private static String yaml(Map<String, Double> map) {
        return map.entrySet().stream().map(e -> e.getKey() + ": " + number(e.getValue()))
                .collect(java.util.stream.Collectors.joining(", ", "{", "}"));
    }

    private static String yaml(List<Double> list) {
        return list.stream().map(ClassWeight::number).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    private static String number(double w) {
        return w == Math.rint(w) && Math.abs(w) < 1e15 ? Long.toString((long) w) : Double.toString(w);
    }

    /** The same weights for the data's {@code classes}: a map becomes the list in class order (a class left out weighs 1). */
    public ClassWeight bind(List<String> classes, String model) {
        check(classes, model);
        if (byClass == null) return this;
        return list(classes.stream().map(c -> byClass.getOrDefault(c, 1.0)).toList());
    }

    /** The weight of each class {@code 0..classes-1} for training labels {@code y}; an absent class gets 1. */
    public double[] of(int[] y, int classes, String model) {
        if (byClass != null) {
            throw new IllegalStateException("class_weight by class name, not bound to the data's classes (model " + model + ")");
        }
        double[] w = new double[classes];
        if (weights != null) {
            if (weights.size() != classes) {
                throw Check.bad(model, "class_weight", yaml(weights), "needs one weight per class (" + classes + ")");
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
