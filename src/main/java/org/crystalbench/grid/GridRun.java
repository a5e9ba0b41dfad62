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
     */
    /**
     * @param ci          how grid.md, grid.csv and nested.csv state intervals and decide "worse"
     * @param commandLine the program's arguments, recorded in provenance.json
     */
    public record Request(Path config, Path data, Path out, int threads, Duration fitTimeout, Duration maxTime,
                          Shard shard, boolean fresh, boolean retryFailed, boolean quiet, CiSpec ci, List<String> commandLine) {}

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
        Map<SplitId, Split> splits = GridSplits.make(plan, exp.data(), exp.splits(Protocol.CV));
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
        OutputPaths.folder(dir, "--out");
        try (var lock = FolderLock.acquire(dir)) {
            return runLocked(r, evaluators, plan, exp, splits, all, meta, configText, dir, journal, start, console);
        }
    }

    private static Result runLocked(Request r, Function<Context, UnitEvaluator> evaluators, GridPlan plan, Experiment exp,
                                    Map<SplitId, Split> splits, List<WorkUnit> all, GridMeta meta, String configText,
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
        Set<String> done = new HashSet<>();
        Journal.ReadResult read = Journal.read(journal, meta.binding(), e -> {
            if (e.ok() || !r.retryFailed()) done.add(e.key());
        });
        if (read.torn()) {
            console.err().println("crystal-bench grid: " + journal + ": ignored a torn last line (a write cut short); cutting it off");
            Journal.truncate(journal, read.goodBytes());
        }
        meta.write(dir);
        AtomicFiles.write(dir.resolve(GridMeta.CONFIG_COPY), configText);
        AtomicFiles.write(dir.resolve("grid-manifest.csv"), GridTables.manifestCsv(plan.units()));

        List<WorkUnit> mine = r.shard().select(all);
        List<WorkUnit> todo = new ArrayList<>(mine.stream().filter(u -> !done.contains(u.key())).toList());
        // Work split by split so the encoded-split cache stays small; results never depend on this order.
        Map<SplitId, Integer> splitOrder = new HashMap<>();
        plan.splits().forEach(s -> splitOrder.put(s, splitOrder.size()));
        todo.sort(Comparator.comparingInt((WorkUnit u) -> plan.featureSets().indexOf(u.featureSet()))
                .thenComparingInt(u -> splitOrder.get(u.split())).thenComparingInt(u -> plan.points().indexOf(u.point())));
        String scope = r.shard().all() ? "the whole grid" : "shard " + r.shard() + ": " + mine.size() + " of " + all.size()
                + " work units; merge the shard folders for the whole grid's tables";
        console.err().printf("crystal-bench grid: %d rows; %d feature sets x %d points x %d splits = %d units%s; %d finished, %d to run on %d threads -> %s%n",
                exp.data().size(), plan.featureSets().size(), plan.points().size(), plan.splits().size(), all.size(),
                r.shard().all() ? "" : " (shard " + r.shard() + ": " + mine.size() + ")", mine.size() - todo.size(), todo.size(), r.threads(), dir);

        Instant deadline = r.maxTime() == null ? null : start.plus(r.maxTime());
        GridRunner.Outcome outcome;
        long t0 = System.nanoTime();
        try (var writer = new Journal.Writer(journal);
             Progress progress = Progress.create("grid", todo.size(), r.quiet())) {
            outcome = GridRunner.run(todo, evaluators.apply(new Context(exp, plan, splits)), meta.binding(),
                    new GridRunner.Options(r.threads(), r.fitTimeout(), deadline), writer::append, progress);
        }
        double secs = (System.nanoTime() - t0) / 1e9;

        Map<String, JournalEntry> entries = GridTables.dedupe(Journal.readAll(journal, meta.binding()));
        var sc = new GridTables.Scope(scope, mine.stream().map(WorkUnit::key).toList());
        GridTables.writeAll(dir, plan, sc, entries, r.ci());
        org.crystalbench.provenance.Provenance.capture(exp, r.commandLine(), r.threads(), start, Instant.now(), r.ci()).write(dir);
        org.crystalbench.report.Report.write(dir); // last: it reads the tables just written
        GridTables.Counts counts = GridTables.counts(sc, entries);
        GridTables.fitWarnings(plan, sc, entries).forEach(w -> console.err().println("crystal-bench: warning: " + w));
        boolean deadlineHit = outcome.notStarted() > 0;
        console.err().printf("crystal-bench grid: %d fits in %.1f s (%.1f fits/s); %d failed, %d timed out%s; %s%n", outcome.ran(), secs,
                outcome.ran() / Math.max(secs, 1e-9), outcome.failed(), outcome.timedOut(),
                deadlineHit ? "; --max-time reached with " + outcome.notStarted() + " units not started" : "",
                counts.complete() ? "complete" : "INCOMPLETE (" + counts.missing() + " units left; run the same command again to resume)");
        console.out().println(dir.resolve("grid.md"));
        return new Result(counts, outcome, deadlineHit, exitCode(counts));
    }

    public static int exitCode(GridTables.Counts c) {
        if (!c.complete()) return ExitCode.INCOMPLETE.code();
        return (c.failed() + c.timedOut() > 0 ? ExitCode.FAILURES : ExitCode.OK).code();
    }
}
