package org.crystalbench.grid.results;

import org.crystalbench.grid.journal.JournalEntry;
import org.crystalbench.grid.plan.GridPlan;
import org.crystalbench.grid.plan.GridPoint;
import org.crystalbench.grid.plan.WorkUnit;
import org.crystalbench.grid.search.Evidence;
import org.crystalbench.grid.search.Search;

import org.crystalbench.splits.Protocol;
import org.crystalbench.splits.Seeds;
import org.crystalbench.splits.SplitId;
import org.crystalbench.io.Canonical;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.crystalbench.metrics.Metric;
import org.crystalbench.io.Csv;
import org.crystalbench.stats.CiSpec;
import org.crystalbench.stats.Interval;
import org.crystalbench.stats.Ranking;
import org.crystalbench.stats.Sample;
import org.crystalbench.results.Estimate;
import org.crystalbench.results.GridTable;
import org.crystalbench.results.NestedTable;

/**
 * The grid's output contract, computed from journal entries only (never from run order): grid.csv,
 * grid.md, nested.csv (with nested CV) and grid-manifest.csv. A single run, a resumed run and a
 * merge of shards write the same tables from the same entries.
 */
public final class GridTables {
    private GridTables() {}

    /** How the tables state uncertainty ({@code --ci}, {@code --ci-level}) and the seed of bootstrap intervals. */
    public record Stats(CiSpec ci, long seed) {
        /** A point's interval over its cv splits (bootstrap cells keyed by feature set and point). */
        public Interval of(Evidence p, Metric m) {
            return ci.interval(p.sample(), m, Seeds.cell(p.featureSet(), p.point().id()), seed);
        }
    }

    /**
     * What a folder's tables cover.
     *
     * @param scope    "the whole grid" or "shard 0/3 ..."
     * @param expected keys of the units this folder is meant to hold (its slice, or the whole grid)
     */
    public record Scope(String scope, Collection<String> expected) {}

    /** grid-manifest.csv (every unit of the plan) and missing.csv (the units a merge lacks). */
    public static String manifestCsv(List<WorkUnit> units) {
        List<List<?>> rows = new ArrayList<>();
        for (WorkUnit u : units) {
            SplitId s = u.split();
            rows.add(List.of(u.featureSet(), u.point().model(), u.point().id(), u.point().hash(), s.protocol(),
                    s.outerRepeat() == null ? "" : s.outerRepeat(), s.outerFold() == null ? "" : s.outerFold(), s.repeat(), s.fold()));
        }
        return Csv.of(List.of("feature_set", "model", "point_id", "param_hash", "protocol", "outer_repeat", "outer_fold",
                "repeat", "fold"), rows);
    }

    /** grid.csv's rows: the plan's points in plan order, parameters as table cells. */
    public static List<GridTable.Row> gridRows(List<Evidence> stats, Stats st, Search.State search) {
        return stats.stream().map(s -> {
            Map<String, String> params = new LinkedHashMap<>();
            s.point().params().forEach((k, v) -> params.put(k, Canonical.cell(v)));
            Search.Fate fate = search.fate(s.featureSet(), s.point());
            return new GridTable.Row(s.featureSet(), s.point().model(), s.point().id(), s.point().hash(), params, s.n(),
                    estimates(m -> s.mean(m), m -> st.of(s, m)), s.fitMsMean(), s.failed(), s.timedOut(), fate.status(),
                    fate.stage(), s.n() + s.failed() + s.timedOut());
        }).toList();
    }

    static Map<Metric, Estimate> estimates(java.util.function.Function<Metric, Double> mean, java.util.function.Function<Metric, Interval> ci) {
        Map<Metric, Estimate> out = new java.util.EnumMap<>(Metric.class);
        Metric.LABEL.forEach(m -> out.put(m, new Estimate(mean.apply(m), Double.NaN, ci.apply(m))));
        return out;
    }

    /** One model's points on one feature set: the best, and every point in table order (best first, then by mean). */
    public record Ranked(Evidence best, List<Evidence> ranked, Map<Evidence, Ranking.Versus> versus) {}

    /**
     * Best = highest mean of the selection metric among the points with no failed or missing split
     * (among the points with the most finished splits when none is complete); every other point is
     * compared with it by {@link Ranking} (paired on the splits both finished, Holm over the model's points).
     */
    public static Ranked rank(List<Evidence> points, Metric metric, double level) {
        int full = points.stream().mapToInt(Evidence::n).max().orElse(0);
        if (full == 0) return null;
        boolean anyComplete = points.stream().anyMatch(p -> p.n() > 0 && p.complete());
        Ranking r = Ranking.of(points.stream().map(Evidence::sample).toList(), metric, level,
                i -> anyComplete ? points.get(i).complete() : points.get(i).n() == full);
        Evidence best = points.get(r.best());
        Map<Evidence, Ranking.Versus> versus = new LinkedHashMap<>();
        r.others().forEach(v -> versus.put(points.get(v.index()), v));
        // Points that ran every split first (with a race or halving: the survivors), then by mean.
        List<Evidence> ranked = points.stream().filter(p -> p.n() > 0).sorted(Comparator.comparing((Evidence p) -> p != best)
                .thenComparing(p -> !p.complete()).thenComparing(Ranking.bestFirst(metric, p -> p.mean(metric))).thenComparingInt(p -> p.point().index())).toList();
        return new Ranked(best, ranked, versus);
    }

    /** Per feature set and model: the nested-CV estimate. */
    public record NestedResult(String featureSet, String model, int outerSplits, Sample sample, Map<String, Integer> chosen,
                               int unusable) {
        public int n() {
            return sample.n();
        }

        public Interval ci(Stats st, Metric m) {
            return st.ci().interval(sample, m, Seeds.cell(featureSet, "nested", model), st.seed());
        }
    }

    /**
     * For each outer split: the point with the best mean selection metric over that split's inner
     * splits (points with a failed or missing inner unit are passed over while any point is
     * complete), then the chosen point's score on the outer test rows. An outer split whose choice
     * cannot be made or whose outer unit failed is counted as unusable.
     */
    public static List<NestedResult> nested(GridPlan plan, Map<String, JournalEntry> entries) {
        if (plan.config().grid().nested() == null) return List.of();
        List<SplitId> outers = plan.splits(Protocol.OUTER);
        List<NestedResult> out = new ArrayList<>();
        for (String fs : plan.featureSets()) {
            for (String model : plan.models()) {
                out.add(nestedRow(plan, entries, outers, fs, model,
                        inner -> plan.pointsOf(model).stream().map(p -> Evidence.of(fs, p, inner, entries)).toList(), pick -> pick.point().id()));
            }
        }
        if (plan.featureSets().size() * plan.models().size() > 1) out.add(selection(plan, entries, outers));
        return out;
    }

    /** Feature-set and model names of the row of {@link #selection}: the choice over every feature set and model. */
    public static final String ANY_FEATURE_SET = "(selected)", SELECTED_MODEL = "(selected)";

    /**
     * Model choice by nested cross-validation: for each outer split, the (feature set, model, point) with the best
     * mean selection metric on that split's inner splits, over every feature set and model of the grid (ties: the
     * first in plan order); its score on the outer test rows is the outer split's result. The mean over outer
     * splits is the honest score of the whole selection procedure, not of any one cell of the table.
     * Chosen points are named {@code feature set/point id}.
     */
    static NestedResult selection(GridPlan plan, Map<String, JournalEntry> entries, List<SplitId> outers) {
        return nestedRow(plan, entries, outers, ANY_FEATURE_SET, SELECTED_MODEL, inner -> {
            List<Evidence> stats = new ArrayList<>();
            for (String fs : plan.featureSets()) {
                for (String model : plan.models()) for (GridPoint p : plan.pointsOf(model)) stats.add(Evidence.of(fs, p, inner, entries));
            }
            return stats;
        }, pick -> pick.featureSet() + "/" + pick.point().id());
    }

    /**
     * One nested row: per outer split, the best of {@code candidates} (given its inner splits) and its outer unit's
     * score; an outer split with no choice or a failed outer unit is unusable. {@code name} labels the chosen points.
     */
    private static NestedResult nestedRow(GridPlan plan, Map<String, JournalEntry> entries, List<SplitId> outers, String fs, String model,
                                          Function<List<SplitId>, List<Evidence>> candidates, Function<Evidence, String> name) {
        List<JournalEntry> scored = new ArrayList<>();
        Map<String, Integer> chosen = new TreeMap<>();
        int unusable = 0;
        for (SplitId o : outers) {
            Evidence pick = Evidence.pick(candidates.apply(plan.inner(o)), plan.metric());
            JournalEntry outer = pick == null ? null
                    : entries.get(WorkUnit.key(pick.featureSet(), pick.point().model(), pick.point().hash(), o));
            if (outer == null || !outer.ok()) {
                unusable++;
                continue;
            }
            chosen.merge(name.apply(pick), 1, Integer::sum);
            scored.add(outer);
        }
        return new NestedResult(fs, model, outers.size(), Evidence.sample(scored), chosen, unusable);
    }

    public static List<NestedTable.Row> nestedRows(List<NestedResult> results, Stats st) {
        return results.stream().map(r -> new NestedTable.Row(r.featureSet(), r.model(), r.n(),
                estimates(m -> r.sample().mean(m), m -> r.ci(st, m)), r.unusable(), r.chosen())).toList();
    }

    /** Counts over the entries a folder is meant to hold. */
    public record Counts(long expected, long finished, long ok, long failed, long timedOut) {
        public long missing() {
            return expected - finished;
        }

        public boolean complete() {
            return missing() == 0;
        }
    }

    public static Counts counts(Scope scope, Map<String, JournalEntry> entries) {
        long finished = 0, ok = 0, failed = 0, timedOut = 0;
        for (String k : scope.expected()) {
            JournalEntry e = entries.get(k);
            if (e == null) continue;
            finished++;
            switch (e.status()) {
                case OK -> ok++;
                case FAILED -> failed++;
                case TIMEOUT -> timedOut++;
            }
        }
        return new Counts(scope.expected().size(), finished, ok, failed, timedOut);
    }

    /** What the fits of this folder's finished units flagged, per feature set and grid point (as run lists them). */
    public static List<String> fitWarnings(GridPlan plan, Scope scope, Map<String, JournalEntry> entries) {
        Map<String, String> ids = new LinkedHashMap<>();
        plan.points().forEach(p -> ids.put(p.model() + "|" + p.hash(), p.id()));
        return org.crystalbench.results.FitWarnings.count(scope.expected().stream().map(entries::get)
                .filter(e -> e != null && e.ok())
                .map(e -> new org.crystalbench.results.FitWarnings.Fit(e.featureSet(),
                        ids.getOrDefault(e.model() + "|" + e.paramHash(), e.model()), e.warnings() == null ? List.of() : e.warnings()))
                .toList());
    }

    /** A point's parameters as text: "C=10, sigma=3.0", "(base spec)" for none. */
    public static String params(GridPoint p) {
        if (p.params().isEmpty()) return "(base spec)";
        return String.join(", ", p.params().entrySet().stream().map(e -> e.getKey() + "=" + Canonical.cell(e.getValue())).toList());
    }
}
