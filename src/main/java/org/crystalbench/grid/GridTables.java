package org.crystalbench.grid;

import org.crystalbench.splits.Protocol;
import org.crystalbench.splits.SplitId;
import org.crystalbench.io.Canonical;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.crystalbench.metrics.Metric;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Csv;
import org.crystalbench.stats.CiMethod;
import org.crystalbench.stats.CiSpec;
import org.crystalbench.stats.Interval;
import org.crystalbench.stats.Ranking;
import org.crystalbench.stats.Sample;
import org.crystalbench.results.Cells;
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
    public record Stats(CiSpec ci, long seed) {}

    /**
     * What a folder's tables cover.
     *
     * @param scope    "the whole grid" or "shard 0/3 ..."
     * @param expected keys of the units this folder is meant to hold (its slice, or the whole grid)
     */
    public record Scope(String scope, Collection<String> expected) {}

    /** One grid point on one feature set over the cv splits. */
    public record PointStats(String featureSet, GridPoint point, int failed, int timedOut, int missing, Sample sample,
                             double fitMsMean) {
        int n() {
            return sample.n();
        }

        double mean(Metric m) {
            return sample.mean(m);
        }

        boolean complete() {
            return failed + timedOut + missing == 0;
        }

        Interval ci(Stats st, Metric m) {
            return st.ci().interval(sample, m, featureSet + '\u0000' + point.id(), st.seed());
        }
    }

    /** One entry per key: an OK entry wins over a failed one (a retried unit), else the later one. */
    public static Map<String, JournalEntry> dedupe(Iterable<JournalEntry> entries) {
        Map<String, JournalEntry> out = new TreeMap<>();
        for (JournalEntry e : entries) {
            JournalEntry old = out.get(e.key());
            if (old == null || e.ok() || !old.ok()) out.put(e.key(), e);
        }
        return out;
    }

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

    /** Per feature set and point, in plan order: statistics over the cv splits. */
    public static List<PointStats> pointStats(GridPlan plan, Map<String, JournalEntry> entries) {
        List<SplitId> cv = plan.splits().stream().filter(s -> s.protocol() == plan.config().protocols().gridProtocol()).toList();
        List<PointStats> out = new ArrayList<>();
        for (String fs : plan.featureSets()) {
            for (GridPoint p : plan.points()) out.add(stats(fs, p, cv, entries));
        }
        return out;
    }

    static PointStats stats(String fs, GridPoint p, List<SplitId> splits, Map<String, JournalEntry> entries) {
        List<JournalEntry> ok = new ArrayList<>();
        int failed = 0, timedOut = 0, missing = 0;
        for (SplitId s : splits) {
            JournalEntry e = entries.get(WorkUnit.key(fs, p.model(), p.hash(), s));
            if (e == null) missing++;
            else if (e.status() == JournalEntry.Status.TIMEOUT) timedOut++;
            else if (!e.ok()) failed++;
            else ok.add(e);
        }
        double fit = ok.stream().mapToDouble(JournalEntry::fitMs).average().orElse(Double.NaN);
        return new PointStats(fs, p, failed, timedOut, missing, sample(ok), fit);
    }

    /** Journal entries as a statistics sample, in entry order. */
    static Sample sample(List<JournalEntry> ok) {
        double train = ok.stream().mapToDouble(JournalEntry::trainSize).average().orElse(1);
        double test = ok.stream().mapToDouble(JournalEntry::testSize).average().orElse(0);
        return Sample.of(ok, JournalEntry::split, (e, m) -> e.metric(m.column()), test / train);
    }

    /** grid.csv's rows: the plan's points in plan order, parameters as table cells. */
    static List<GridTable.Row> gridRows(List<PointStats> stats, Stats st, Search.State search) {
        return stats.stream().map(s -> {
            Map<String, String> params = new LinkedHashMap<>();
            s.point().params().forEach((k, v) -> params.put(k, Canonical.cell(v)));
            Search.Fate fate = search.fate(s.featureSet(), s.point());
            return new GridTable.Row(s.featureSet(), s.point().model(), s.point().id(), s.point().hash(), params, s.n(),
                    estimates(m -> s.mean(m), m -> s.ci(st, m)), s.fitMsMean(), s.failed(), s.timedOut(), fate.status().cell(),
                    fate.stage(), s.n() + s.failed() + s.timedOut());
        }).toList();
    }

    static Map<Metric, Estimate> estimates(java.util.function.Function<Metric, Double> mean, java.util.function.Function<Metric, Interval> ci) {
        Map<Metric, Estimate> out = new java.util.EnumMap<>(Metric.class);
        Metric.LABEL.forEach(m -> out.put(m, new Estimate(mean.apply(m), Double.NaN, ci.apply(m))));
        return out;
    }

    /** One model's points on one feature set: the best, and every point in table order (best first, then by mean). */
    record Ranked(PointStats best, List<PointStats> ranked, Map<PointStats, Ranking.Versus> versus) {}

    /**
     * Best = highest mean of the selection metric among the points with no failed or missing split
     * (among the points with the most finished splits when none is complete); every other point is
     * compared with it by {@link Ranking} (paired on the splits both finished, Holm over the model's points).
     */
    static Ranked rank(List<PointStats> points, Metric metric, double level) {
        int full = points.stream().mapToInt(PointStats::n).max().orElse(0);
        if (full == 0) return null;
        boolean anyComplete = points.stream().anyMatch(p -> p.n() > 0 && p.complete());
        Ranking r = Ranking.of(points.stream().map(PointStats::sample).toList(), metric, level,
                i -> anyComplete ? points.get(i).complete() : points.get(i).n() == full);
        PointStats best = points.get(r.best());
        Map<PointStats, Ranking.Versus> versus = new LinkedHashMap<>();
        r.others().forEach(v -> versus.put(points.get(v.index()), v));
        // Points that ran every split first (with a race or halving: the survivors), then by mean.
        List<PointStats> ranked = points.stream().filter(p -> p.n() > 0).sorted(Comparator.comparing((PointStats p) -> p != best)
                .thenComparing(p -> !p.complete()).thenComparing(p -> -p.mean(metric)).thenComparingInt(p -> p.point().index())).toList();
        return new Ranked(best, ranked, versus);
    }

    /** Per feature set and model: the nested-CV estimate. */
    public record NestedResult(String featureSet, String model, int outerSplits, Sample sample, Map<String, Integer> chosen,
                               int unusable) {
        int n() {
            return sample.n();
        }

        Interval ci(Stats st, Metric m) {
            return st.ci().interval(sample, m, featureSet + '\u0000' + "nested" + '\u0000' + model, st.seed());
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
        List<SplitId> outers = plan.splits().stream().filter(s -> s.protocol() == Protocol.OUTER).toList();
        List<NestedResult> out = new ArrayList<>();
        for (String fs : plan.featureSets()) {
            for (String model : plan.models()) {
                List<GridPoint> points = plan.pointsOf(model);
                List<JournalEntry> scored = new ArrayList<>();
                Map<String, Integer> chosen = new TreeMap<>();
                int unusable = 0;
                for (SplitId o : outers) {
                    List<SplitId> inner = plan.splits().stream().filter(s -> s.protocol() == Protocol.INNER
                            && s.outerId().equals(o)).toList();
                    List<PointStats> stats = points.stream().map(p -> stats(fs, p, inner, entries)).toList();
                    PointStats pick = pick(stats, plan.metric());
                    JournalEntry outer = pick == null ? null : entries.get(WorkUnit.key(fs, model, pick.point().hash(), o));
                    if (outer == null || !outer.ok()) {
                        unusable++;
                        continue;
                    }
                    chosen.merge(pick.point().id(), 1, Integer::sum);
                    scored.add(outer);
                }
                out.add(new NestedResult(fs, model, outers.size(), sample(scored), chosen, unusable));
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
        List<JournalEntry> scored = new ArrayList<>();
        Map<String, Integer> chosen = new TreeMap<>();
        int unusable = 0;
        for (SplitId o : outers) {
            List<SplitId> inner = plan.splits().stream().filter(s -> s.protocol() == Protocol.INNER && s.outerId().equals(o)).toList();
            List<PointStats> stats = new ArrayList<>();
            for (String fs : plan.featureSets()) {
                for (String model : plan.models()) for (GridPoint p : plan.pointsOf(model)) stats.add(stats(fs, p, inner, entries));
            }
            List<PointStats> complete = stats.stream().filter(st -> st.n() > 0 && st.complete()).toList();
            List<PointStats> pool = complete.isEmpty() ? stats.stream().filter(st -> st.n() > 0).toList() : complete;
            PointStats pick = null;
            for (PointStats st : pool) if (pick == null || st.mean(plan.metric()) > pick.mean(plan.metric())) pick = st;
            JournalEntry outer = pick == null ? null
                    : entries.get(WorkUnit.key(pick.featureSet(), pick.point().model(), pick.point().hash(), o));
            if (outer == null || !outer.ok()) {
                unusable++;
                continue;
            }
            chosen.merge(pick.featureSet() + "/" + pick.point().id(), 1, Integer::sum);
            scored.add(outer);
        }
        return new NestedResult(ANY_FEATURE_SET, SELECTED_MODEL, outers.size(), sample(scored), chosen, unusable);
    }

    static PointStats pick(List<PointStats> stats, Metric metric) {
        List<PointStats> complete = stats.stream().filter(s -> s.n() > 0 && s.complete()).toList();
        List<PointStats> pool = complete.isEmpty() ? stats.stream().filter(s -> s.n() > 0).toList() : complete;
        return pool.stream().max(Comparator.comparingDouble((PointStats s) -> s.mean(metric))
                .thenComparing(s -> -s.point().index())).orElse(null);
    }

    static List<NestedTable.Row> nestedRows(List<NestedResult> results, Stats st) {
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

    static String gridMd(GridPlan plan, Scope scope, Map<String, JournalEntry> entries, List<PointStats> stats,
                         List<NestedResult> nested, Stats st, Search.State search, List<String> warnings) {
        boolean early = search.rules().kind() != Search.Kind.EXHAUSTIVE;
        CiSpec ci = st.ci();
        String cell = metricCell(plan.metric(), ci);
        Metric metric = plan.metric();
        Counts c = counts(scope, entries);
        var cv = plan.config().protocols().gridCv();
        var sb = new StringBuilder();
        sb.append("# Grid search: ").append(plan.config().name() == null ? "(unnamed)" : plan.config().name()).append("\n\n");
        boolean done = c.complete() && search.finished();
        sb.append("- Status: **").append(done ? "complete" : "incomplete").append("** (").append(scope.scope()).append(")");
        if (!c.complete()) sb.append(": ").append(c.missing()).append(" of ").append(c.expected())
                .append(" work units not finished; run the same command again to resume");
        else if (!search.finished()) sb.append(": every unit of this folder's current stage ran; the search goes on with ")
                .append(search.pending().size()).append(" more units (on shards: merge the shard folders, then run the shards again ")
                .append("with --merged; docs/grid.md, \"Races on shards\")");
        sb.append("\n");
        sb.append("- Fits: ").append(c.finished()).append(" finished of ").append(c.expected()).append(" — ").append(c.ok())
                .append(" OK, ").append(c.failed()).append(" failed, ").append(c.timedOut()).append(" timed out\n");
        if (early) {
            sb.append("- Search: ").append(search.rules().describe()).append(". Units scheduled: ").append(search.scheduled().size())
                    .append(" of the exhaustive grid's ").append(search.exhaustiveUnits()).append(" (")
                    .append(Cells.fmt("%.1f", 100.0 * search.scheduled().size() / Math.max(1, search.exhaustiveUnits())))
                    .append("%)").append(search.finished() ? "" : " so far").append("\n");
        }
        sb.append("- Selection metric: `").append(metric.column()).append("`, mean over the ").append(cv.repeats()).append(" x ")
                .append(cv.folds()).append("-fold stratified cv splits (the same splits for every point); ")
                .append("intervals: ").append(ci.label()).append(ci.method() == CiMethod.CORRECTED_T ? " (Nadeau–Bengio corrected resampled t)" : "")
                .append("\n");
        sb.append("- \"Worse\": corrected resampled paired t-test against the model's best point on the splits both finished, "
                + "Holm-adjusted over the model's points, p < ").append(Cells.f3(1 - ci.level())).append("\n\n");
        sb.append(org.crystalbench.results.FitWarnings.markdown(warnings));

        List<List<String>> bestRows = new ArrayList<>();
        for (String fs : plan.featureSets()) {
            for (String model : plan.models()) {
                List<PointStats> ps = stats.stream().filter(s -> s.featureSet().equals(fs) && s.point().model().equals(model)).toList();
                sb.append("## ").append(fs).append(" — ").append(model).append(" (").append(ps.size()).append(" points)\n\n");
                Ranked r = rank(ps, metric, ci.level());
                if (r == null) {
                    sb.append("No finished fits.\n\n");
                    continue;
                }
                int tableStart = sb.length();
                if (early) sb.append(trail(search.cv(fs, model), search.rules())).append("\n\n");
                sb.append("| rank | point | parameters | ").append(cell).append(" | n | diff vs best | p (Holm) | worse | failed |")
                        .append(early ? " search |\n" : "\n");
                sb.append("|---:|---|---|---|---:|---:|---:|---|---:|").append(early ? "---|\n" : "\n");
                int shown = Math.min(plan.config().grid().top(), r.ranked().size());
                for (int i = 0; i < shown; i++) {
                    PointStats p = r.ranked().get(i);
                    Ranking.Versus v = r.versus().get(p);
                    String worse = p == r.best() ? "best" : v == null ? "n/a" : v.significantlyWorse() ? "yes" : "no";
                    sb.append("| ").append(i + 1).append(" | ").append(p.point().id()).append(" | ").append(params(p.point()))
                            .append(" | ").append(Cells.meanCi(new Estimate(p.mean(metric), Double.NaN, p.ci(st, metric)))).append(" | ").append(p.n())
                            .append(" | ").append(v == null ? "" : Cells.f3(v.test().meanDiff()))
                            .append(" | ").append(v == null ? "" : Cells.f3(v.pHolm())).append(" | ").append(worse)
                            .append(" | ").append(p.failed() + p.timedOut()).append(" |")
                            .append(early ? " " + fate(search.fate(fs, p.point()), search.rules()) + " |\n" : "\n");
                }
                sb.append(Cells.footnote(sb.substring(tableStart)));
                long worseCount = r.versus().values().stream().filter(Ranking.Versus::significantlyWorse).count();
                sb.append("\n").append(r.ranked().size() - shown > 0 ? (r.ranked().size() - shown) + " more points in grid.csv. " : "");
                if (!r.versus().isEmpty()) {
                    sb.append(worseCount).append(" of ").append(r.versus().size()).append(" compared points are significantly worse than the best.");
                }
                sb.append("\n\n");
                bestRows.add(List.of(fs, model, r.best().point().id(), params(r.best().point()),
                        Cells.meanCi(new Estimate(r.best().mean(metric), Double.NaN, r.best().ci(st, metric))), Integer.toString(r.best().n())));
            }
        }
        sb.append("## Best parameters per model\n\n");
        int bestStart = sb.length();
        sb.append("| feature set | model | point | parameters | ").append(cell).append(" | n |\n|---|---|---|---|---|---:|\n");
        for (List<String> row : bestRows) sb.append("| ").append(String.join(" | ", row)).append(" |\n");
        sb.append(Cells.footnote(sb.substring(bestStart)));
        sb.append("\nThe best point's interval is optimistic: it was chosen for having the highest mean on these same splits")
                .append(nested.isEmpty() ? " (configure `grid.nested` for an unbiased estimate).\n" : "; the nested estimate below is not.\n");

        if (!nested.isEmpty()) {
            var nc = plan.config().grid().nested();
            sb.append("\n## Nested cross-validation\n\nOuter ").append(nc.outer().describe())
                    .append(", inner ").append(nc.inner().repeats()).append(" x ").append(nc.inner().folds())
                    .append("-fold on each outer training part; the point chosen on the inner splits (by `")
                    .append(metric.column()).append("`) is scored on the outer test part.\n\n");
            int nestedStart = sb.length();
            sb.append("| feature set | model | outer splits used | ").append(cell)
                    .append(" | chosen points (times) |\n|---|---|---:|---|---|\n");
            for (NestedResult r : nested) {
                sb.append("| ").append(r.featureSet()).append(" | ").append(r.model()).append(" | ").append(r.n()).append(" of ")
                        .append(r.outerSplits()).append(" | ").append(Cells.meanCi(new Estimate(r.sample().mean(metric), Double.NaN, r.ci(st, metric)))).append(" | ")
                        .append(String.join(", ", r.chosen().entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").toList()))
                        .append(" |\n");
            }
            sb.append(Cells.footnote(sb.substring(nestedStart)));
        }

        List<JournalEntry> failures = scope.expected().stream().map(entries::get).filter(e -> e != null && !e.ok()).toList();
        if (!failures.isEmpty()) {
            Map<String, GridPoint> byHash = new LinkedHashMap<>();
            plan.points().forEach(p -> byHash.put(p.model() + "|" + p.hash(), p));
            sb.append("\n## Failures (").append(failures.size()).append(")\n\n| feature set | model | point | split | status | ms | error |\n|---|---|---|---|---|---:|---|\n");
            failures.stream().limit(100).forEach(e -> {
                GridPoint p = byHash.get(e.model() + "|" + e.paramHash());
                sb.append("| ").append(e.featureSet()).append(" | ").append(e.model()).append(" | ").append(p == null ? e.paramHash() : p.id())
                        .append(" | ").append(e.split().label()).append(" | ").append(e.status()).append(" | ").append(Cells.fmt("%.0f", e.fitMs()))
                        .append(" | ").append(e.error() == null ? "" : e.error().replace("|", "\\|")).append(" |\n");
            });
            if (failures.size() > 100) sb.append("\n").append(failures.size() - 100).append(" more in journal.jsonl.\n");
        }
        return sb.toString();
    }

    /** What the fits of this folder's finished units flagged, per feature set and grid point (as run lists them). */
    static List<String> fitWarnings(GridPlan plan, Scope scope, Map<String, JournalEntry> entries) {
        Map<String, String> ids = new LinkedHashMap<>();
        plan.points().forEach(p -> ids.put(p.model() + "|" + p.hash(), p.id()));
        return org.crystalbench.results.FitWarnings.count(scope.expected().stream().map(entries::get)
                .filter(e -> e != null && e.ok())
                .map(e -> new org.crystalbench.results.FitWarnings.Fit(e.featureSet(),
                        ids.getOrDefault(e.model() + "|" + e.paramHash(), e.model()), e.warnings() == null ? List.of() : e.warnings()))
                .toList());
    }

    /** "macro_f1 [corrected-t 95% CI]" */
    static String metricCell(Metric metric, CiSpec ci) {
        return metric.column() + " [" + ci.label() + " CI]";
    }

    static String params(GridPoint p) {
        if (p.params().isEmpty()) return "(base spec)";
        return String.join(", ", p.params().entrySet().stream().map(e -> e.getKey() + "=" + Canonical.cell(e.getValue())).toList());
    }

    /** Writes grid.csv, grid.md and (with nested CV) nested.csv from the entries. */
    /** @return the fit warnings listed in grid.md, for the command to print */
    public static List<String> writeAll(Path dir, GridPlan plan, Scope scope, Map<String, JournalEntry> entries, CiSpec ci,
                                        Search.State search) {
        Stats st = new Stats(ci, plan.config().seed());
        List<PointStats> stats = pointStats(plan, entries);
        List<NestedResult> nested = nested(plan, entries);
        GridTable.write(dir, gridRows(stats, st, search));
        if (plan.config().grid().nested() != null) NestedTable.write(dir, nestedRows(nested, st));
        List<String> warnings = fitWarnings(plan, scope, entries);
        AtomicFiles.write(dir.resolve("grid.md"), gridMd(plan, scope, entries, stats, nested, st, search, warnings));
        return warnings;
    }

    /** "kept", "dropped after block 3 (20 splits)", "failed in rung 1", "running" */
    static String fate(Search.Fate f, Search.Rules rules) {
        return switch (f.status()) {
            case RUNNING, KEPT -> f.status().cell();
            case DROPPED -> "dropped after " + rules.stage() + " " + f.stage() + " (" + f.splits() + " splits)";
            case FAILED -> "failed in " + rules.stage() + " " + f.stage();
        };
    }

    /** "Race: 80 points; block 1 (10 splits): 80 -> 41; ...; one left after block 6, run on all 50 splits." */
    static String trail(Search.Group g, Search.Rules rules) {
        var sb = new StringBuilder(Character.toUpperCase(rules.kind().label().charAt(0)) + rules.kind().label().substring(1));
        sb.append(": ").append(g.fates().size()).append(" points");
        for (Search.Stage s : g.stages()) {
            sb.append("; ").append(rules.stage()).append(" ").append(s.number()).append(" (").append(s.splits()).append(" splits): ")
                    .append(s.in()).append(" → ").append(s.in() - s.dropped() - s.failed());
            if (s.failed() > 0) sb.append(" (").append(s.failed()).append(" failed)");
        }
        long kept = g.fates().values().stream().filter(f -> f.status() == Search.Status.KEPT).count();
        long running = g.fates().values().stream().filter(f -> f.status() == Search.Status.RUNNING).count();
        if (!g.finished()) sb.append("; ").append(running).append(" still racing");
        else sb.append("; ").append(kept).append(kept == 1 ? " point" : " points").append(" kept, run on every split");
        long fits = g.fates().values().stream().mapToLong(Search.Fate::splits).sum();
        // Which points went where (grid.csv has them too: search, dropped_at).
        Map<Integer, List<String>> byStage = new TreeMap<>();
        g.fates().forEach((p, f) -> {
            if (f.stage() > 0) byStage.computeIfAbsent(f.stage(), k -> new ArrayList<>()).add(p.id() + (f.status() == Search.Status.FAILED ? " (failed)" : ""));
        });
        var dropped = new StringBuilder();
        byStage.forEach((stage, ids) -> dropped.append("\n- dropped after ").append(rules.stage()).append(" ").append(stage).append(": ")
                .append(String.join(", ", ids)));
        return sb.append(". Fits: ").append(fits).append(" of ").append((long) g.fates().size() * g.poolSize())
                .append(g.finished() ? "" : " so far").append(".").append(dropped).toString();
    }
}
