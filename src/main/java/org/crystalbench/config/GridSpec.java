package org.crystalbench.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Config section {@code grid}: what a grid search ({@code crystal-bench grid}) searches.
 *
 * @param metric      selection metric column (default {@code macro_f1})
 * @param featureSets feature sets to search (default: every feature set of the config)
 * @param models      per model name (a model of {@code models}): its grid
 * @param nested      optional nested cross-validation
 * @param top         configurations per model listed in grid.md (default 5)
 * @param search      {@code exhaustive} (null: the default), {@code race} or {@code halving}: which units run (docs/grid.md)
 * @param race        the race's blocks and level (null: defaults)
 * @param halving     successive halving's rungs (null: defaults)
 */
public record GridSpec(String metric, List<String> featureSets, Map<String, ModelGrid> models, Nested nested,
                       Integer top, String search, Race race, Halving halving) {
    public static final List<String> SEARCHES = List.of("exhaustive", "race", "halving");

    public GridSpec {
        // search, race and halving stay null when absent, so the config hash of a grid written before them is unchanged.
        if (search != null && !SEARCHES.contains(search)) {
            throw new IllegalArgumentException("search: '" + search + "' (one of " + String.join(", ", SEARCHES) + ")");
        }
        if (race != null && !"race".equals(search)) throw new IllegalArgumentException("race: given, but search is not race");
        if (halving != null && !"halving".equals(search)) throw new IllegalArgumentException("halving: given, but search is not halving");
        metric = metric == null ? "macro_f1" : metric;
        featureSets = featureSets == null ? List.of() : List.copyOf(featureSets);
        models = models == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(models));
        top = top == null ? 5 : top;
        if (top < 1) throw new IllegalArgumentException("grid.top must be >= 1");
    }

    /**
     * One model's grid, as written: each hyperparameter key maps to a list of values (the grid is
     * their cartesian product), or, with {@code sample: N}, N seeded random points are drawn:
     * keys under {@code ranges: {key: [low, high]}} uniformly from the range (log-uniform when
     * {@code low > 0} and {@code high / low >= 10}; whole numbers when both ends are integers), listed
     * keys uniformly from their lists. Keys are checked against the model's type when the grid is built.
     */
    public record ModelGrid(Integer sample, Map<String, List<Double>> ranges, Map<String, List<Object>> values) {
        public ModelGrid {
            ranges = ranges == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(ranges));
            values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
            if (sample != null && sample < 1) throw new IllegalArgumentException("sample must be >= 1");
            if (sample == null && !ranges.isEmpty()) throw new IllegalArgumentException("ranges need sample: N");
            for (var r : ranges.entrySet()) {
                List<Double> v = r.getValue();
                if (v == null || v.size() != 2 || !(v.get(0) <= v.get(1)) || !Double.isFinite(v.get(0)) || !Double.isFinite(v.get(1))) {
                    throw new IllegalArgumentException("ranges." + r.getKey() + ": must be [low, high] with low <= high, both finite");
                }
                if (values.containsKey(r.getKey())) {
                    throw new IllegalArgumentException(r.getKey() + ": both listed and in ranges");
                }
            }
            for (var v : values.entrySet()) {
                if (v.getValue() == null || v.getValue().isEmpty()) {
                    throw new IllegalArgumentException(v.getKey() + ": needs a non-empty list of values");
                }
            }
        }

        /** The YAML form: {@code {key: [values...], sample: N, ranges: {...}}}. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        @SuppressWarnings("unchecked")
        static ModelGrid parse(Map<String, Object> raw) {
            Integer sample = null;
            Map<String, List<Double>> ranges = new LinkedHashMap<>();
            Map<String, List<Object>> values = new LinkedHashMap<>();
            for (var e : raw.entrySet()) {
                Object v = e.getValue();
                switch (e.getKey()) {
                    case "sample" -> {
                        if (!(v instanceof Integer n)) throw new IllegalArgumentException("sample: must be a whole number");
                        sample = n;
                    }
                    case "ranges" -> {
                        if (!(v instanceof Map<?, ?> m)) throw new IllegalArgumentException("ranges: must be a map key: [low, high]");
                        for (var r : m.entrySet()) {
                            if (!(r.getValue() instanceof List<?> l) || !l.stream().allMatch(x -> x instanceof Number)) {
                                throw new IllegalArgumentException("ranges." + r.getKey() + ": must be [low, high] (numbers)");
                            }
                            ranges.put(String.valueOf(r.getKey()),
                                    l.stream().map(x -> ((Number) x).doubleValue()).toList());
                        }
                    }
                    default -> {
                        if (!(v instanceof List<?> l)) {
                            throw new IllegalArgumentException(e.getKey() + ": must be a list of values (write [" + v + "] for one)");
                        }
                        values.put(e.getKey(), (List<Object>) l);
                    }
                }
            }
            return new ModelGrid(sample, ranges, values);
        }

        /** Back to the YAML form (for the config hash). */
        @JsonValue
        Map<String, Object> raw() {
            Map<String, Object> out = new LinkedHashMap<>(values);
            if (sample != null) out.put("sample", sample);
            if (!ranges.isEmpty()) out.put("ranges", ranges);
            return out;
        }
    }

    /**
     * {@code grid.race}: every surviving point runs a block of splits at a time; after each block the
     * points significantly worse than the leader are dropped.
     *
     * @param firstBlock splits in the first block (default: two repeats' folds; at least 2, the paired test needs two)
     * @param block      splits in each later block (default: one repeat's folds)
     * @param alpha      Holm-adjusted p below which a point is dropped (default 0.05)
     */
    public record Race(Integer firstBlock, Integer block, Double alpha) {
        public Race {
            if (firstBlock != null && firstBlock < 2) throw new IllegalArgumentException("race.first_block must be >= 2 (the paired test needs two splits)");
            if (block != null && block < 1) throw new IllegalArgumentException("race.block must be >= 1");
            if (alpha != null && !(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("race.alpha must be in (0, 1)");
        }

        /** This race with every absent setting at its default for cv splits of {@code folds} folds (never stored: the hash is the config's). */
        public Race withDefaults(int folds) {
            return new Race(firstBlock == null ? Math.max(2, 2 * folds) : firstBlock, block == null ? folds : block,
                    alpha == null ? 0.05 : alpha);
        }
    }

    /**
     * {@code grid.halving}: successive halving over splits.
     *
     * @param eta       keep the best 1/eta of the points at each rung, and give the next rung eta times the splits (default 3)
     * @param minSplits splits of the first rung (default: one repeat's folds)
     */
    public record Halving(Integer eta, Integer minSplits) {
        public Halving {
            if (eta != null && eta < 2) throw new IllegalArgumentException("halving.eta must be >= 2");
            if (minSplits != null && minSplits < 1) throw new IllegalArgumentException("halving.min_splits must be >= 1");
        }

        /** These rungs with every absent setting at its default for cv splits of {@code folds} folds. */
        public Halving withDefaults(int folds) {
            return new Halving(eta == null ? 3 : eta, minSplits == null ? folds : minSplits);
        }
    }

    /** Nested cross-validation: the outer and inner repeated stratified k-folds. */
    public record Nested(Outer outer, ProtocolSpec.Cv inner) {
        public Nested {
            if (outer == null || inner == null) throw new IllegalArgumentException("nested needs outer and inner {repeats, folds}");
        }
    }

    /**
     * The outer splits of nested cross-validation: repeated stratified k-fold ({@code {repeats, folds}}, the
     * default 10 x 5) or repeated stratified holdout ({@code {repeats, test_ratio}}), as the run protocols.
     */
    public record Outer(Integer repeats, Integer folds, Double testRatio) {
        public Outer {
            repeats = repeats == null ? 10 : repeats;
            if (folds != null && testRatio != null) throw new IllegalArgumentException("nested.outer: folds or test_ratio, not both");
            if (testRatio == null) folds = folds == null ? 5 : folds;
            if (repeats < 1) throw new IllegalArgumentException("nested.outer.repeats must be >= 1");
            if (folds != null && folds < 2) throw new IllegalArgumentException("nested.outer.folds must be >= 2");
            if (testRatio != null && !(testRatio > 0 && testRatio < 1)) {
                throw new IllegalArgumentException("nested.outer.test_ratio must be in (0, 1)");
            }
        }

        /** Outer splits per repeat: the folds, or 1 for a holdout. */
        public int parts() {
            return testRatio != null ? 1 : folds;
        }

        /** As grid.md names it: "10 x 5-fold" or "30 x holdout (test 0.2)". */
        public String describe() {
            return testRatio != null ? repeats + " x holdout (test " + testRatio + ")" : repeats + " x " + folds + "-fold";
        }
    }
}
