package org.crystalbench.grid.plan;

import org.crystalbench.splits.Seeds;
import org.crystalbench.splits.Protocol;
import org.crystalbench.splits.SplitId;
import org.crystalbench.io.Canonical;
import org.crystalbench.io.Json;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.crystalbench.InputException;
import org.crystalbench.splits.Seeds;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.config.GridSpec;
import org.crystalbench.metrics.Metric;
import org.crystalbench.models.ModelSpec;
import org.crystalbench.models.VotingSpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * A grid search made concrete from its config alone (no data): the feature sets, every grid point
 * of every model, every split key, hence every work unit. Building it checks the whole grid section.
 *
 * @param models model names in grid order
 */
public record GridPlan(ExperimentConfig config, Metric metric, List<String> featureSets, List<String> models,
                       List<GridPoint> points, List<SplitId> splits) {

    public static GridPlan of(ExperimentConfig config, Path file) {
        GridSpec grid = config.grid();
        if (grid == null) throw new InputException(file + ": grid: section missing (see docs/grid.md)");
        if (config.protocols().gridCv() == null) {
            throw new InputException(file + ": protocols.cv: missing; every grid point is evaluated on the cv (or grouped_cv) splits");
        }
        Metric metric;
        try {
            metric = Metric.byColumn(grid.metric());
            if (!Metric.LABEL.contains(metric)) {
                throw new IllegalArgumentException("'" + grid.metric() + "' scores probabilities; a grid ranks by one of "
                        + String.join(", ", Metric.LABEL.stream().map(Metric::column).toList()));
            }
        } catch (IllegalArgumentException e) {
            throw new InputException(file + ": grid.metric: " + e.getMessage());
        }
        List<String> featureSets = grid.featureSets().isEmpty() ? List.copyOf(config.featureSets().keySet()) : grid.featureSets();
        for (String fs : featureSets) {
            if (!config.featureSets().containsKey(fs)) {
                throw new InputException(file + ": grid.feature_sets: '" + fs + "' is not a feature set of the dataset section");
            }
        }
        if (grid.models().isEmpty()) throw new InputException(file + ": grid.models: no models to search");
        checkSize(file, Size.of(config, featureSets.size()), 0, Runtime.getRuntime().maxMemory());
        List<GridPoint> points = new ArrayList<>();
        for (var e : grid.models().entrySet()) {
            ModelSpec base = config.models().stream().filter(m -> m.name().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new InputException(file + ": grid.models." + e.getKey() + ": not a model of the models section"));
            points.addAll(expand(file, config, base, e.getValue()));
        }
        return new GridPlan(config, metric, List.copyOf(featureSets),
                List.copyOf(grid.models().keySet()), List.copyOf(points), GridSplits.ids(config));
    }

    /** The plan's size computed from the config alone, before anything is built (doubles: a typo may give 10^18). */
    public record Size(double featureSets, double points, double splits) {
        public static Size of(ExperimentConfig config, int featureSets) {
            double points = 0;
            for (GridSpec.ModelGrid g : config.grid().models().values()) {
                double n = 1;
                if (g.sample() != null) n = g.sample();
                else for (List<Object> v : g.values().values()) n *= v.size();
                points += n;
            }
            var cv = config.protocols().gridCv();
            double splits = (double) cv.repeats() * cv.folds();
            GridSpec.Nested nested = config.grid().nested();
            if (nested != null) {
                splits += (double) nested.outer().repeats() * nested.outer().parts()
                        * (1 + (double) nested.inner().repeats() * nested.inner().folds());
            }
            return new Size(featureSets, points, splits);
        }

        public double units() {
            return featureSets * points * splits;
        }

        /**
         * Heap the plan and a run of it hold: per unit its record, manifest and journal key, per point its
         * spec, per split its ids and, with the data loaded, its row partition (4 bytes a row). Measured on
         * the 484,880-unit overnight grid: 104-208 MiB live, i.e. up to ~450 bytes a unit.
         */
        public double bytes(long rows) {
            return units() * 512 + points * 4096 + splits * (256 + 4.0 * rows);
        }
    }

    /** Refuses (exit 2) a plan that cannot fit in {@code heap} bytes, before it is built. */
    public static void checkSize(Path file, Size size, long rows, long heap) {
        double need = size.bytes(rows);
        if (size.units() > Integer.MAX_VALUE - 8 || need > 0.8 * heap) {
            throw new InputException(String.format(java.util.Locale.ROOT,
                    "%s: grid: %.3g work units (%.0f feature sets x %.3g points x %.3g splits) need about %s of memory; "
                            + "this JVM may use %s. Make the grid smaller, or give Java more memory with "
                            + "CRYSTAL_BENCH_JAVA_OPTS=-Xmx<size>", file, size.units(), size.featureSets(), size.points(),
                    size.splits(), mib(need), mib(heap)));
        }
    }

    private static String mib(double bytes) {
        return bytes >= 1L << 40 ? String.format(java.util.Locale.ROOT, "%.3g TiB", bytes / (1L << 40))
                : String.format(java.util.Locale.ROOT, "%.0f MiB", bytes / (1 << 20));
    }

    /** Every work unit, in manifest order: feature set, model (grid order), point, split. */
    public List<WorkUnit> units() {
        List<WorkUnit> out = new ArrayList<>();
        for (String fs : featureSets) for (GridPoint p : points) for (SplitId s : splits) out.add(new WorkUnit(fs, p, s));
        return out;
    }

    /** The splits of one protocol, in plan order. */
    public List<SplitId> splits(Protocol protocol) {
        return splits.stream().filter(s -> s.protocol() == protocol).toList();
    }

    /** An outer split's inner splits, in plan order. */
    public List<SplitId> inner(SplitId outer) {
        return splits.stream().filter(s -> s.protocol() == Protocol.INNER && s.outerId().equals(outer)).toList();
    }

    public List<GridPoint> pointsOf(String model) {
        return points.stream().filter(p -> p.model().equals(model)).toList();
    }

    /** The grid points of one model: a cartesian product of the listed values, or seeded samples. */
    static List<GridPoint> expand(Path file, ExperimentConfig config, ModelSpec base, GridSpec.ModelGrid grid) {
        String where = file + ": grid.models." + base.name();
        @SuppressWarnings("unchecked")
        Map<String, Object> baseMap = Json.MAPPER.convertValue(base, Map.class);
        for (var e : grid.values().entrySet()) {
            checkKey(where, e.getKey());
            for (Object v : e.getValue()) {
                if (v instanceof Double d && !Double.isFinite(d)) throw new InputException(where + "." + e.getKey() + ": " + d + " is not a finite number");
            }
        }
        for (String key : grid.ranges().keySet()) {
            checkKey(where, key);
            if (!(baseMap.get(key) instanceof Number)) {
                throw new InputException(where + ".ranges." + key + ": not a numeric hyperparameter of model '"
                        + base.name() + "' (" + baseMap.get("type") + ")");
            }
            if (baseMap.get(key) instanceof Integer && grid.ranges().get(key).stream().anyMatch(v -> v != Math.rint(v))) {
                throw new InputException(where + ".ranges." + key + ": " + grid.ranges().get(key)
                        + ": a whole-number hyperparameter needs whole-number ends");
            }
        }
        List<Map<String, Object>> assignments = assignments(config, base, grid, baseMap);
        List<GridPoint> points = new ArrayList<>();
        var seen = new HashSet<String>();
        for (Map<String, Object> a : assignments) {
            ModelSpec spec = build(where, base, baseMap, a);
            if (spec instanceof VotingSpec v) {
                for (String m : v.members()) {
                    boolean ok = config.models().stream().anyMatch(x -> x.name().equals(m) && !(x instanceof VotingSpec));
                    if (!ok) throw new InputException(where + ".members: '" + m + "' is not a non-voting model of this config");
                }
            }
            String hash = Canonical.hash(spec).substring(0, 16);
            if (!seen.add(hash)) continue; // the same configuration twice (duplicate values, repeated draws)
            @SuppressWarnings("unchecked")
            Map<String, Object> specMap = Json.MAPPER.convertValue(spec, Map.class);
            var params = new LinkedHashMap<String, Object>();
            for (String key : a.keySet()) params.put(key, specMap.get(key));
            points.add(new GridPoint(base.name(), points.size(), java.util.Collections.unmodifiableMap(params), spec, hash));
        }
        return List.copyOf(points);
    }

    /** The parameter assignments of a model's grid: every combination of the listed values, or {@code sample} seeded draws. */
    private static List<Map<String, Object>> assignments(ExperimentConfig config, ModelSpec base, GridSpec.ModelGrid grid,
                                                         Map<String, Object> baseMap) {
        List<Map<String, Object>> assignments = new ArrayList<>();
        if (grid.sample() == null) {
            assignments.add(new LinkedHashMap<>());
            for (var e : grid.values().entrySet()) {
                List<Map<String, Object>> next = new ArrayList<>();
                for (Map<String, Object> a : assignments) {
                    for (Object v : e.getValue()) {
                        var b = new LinkedHashMap<>(a);
                        b.put(e.getKey(), v);
                        next.add(b);
                    }
                }
                assignments = next;
            }
        } else {
            for (int i = 0; i < grid.sample(); i++) {
                var rng = new SplittableRandom(Seeds.gridSample(config.seed(), base.name(), i));
                var a = new LinkedHashMap<String, Object>();
                for (var e : grid.values().entrySet()) a.put(e.getKey(), e.getValue().get(rng.nextInt(e.getValue().size())));
                for (var e : grid.ranges().entrySet()) {
                    a.put(e.getKey(), draw(rng, e.getValue().get(0), e.getValue().get(1), baseMap.get(e.getKey()) instanceof Integer));
                }
                assignments.add(a);
            }
        }
        return assignments;
    }

    private static void checkKey(String where, String key) {
        if (key.equals("name") || key.equals("type")) throw new InputException(where + "." + key + ": cannot be gridded");
    }

    /** Base spec with {@code values} put over it, read back as a spec: unknown keys and bad values are input errors. */
    static ModelSpec build(String where, ModelSpec base, Map<String, Object> baseMap, Map<String, Object> values) {
        var map = new LinkedHashMap<>(baseMap);
        map.putAll(values);
        try {
            return Json.MAPPER.convertValue(map, ModelSpec.class);
        } catch (JacksonException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            if (root instanceof UnrecognizedPropertyException u) {
                throw new InputException(where + "." + u.getPropertyName() + ": model '" + base.name() + "' ("
                        + baseMap.get("type") + ") has no hyperparameter '" + u.getPropertyName() + "'"
                        + ("class_weight".equals(u.getPropertyName()) ? ": " + org.crystalbench.models.ClassWeight.NOT_TAKEN : ""));
            }
            if (root instanceof InputException || root instanceof IllegalArgumentException) {
                throw new InputException(where + ": point " + Canonical.json(values) + ": " + root.getMessage());
            }
            if (e instanceof tools.jackson.databind.exc.MismatchedInputException m && m.getTargetType() != null) {
                // In YAML words: the value's key, what it needs, what the grid gave.
                String key = m.getPath().isEmpty() || m.getPath().getLast().getPropertyName() == null ? ""
                        : "." + m.getPath().getLast().getPropertyName();
                String what = "expected " + org.crystalbench.config.ConfigErrors.expected(m.getTargetType()) + ", found "
                        + org.crystalbench.config.ConfigErrors.found(m);
                if (java.util.Collection.class.isAssignableFrom(m.getTargetType())) {
                    what += " (a grid key's list holds one value per point, so a list value goes inside it: [[1, 2], [2, 1]])";
                }
                throw new InputException(where + key + ": point " + Canonical.json(values) + ": " + what);
            }
            String msg = org.crystalbench.config.ConfigErrors.withoutJavaNames(e.getOriginalMessage().replaceAll("\\s*\\n.*", ""));
            throw new InputException(where + ": point " + Canonical.json(values) + ": " + msg);
        } catch (InputException e) {
            throw new InputException(where + ": point " + Canonical.json(values) + ": " + e.getMessage());
        }
    }

    /** Uniform on [lo, hi], log-uniform when the range is positive and spans a decade or more; 3 significant digits. */
    static Object draw(SplittableRandom rng, double lo, double hi, boolean whole) {
        double u = rng.nextDouble();
        double v = lo > 0 && hi / lo >= 10 ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
        if (whole) return (int) Math.min(Math.round(v), Math.floor(hi));
        if (v == 0) return 0.0;
        return new BigDecimal(v).round(new MathContext(3)).doubleValue();
    }
}
