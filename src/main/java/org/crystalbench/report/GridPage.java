package org.crystalbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.crystalbench.grid.journal.JournalEntry;
import org.crystalbench.grid.plan.GridPlan;
import org.crystalbench.grid.plan.GridPoint;
import org.crystalbench.grid.search.Evidence;
import org.crystalbench.grid.search.Search;
import org.crystalbench.grid.results.SearchComparison;
import org.crystalbench.metrics.Metric;
import org.crystalbench.grid.results.GridTables;
import org.crystalbench.results.Estimate;
import org.crystalbench.stats.CiMethod;
import org.crystalbench.stats.CiSpec;
import org.crystalbench.stats.Ranking;
import org.crystalbench.grid.results.GridTables.Counts;
import org.crystalbench.grid.results.GridTables.NestedResult;
import org.crystalbench.grid.results.GridTables.Ranked;
import org.crystalbench.grid.results.GridTables.Scope;
import org.crystalbench.grid.results.GridTables.Stats;
import org.crystalbench.results.GridTable.Status;

/** grid.md and grid-compare's output: the grid's tables as Markdown, from what {@link GridTables} computed. */
public final class GridPage {
    private GridPage() {}

    public static String markdown(java.nio.file.Path dir, GridPlan plan, Scope scope, Map<String, JournalEntry> entries, List<Evidence> stats,
                         List<NestedResult> nested, Stats st, Search.State search, List<String> warnings) {
        var sb = new StringBuilder();
        header(sb, plan, scope, entries, search, st.ci(), warnings);
        List<List<String>> bestRows = new ArrayList<>();
        for (String fs : plan.featureSets()) {
            for (String model : plan.models()) {
                List<Evidence> ps = stats.stream().filter(s -> s.featureSet().equals(fs) && s.point().model().equals(model)).toList();
                List<String> best = model(sb, plan, fs, model, ps, st, search);
                if (best != null) bestRows.add(best);
            }
        }
        best(sb, plan, bestRows, st.ci(), nested.isEmpty());
        if (!bestRows.isEmpty()) train(sb, dir, GridTables.counts(scope, entries).complete() && search.finished());
        if (!nested.isEmpty()) nested(sb, plan, nested, st);
        failures(sb, plan, scope, entries);
        return sb.toString();
    }

    /** Title, status, fits, search, selection metric, the test behind "worse", fit warnings. */
    private static void header(StringBuilder sb, GridPlan plan, Scope scope, Map<String, JournalEntry> entries, Search.State search,
                               CiSpec ci, List<String> warnings) {
        boolean early = search.rules().kind() != Search.Kind.EXHAUSTIVE;
        Metric metric = plan.metric();
        Counts c = GridTables.counts(scope, entries);
        var cv = plan.config().protocols().gridCv();
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
        sb.append(SummaryPage.fitWarnings(warnings));
    }

    /** One feature set and model: its ranked points (the top ones); returns its best-parameters row, or null when none finished. */
    private static List<String> model(StringBuilder sb, GridPlan plan, String fs, String model, List<Evidence> ps, Stats st,
                                      Search.State search) {
        boolean early = search.rules().kind() != Search.Kind.EXHAUSTIVE;
        Metric metric = plan.metric();
        CiSpec ci = st.ci();
        String cell = metricCell(metric, ci);
        sb.append("## ").append(fs).append(" — ").append(model).append(" (").append(ps.size()).append(" points)\n\n");
        Ranked r = GridTables.rank(ps, metric, ci.level());
        if (r == null) {
            sb.append("No finished fits.\n\n");
            return null;
        }
        if (early) sb.append(trail(search.cv(fs, model), search.rules())).append("\n\n");
        List<String> header = new ArrayList<>(List.of("rank", "point", "parameters", cell, "n", "diff vs best", "p (Holm)", "worse", "failed"));
        if (early) header.add("search");
        int shown = Math.min(plan.config().grid().top(), r.ranked().size());
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < shown; i++) {
            Evidence p = r.ranked().get(i);
            Ranking.Versus v = r.versus().get(p);
            String worse = p == r.best() ? "best" : v == null ? "n/a" : v.significantlyWorse() ? "yes" : "no";
            List<String> row = new ArrayList<>(List.of(Integer.toString(i + 1), p.point().id(), GridTables.params(p.point()),
                    Cells.meanCi(new Estimate(p.mean(metric), Double.NaN, st.of(p, metric))), Integer.toString(p.n()),
                    v == null ? "" : Cells.f3(v.test().meanDiff()), v == null ? "" : Cells.f3(v.pHolm()), worse,
                    Integer.toString(p.failed() + p.timedOut())));
            if (early) row.add(fate(search.fate(fs, p.point()), search.rules()));
            rows.add(row);
        }
        sb.append(Cells.table(header, early ? "rlllrrrlrl" : "rlllrrrlr", rows));
        long worseCount = r.versus().values().stream().filter(Ranking.Versus::significantlyWorse).count();
        sb.append("\n").append(r.ranked().size() - shown > 0 ? (r.ranked().size() - shown) + " more points in grid.csv. " : "");
        if (!r.versus().isEmpty()) {
            sb.append(worseCount).append(" of ").append(r.versus().size()).append(" compared points are significantly worse than the best.");
        }
        sb.append("\n\n");
        return List.of(fs, model, r.best().point().id(), GridTables.params(r.best().point()),
                Cells.meanCi(new Estimate(r.best().mean(metric), Double.NaN, st.of(r.best(), metric))), Integer.toString(r.best().n()));
    }

    private static void best(StringBuilder sb, GridPlan plan, List<List<String>> bestRows, CiSpec ci, boolean noNested) {
        String cell = metricCell(plan.metric(), ci);
        sb.append("## Best parameters per model\n\n");
        sb.append(Cells.table(List.of("feature set", "model", "point", "parameters", cell, "n"), "lllllr", bestRows));
        sb.append("\nThe best point's interval is optimistic: it was chosen for having the highest mean on these same splits")
                .append(noNested ? " (configure `grid.nested` for an unbiased estimate).\n" : "; the nested estimate below is not.\n");
    }

    /** The command that fits these best points on all rows (docs/grid.md, "Training the best point"). */
    private static void train(StringBuilder sb, java.nio.file.Path dir, boolean finished) {
        String d = shellWord(dir.toString());
        sb.append("\nTo fit each model's best point on all rows as a bundle for `predict`")
                .append(finished ? "" : " (once the grid is finished; merge shard folders first)").append(":\n\n```sh\n")
                .append("crystal-bench train --from-grid ").append(d).append(" --out ").append(shellWord(dir.resolve("bundles").toString()))
                .append("\n```\n\n(`--model NAME` for one model; the bundle's manifest records the point.)\n");
    }

    /** A path as one shell word: quoted only when it needs to be. */
    static String shellWord(String s) {
        return s.matches("[A-Za-z0-9_./:=@%+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    private static void nested(StringBuilder sb, GridPlan plan, List<NestedResult> nested, Stats st) {
        Metric metric = plan.metric();
        String cell = metricCell(metric, st.ci());
        var nc = plan.config().grid().nested();
        sb.append("\n## Nested cross-validation\n\nOuter ").append(nc.outer().describe())
                .append(", inner ").append(nc.inner().repeats()).append(" x ").append(nc.inner().folds())
                .append("-fold on each outer training part; the point chosen on the inner splits (by `")
                .append(metric.column()).append("`) is scored on the outer test part.\n\n");
        sb.append(Cells.table(List.of("feature set", "model", "outer splits used", cell, "chosen points (times)"), "llrll",
                nested.stream().map(r -> List.of(r.featureSet(), r.model(), r.n() + " of " + r.outerSplits(),
                        Cells.meanCi(new Estimate(r.sample().mean(metric), Double.NaN, r.ci(st, metric))),
                        String.join(", ", r.chosen().entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").toList()))).toList()));
    }

    /** The first 100 failed or timed-out units of this folder, with their errors. */
    private static void failures(StringBuilder sb, GridPlan plan, Scope scope, Map<String, JournalEntry> entries) {
        List<JournalEntry> failures = scope.expected().stream().map(entries::get).filter(e -> e != null && !e.ok()).toList();
        if (!failures.isEmpty()) {
            Map<String, GridPoint> byHash = new LinkedHashMap<>();
            plan.points().forEach(p -> byHash.put(p.model() + "|" + p.hash(), p));
            sb.append("\n## Failures (").append(failures.size()).append(")\n\n");
            sb.append(Cells.table(List.of("feature set", "model", "point", "split", "status", "ms", "error"), "lllllrl",
                    failures.stream().limit(100).map(e -> {
                        GridPoint p = byHash.get(e.model() + "|" + e.paramHash());
                        return List.of(e.featureSet(), e.model(), p == null ? e.paramHash() : p.id(), e.split().label(),
                                e.status().toString(), Cells.fmt("%.0f", e.fitMs()), e.error() == null ? "" : e.error());
                    }).toList()));
            if (failures.size() > 100) sb.append("\n").append(failures.size() - 100).append(" more in journal.jsonl.\n");
        }
    }

    /** "macro_f1 [corrected-t 95% CI]" */
    static String metricCell(Metric metric, CiSpec ci) {
        return metric.column() + " [" + ci.label() + " CI]";
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
        long kept = g.fates().values().stream().filter(f -> f.status() == Status.KEPT).count();
        long running = g.fates().values().stream().filter(f -> f.status() == Status.RUNNING).count();
        if (!g.finished()) sb.append("; ").append(running).append(" still racing");
        else sb.append("; ").append(kept).append(kept == 1 ? " point" : " points").append(" kept, run on every split");
        long fits = g.fates().values().stream().mapToLong(Search.Fate::splits).sum();
        // Which points went where (grid.csv has them too: search, dropped_at).
        Map<Integer, List<String>> byStage = new TreeMap<>();
        g.fates().forEach((p, f) -> {
            if (f.stage() > 0) byStage.computeIfAbsent(f.stage(), k -> new ArrayList<>()).add(p.id() + (f.status() == Status.FAILED ? " (failed)" : ""));
        });
        var dropped = new StringBuilder();
        byStage.forEach((stage, ids) -> dropped.append("\n- dropped after ").append(rules.stage()).append(" ").append(stage).append(": ")
                .append(String.join(", ", ids)));
        return sb.append(". Fits: ").append(fits).append(" of ").append((long) g.fates().size() * g.poolSize())
                .append(g.finished() ? "" : " so far").append(".").append(dropped).toString();
    }

    /** grid-compare's output: the fits and time the search took, and per feature set and model its pick against the exhaustive best. */
    public static String compare(SearchComparison c) {
        var sb = new StringBuilder();
        sb.append(Cells.fmt("Search `%s`: %d fits of the exhaustive %d (%.1f%%); those fits took %.0f s of the exhaustive run's %.0f s of fit time (%.1f%%). "
                        + "Same answer (the same point, or one not significantly worse on every split): %d of %d.%n%n",
                c.search(), c.searchFits(), c.exhaustiveFits(), 100.0 * c.searchFits() / Math.max(1, c.exhaustiveFits()), c.searchFitSeconds(),
                c.exhaustiveFitSeconds(), 100 * c.searchFitSeconds() / Math.max(1e-9, c.exhaustiveFitSeconds()), c.same(), c.rows().size()));
        return sb.append(Cells.table(List.of("feature set", "model", "points kept", "fits", "exhaustive best", "mean", "search's pick",
                "its mean on every split", "p (Holm)", "verdict"), "llrrlrlrrl", c.rows().stream().map(r -> List.of(r.featureSet(), r.model(),
                r.kept() + " of " + r.points(), r.fits() + " of " + r.exhaustiveFits(), r.exhaustiveBest(), Cells.f3(r.exhaustiveMean()),
                r.searchBest(), Cells.f3(r.searchMeanOnAll()), Double.isNaN(r.pHolm()) ? "" : Cells.f3(r.pHolm()), r.verdict().label())).toList())).toString();
    }
}
