package org.crystalbench.grid;

import org.crystalbench.splits.Protocol;
import org.crystalbench.splits.SplitId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.crystalbench.BuildInfo;
import org.crystalbench.ExitCode;
import org.crystalbench.InputException;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.stats.CiSpec;
import org.crystalbench.evaluation.Experiment;
import org.crystalbench.io.Progress;
import org.crystalbench.splits.Split;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Console;
import org.crystalbench.io.OutputPaths;

/**
 * One invocation of {@code crystal-bench grid}: check everything, open (or resume) the folder's
 * journal, run the units of this shard that have no entry yet, write the tables from the journal.
 */
public final class GridRun {
    private GridRun() {}

    /**
     * @param data        overrides dataset.path (null: the config's)
     * @param fitTimeout  null: no limit
     * @param maxTime     null: no limit
     * @param fresh       start afresh: an existing journal is moved aside
     * @param retryFailed run FAILED/TIMEOUT units again (their new entry supersedes the old)
     * @param ci          how grid.md, grid.csv and nested.csv state intervals and decide "worse"
     * @param commandLine the program's arguments, recorded in provenance.json
     * @param merged      null, or a merge folder of this grid's shards whose results the search counts as known
     *                    (a race or halving on shards goes on to its next stage)
     */
    public record Request(Path config, Path data, Path out, int threads, Duration fitTimeout, Duration maxTime,
                          Shard shard, boolean fresh, boolean retryFailed, boolean quiet, CiSpec ci, List<String> commandLine,
                          Path merged) {}

    /** What the evaluator factory gets: the prepared experiment, the plan and the materialised splits. */
    public record Context(Experiment experiment, GridPlan plan, Map<SplitId, Split> splits) {}

    public record Result(GridTables.Counts counts, GridRunner.Outcome outcome, boolean deadlineHit, int exitCode) {}

    public static UnitEvaluator fits(Context c) {
        return new FitEvaluator(c.experiment().data(), c.plan().config(), c.splits(), 64);
    }

    public static Result execute(Request r, Function<Context, UnitEvaluator> evaluators, Console console) {
        Instant start = Instant.now();
        ExperimentConfig cfg = ConfigLoader.load(r.config());
        if (r.data() != null) cfg = cfg.withDataPath(r.data().toString());
        GridPlan plan = GridPlan.of(cfg, r.config());
        if (r.threads() < 1) throw new InputException("--threads: " + r.threads() + " (at least 1)");
        Experiment exp = Experiment.prepare(cfg, r.config(), line -> console.err().println("crystal-bench grid: " + line));
        // Now the rows are known: each split's row partition counts too.
        GridPlan.checkSize(r.config(), GridPlan.Size.of(cfg, plan.featureSets().size()), exp.data().size(), Runtime.getRuntime().maxMemory());
        exp.checkKernelMemory(r.threads(), Runtime.getRuntime().maxMemory()); // as run does: before the folder is touched
        Map<SplitId, Split> splits = GridSplits.make(plan, exp.data(), exp.splits(cfg.protocols().gridProtocol()), exp.groups());
        List<WorkUnit> all = plan.units();
        GridMeta meta = new GridMeta(GridMeta.FORMAT, cfg.hash(), exp.data().sha256(), exp.data().source(), exp.data().size(),
                cfg.name(), BuildInfo.version(), all.size());
        String configText;
        try {
            configText = Files.readString(r.config());
        } catch (IOException e) {
            throw new InputException(r.config() + ": cannot read config: " + e.getMessage());
        }

        // The folder: same grid (resume), or refuse, or --fresh. Nothing is written before this check.
        Path dir = r.out();
        Path journal = dir.resolve(Journal.FILE);
        if (!r.fresh()) {
            GridMeta old = GridMeta.read(dir);
            if (old != null && meta.mismatch(old) != null) {
                throw new InputException(dir + ": " + meta.mismatch(old) + "; refusing to mix results. Use another --out, "
                        + "or --fresh to move the old journal aside and start again");
            }
            if (old == null && Files.exists(journal)) {
                throw new InputException(dir + ": has a journal.jsonl but no " + GridMeta.FILE + "; refusing to resume an "
                        + "unknown journal (use --fresh to move it aside)");
            }
        }
        Map<String, JournalEntry> merged = r.merged() == null ? Map.of() : mergedEntries(r.merged(), meta, console);
        OutputPaths.folder(dir, "--out");
        try (var lock = FolderLock.acquire(dir)) {
            return runLocked(r, evaluators, plan, exp, splits, all, meta, merged, configText, dir, journal, start, console);
        }
    }

    private static Result runLocked(Request r, Function<Context, UnitEvaluator> evaluators, GridPlan plan, Experiment exp,
                                    Map<SplitId, Split> splits, List<WorkUnit> all, GridMeta meta,
                                    Map<String, JournalEntry> merged, String configText,
                                    Path dir, Path journal, Instant start, Console console) {
        if (r.fresh() && Files.exists(journal)) {
            Path aside = dir.resolve(Journal.FILE + ".replaced-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            try {
                Files.move(journal, aside);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move " + journal + " aside: " + e.getMessage(), e);
            }
            console.err().println("crystal-bench grid: --fresh: moved the old journal to " + aside);
        }
        // Failed units of earlier invocations to run again (--retry-failed): unknown to the search until they ran here.
        Set<String> retry = new HashSet<>();
        List<JournalEntry> own = new ArrayList<>();
        Journal.ReadResult read = Journal.read(journal, meta.binding(), e -> {
            own.add(e);
            if (!e.ok() && r.retryFailed()) retry.add(e.key());
        });
        if (read.torn()) {
            console.err().println("crystal-bench grid: " + journal + ": ignored a torn last line (a write cut short); cutting it off");
            Journal.truncate(journal, read.goodBytes());
        }
        Map<String, JournalEntry> entries = GridTables.dedupe(own);
        meta.write(dir);
        AtomicFiles.write(dir.resolve(GridMeta.CONFIG_COPY), configText);
        AtomicFiles.write(dir.resolve("grid-manifest.csv"), GridTables.manifestCsv(plan.units()));

        List<WorkUnit> mine = r.shard().select(all);
        Set<String> mineKeys = new HashSet<>(mine.stream().map(WorkUnit::key).toList());
        // Work split by split so the encoded-split cache stays small; results never depend on this order.
        Map<SplitId, Integer> splitOrder = new HashMap<>();
        plan.splits().forEach(s -> splitOrder.put(s, splitOrder.size()));
        Map<GridPoint, Integer> pointOrder = new HashMap<>();
        plan.points().forEach(p -> pointOrder.put(p, pointOrder.size()));
        Comparator<WorkUnit> order = Comparator.comparingInt((WorkUnit u) -> plan.featureSets().indexOf(u.featureSet()))
                .thenComparingInt(u -> splitOrder.get(u.split())).thenComparingInt(u -> pointOrder.get(u.point()));
        String scope = r.shard().all() ? "the whole grid" : "shard " + r.shard() + ": " + mine.size() + " of " + all.size()
                + " work units; merge the shard folders for the whole grid's tables";

        Instant deadline = r.maxTime() == null ? null : start.plus(r.maxTime());
        int ran = 0, failed = 0, timedOut = 0, notStarted = 0;
        long t0 = System.nanoTime();
        Search.State state;
        UnitEvaluator evaluator = null;
        try (var writer = new Journal.Writer(journal)) {
            // Stage by stage: the search decides from what is known, this shard runs its part, and again.
            for (int stage = 1; ; stage++) {
                state = Search.of(plan, known(merged, entries, retry));
                List<WorkUnit> todo = new ArrayList<>(state.pending().stream().filter(u -> mineKeys.contains(u.key())).toList());
                todo.sort(order);
                if (stage == 1) {
                    long finished = state.scheduled().stream().filter(u -> mineKeys.contains(u.key())).count() - todo.size();
                    console.err().printf("crystal-bench grid: %d rows; %d feature sets x %d points x %d splits = %d units%s; %s%d finished, %d to run on %d threads -> %s%n",
                            exp.data().size(), plan.featureSets().size(), plan.points().size(), plan.splits().size(), all.size(),
                            r.shard().all() ? "" : " (shard " + r.shard() + ": " + mine.size() + ")",
                            state.rules().kind() == Search.Kind.EXHAUSTIVE ? "" : "search " + state.rules().kind().label() + ": ",
                            finished, todo.size(), r.threads(), dir);
                } else if (!todo.isEmpty()) {
                    console.err().printf("crystal-bench grid: %s: next stage, %d units (%d scheduled of %d)%n", state.rules().kind().label(),
                            todo.size(), state.scheduled().size(), state.exhaustiveUnits());
                }
                if (todo.isEmpty()) break;
                if (evaluator == null) evaluator = evaluators.apply(new Context(exp, plan, splits));
                List<JournalEntry> fresh = java.util.Collections.synchronizedList(new ArrayList<>());
                GridRunner.Outcome o;
                try (Progress progress = Progress.create("grid", todo.size(), r.quiet())) {
                    o = GridRunner.run(todo, evaluator, meta.binding(), new GridRunner.Options(r.threads(), r.fitTimeout(), deadline),
                            e -> {
                                writer.append(e);
                                fresh.add(e);
                            }, progress);
                }
                List<JournalEntry> next = new ArrayList<>(entries.values());
                next.addAll(fresh);
                entries = GridTables.dedupe(next);
                todo.forEach(u -> retry.remove(u.key()));
                ran += o.ran();
                failed += o.failed();
                timedOut += o.timedOut();
                if (o.notStarted() > 0) {
                    notStarted = o.notStarted();
                    break;
                }
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        GridRunner.Outcome outcome = new GridRunner.Outcome(ran, failed, timedOut, notStarted);

        // The folder's tables: its own entries, over the units the search scheduled in its slice.
        var sc = new GridTables.Scope(scope, state.scheduled().stream().map(WorkUnit::key).filter(mineKeys::contains).toList());
        List<String> warnings = GridTables.writeAll(dir, plan, sc, entries, r.ci(), state);
        org.crystalbench.provenance.Provenance.capture(exp, r.commandLine(), r.threads(), start, Instant.now(), r.ci()).write(dir);
        org.crystalbench.report.Report.write(dir); // last: it reads the tables just written
        GridTables.Counts counts = GridTables.counts(sc, entries);
        warnings.forEach(w -> console.err().println("crystal-bench: warning: " + w));
        boolean deadlineHit = outcome.notStarted() > 0;
        String status = !counts.complete() ? "INCOMPLETE (" + counts.missing() + " units left; run the same command again to resume)"
                : !state.finished() ? "this shard's part of the current stage is done; " + state.pending().size() + " units remain for "
                + "other shards or the next stage: merge the shard folders, then run the shards again with --merged (docs/grid.md)"
                : "complete";
        console.err().printf("crystal-bench grid: %d fits in %.1f s (%.1f fits/s); %d failed, %d timed out%s; %s%n", outcome.ran(), secs,
                outcome.ran() / Math.max(secs, 1e-9), outcome.failed(), outcome.timedOut(),
                deadlineHit ? "; --max-time reached with " + outcome.notStarted() + " units not started" : "", status);
        if (state.rules().kind() != Search.Kind.EXHAUSTIVE) {
            console.err().printf("crystal-bench grid: %s: %d of the exhaustive grid's %d units scheduled (%.1f%%)%s%n",
                    state.rules().kind().label(), state.scheduled().size(), state.exhaustiveUnits(),
                    100.0 * state.scheduled().size() / Math.max(1, state.exhaustiveUnits()), state.finished() ? "" : " so far");
        }
        console.out().println(dir.resolve("grid.md"));
        return new Result(counts, outcome, deadlineHit, exitCode(counts));
    }

    /** What the search may decide from: a merge's entries and this folder's, minus the failures to retry. */
    private static Map<String, JournalEntry> known(Map<String, JournalEntry> merged, Map<String, JournalEntry> own, Set<String> retry) {
        List<JournalEntry> all = new ArrayList<>(merged.values());
        all.addAll(own.values());
        Map<String, JournalEntry> out = GridTables.dedupe(all);
        out.keySet().removeAll(retry);
        return out;
    }

    /** The journal of {@code --merged}: a merge folder of the same grid (checked), read only. */
    private static Map<String, JournalEntry> mergedEntries(Path dir, GridMeta meta, Console console) {
        if (!Files.isDirectory(dir)) throw new InputException(dir + ": --merged: not a folder");
        GridMeta other = GridMeta.read(dir);
        if (other == null) throw new InputException(dir + ": --merged: no " + GridMeta.FILE + " (not a grid folder)");
        if (meta.mismatch(other) != null) throw new InputException(dir + ": --merged: not this grid: " + meta.mismatch(other).replace("this folder's", "its"));
        List<JournalEntry> entries = new ArrayList<>();
        Journal.ReadResult read = Journal.read(dir.resolve(Journal.FILE), meta.binding(), entries::add);
        console.err().printf("crystal-bench grid: --merged %s: %d entries known%s%n", dir, read.lines(), read.torn() ? " (a torn last line ignored)" : "");
        return GridTables.dedupe(entries);
    }

    public static int exitCode(GridTables.Counts c) {
        if (!c.complete()) return ExitCode.INCOMPLETE.code();
        return (c.failed() + c.timedOut() > 0 ? ExitCode.FAILURES : ExitCode.OK).code();
    }
}
