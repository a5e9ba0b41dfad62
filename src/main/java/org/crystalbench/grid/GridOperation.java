package org.crystalbench.grid;

import org.crystalbench.grid.results.GridTables;
import org.crystalbench.grid.fit.FitEvaluator;
import org.crystalbench.grid.fit.GridRunner;
import org.crystalbench.grid.fit.UnitEvaluator;
import org.crystalbench.grid.journal.FolderLock;
import org.crystalbench.grid.journal.GridMeta;
import org.crystalbench.grid.journal.Journal;
import org.crystalbench.grid.journal.JournalEntry;
import org.crystalbench.grid.plan.GridPlan;
import org.crystalbench.grid.plan.GridSplits;
import org.crystalbench.grid.plan.Shard;
import org.crystalbench.grid.plan.WorkUnit;
import org.crystalbench.grid.search.Search;

import org.crystalbench.splits.SplitId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.crystalbench.splits.Split;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Console;
import org.crystalbench.io.OutputPaths;
import org.crystalbench.io.Parallel;

/**
 * {@code crystal-bench grid} as an operation: check everything, open (or resume) the folder's journal, run the
 * units of this shard that have no entry yet stage by stage, write the tables from the journal, say what happened.
 */
public final class GridOperation {
    private GridOperation() {}

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

    /** {@code counts}: the folder's units; {@code fits}: what this invocation ran. */
    public record Outcome(GridTables.Counts counts, GridRunner.Outcome fits, boolean deadlineHit, ExitCode status) {}

    /** Everything checked before the folder is touched. */
    private record Prepared(Context context, GridMeta meta, String configText) {}

    /** What the stage loop left: this folder's work and the search's state. */
    private record Stages(ShardStages work, Search.State state, double seconds) {}

    public static UnitEvaluator fits(Context c) {
        return new FitEvaluator(c.experiment().data(), c.plan().config(), c.splits(), 64);
    }

    public static Outcome execute(Request r, Function<Context, UnitEvaluator> evaluators, Console console) {
        Instant start = Instant.now();
        Prepared p = prepare(r, console);
        if (!r.fresh()) checkResumable(r.out(), p.meta()); // nothing is written before this check
        Map<String, JournalEntry> merged = r.merged() == null ? Map.of() : mergedEntries(r.merged(), p.meta(), console);
        OutputPaths.folder(r.out(), "--out");
        try (var lock = FolderLock.acquire(r.out())) {
            Stages s = stages(r, evaluators, p, merged, start, console);
            GridTables.Scope scope = scope(r, p.context().plan(), s);
            GridTables.Counts counts = writeTables(r, p.context(), scope, s, start, console);
            GridRunner.Outcome fits = s.work().outcome();
            say(r, counts, fits, s, console);
            return new Outcome(counts, fits, fits.notStarted() > 0, status(counts));
        }
    }

    /** The config, the plan, the data and every size and memory check; the folder is not touched yet. */
    private static Prepared prepare(Request r, Console console) {
        ExperimentConfig cfg = ConfigLoader.load(r.config(), r.data());
        GridPlan plan = GridPlan.of(cfg, r.config()); // the grid section's own errors first
        if (cfg.protocols().holdout() != null) { // refused, not run or ignored: a grid's tables are over the cv splits only
            throw new InputException(r.config() + ": protocols.holdout: 'grid' does not run a holdout protocol (every point is "
                    + "scored on the protocols.cv splits only); remove it from the grid's config (score the chosen point on "
                    + "holdouts with 'run'), or make it the nested outer split: grid.nested.outer: {repeats: N, test_ratio: R}");
        }
        Parallel.threads(r.threads());
        Experiment exp = Experiment.prepare(cfg, r.config(), line -> console.err().println("crystal-bench grid: " + line));
        // Now the rows are known: each split's row partition counts too.
        GridPlan.checkSize(r.config(), GridPlan.Size.of(cfg, plan.featureSets().size()), exp.data().size(), Runtime.getRuntime().maxMemory());
        exp.checkKernelMemory(r.threads(), Runtime.getRuntime().maxMemory()); // as run does: before the folder is touched
        Context context = new Context(exp, plan, GridSplits.make(plan.config(), exp.data(), exp.splits(cfg.protocols().gridProtocol()), exp.groups()));
        GridMeta meta = new GridMeta(GridMeta.FORMAT, cfg.hash(), exp.data().sha256(), exp.data().source(), exp.data().size(),
                cfg.name(), BuildInfo.version(), plan.units().size());
        return new Prepared(context, meta, ConfigLoader.read(r.config()));
    }

    /** The folder holds the same grid (resume) or none; anything else is refused (or moved aside with --fresh). */
    private static void checkResumable(Path dir, GridMeta meta) {
        GridMeta old = GridMeta.read(dir);
        if (old != null && meta.mismatch(old) != null) {
            throw new InputException(dir + ": " + meta.mismatch(old) + "; refusing to mix results. Use another --out, "
                    + "or --fresh to move the old journal aside and start again");
        }
        if (old == null && Files.exists(dir.resolve(Journal.FILE))) {
            throw new InputException(dir + ": has a journal.jsonl but no " + GridMeta.FILE + "; refusing to resume an "
                    + "unknown journal (use --fresh to move it aside)");
        }
    }

    /** Opens the folder's journal (--fresh, a torn line, --retry-failed), then runs this shard's part of each stage. */
    private static Stages stages(Request r, Function<Context, UnitEvaluator> evaluators, Prepared p, Map<String, JournalEntry> merged,
                                 Instant start, Console console) {
        Path dir = r.out();
        Path journal = dir.resolve(Journal.FILE);
        if (r.fresh()) moveAside(journal, console);
        Set<String> retry = new HashSet<>();
        Map<String, JournalEntry> own = readOwn(journal, p.meta(), r.retryFailed() ? retry : null, console);
        p.meta().write(dir);
        AtomicFiles.write(dir.resolve(GridMeta.CONFIG_COPY), p.configText());
        AtomicFiles.write(dir.resolve("grid-manifest.csv"), GridTables.manifestCsv(p.context().plan().units()));
        Instant deadline = r.maxTime() == null ? null : start.plus(r.maxTime());
        long t0 = System.nanoTime();
        Context context = p.context();
        try (var writer = new Journal.Writer(journal)) {
            var work = new ShardStages(context.plan(), context.experiment().data().size(), () -> evaluators.apply(context), r.shard(), dir,
                    r.quiet(), new GridRunner.Options(r.threads(), r.fitTimeout(), deadline), writer, p.meta().binding(), own, merged, retry, console);
            Search.State state = Search.stages(context.plan(), work::known, work);
            return new Stages(work, state, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** --fresh: the old journal is kept beside the new one, never deleted. */
    private static void moveAside(Path journal, Console console) {
        if (!Files.exists(journal)) return;
        Path aside = journal.resolveSibling(Journal.FILE + ".replaced-" + OutputPaths.stamp());
        try {
            Files.move(journal, aside);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + journal + " aside: " + e.getMessage(), e);
        }
        console.err().println("crystal-bench grid: --fresh: moved the old journal to " + aside);
    }

    /** This folder's journal, one entry per key; a torn last line is cut off. {@code retry} (non-null) collects the failed keys. */
    private static Map<String, JournalEntry> readOwn(Path journal, GridMeta meta, Set<String> retry, Console console) {
        List<JournalEntry> own = new ArrayList<>();
        Journal.ReadResult read = Journal.read(journal, meta.binding(), e -> {
            own.add(e);
            if (!e.ok() && retry != null) retry.add(e.key());
        });
        if (read.torn()) {
            console.err().println("crystal-bench grid: " + journal + ": ignored a torn last line (a write cut short); cutting it off");
            Journal.truncate(journal, read.goodBytes());
        }
        return Journal.dedupe(own);
    }

    /** The units this folder's tables are over: its own, of those the search scheduled in its slice. */
    private static GridTables.Scope scope(Request r, GridPlan plan, Stages s) {
        String scope = r.shard().all() ? "the whole grid" : "shard " + r.shard() + ": " + s.work().mineCount() + " of " + plan.units().size()
                + " work units; merge the shard folders for the whole grid's tables";
        return new GridTables.Scope(scope, s.state().scheduled().stream().map(WorkUnit::key).filter(s.work().mine()::contains).toList());
    }

    /** The folder's tables, provenance and report (last: it reads the tables just written); the fit warnings printed. */
    private static GridTables.Counts writeTables(Request r, Context context, GridTables.Scope scope, Stages s, Instant start, Console console) {
        List<String> warnings = GridOutputs.writeAll(r.out(), context.plan(), scope, s.work().entries(), r.ci(), s.state());
        org.crystalbench.provenance.Provenance.capture(context.experiment(), r.commandLine(), r.threads(), start, Instant.now(), r.ci()).write(r.out());
        org.crystalbench.report.Report.write(r.out());
        GridTables.Counts counts = GridTables.counts(scope, s.work().entries());
        warnings.forEach(w -> console.err().println("crystal-bench: warning: " + w));
        return counts;
    }

    /** The closing lines: fits, time, failures and where the folder stands; grid.md's path on standard output. */
    private static void say(Request r, GridTables.Counts counts, GridRunner.Outcome fits, Stages s, Console console) {
        Search.State state = s.state();
        String status = !counts.complete() ? "INCOMPLETE (" + counts.missing() + " units left; run the same command again to resume)"
                : !state.finished() ? "this shard's part of the current stage is done; " + state.pending().size() + " units remain for "
                + "other shards or the next stage: merge the shard folders, then run the shards again with --merged (docs/grid.md)"
                : "complete";
        console.err().printf("crystal-bench grid: %d fits in %.1f s (%.1f fits/s); %d failed, %d timed out%s; %s%n", fits.ran(), s.seconds(),
                fits.ran() / Math.max(s.seconds(), 1e-9), fits.failed(), fits.timedOut(),
                fits.notStarted() > 0 ? "; --max-time reached with " + fits.notStarted() + " units not started" : "", status);
        scheduledLine("grid", state, console);
        console.out().println(r.out().resolve("grid.md"));
    }

    /** "race: 180 of the exhaustive grid's 360 units scheduled (50.0%)" (nothing for an exhaustive grid). */
    static void scheduledLine(String command, Search.State state, Console console) {
        if (state.rules().kind() == Search.Kind.EXHAUSTIVE) return;
        console.err().printf("crystal-bench %s: %s: %d of the exhaustive grid's %d units scheduled (%.1f%%)%s%n", command,
                state.rules().kind().label(), state.scheduled().size(), state.exhaustiveUnits(),
                100.0 * state.scheduled().size() / Math.max(1, state.exhaustiveUnits()), state.finished() ? "" : " so far");
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
        return Journal.dedupe(entries);
    }

    /** A finished folder's status: INCOMPLETE with units missing, FAILURES with failed or timed-out fits, else OK. */
    static ExitCode status(GridTables.Counts c) {
        if (!c.complete()) return ExitCode.INCOMPLETE;
        return c.failed() + c.timedOut() > 0 ? ExitCode.FAILURES : ExitCode.OK;
    }
}
