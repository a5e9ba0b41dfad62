package org.crystalbench.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.crystalbench.io.Durations;
import org.crystalbench.grid.GridRun;
import org.crystalbench.io.Console;
import org.crystalbench.grid.plan.Shard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "grid", mixinStandardHelpOptions = true,
        description = {"Resumable, shardable grid search over the config's grid section.",
                "Every grid point of every model is scored on the same repeated stratified cv splits, journalled unit by unit",
                "(grid.search: exhaustive, or race / halving to stop bad points early). Running the same command",
                "again on the same --out resumes. Writes journal.jsonl, grid.csv, grid.md,",
                "grid-manifest.csv (and nested.csv). See docs/grid.md."},
        footer = {"", "Exit codes: 0 complete, 1 complete with failed or timed-out fits,",
                "2 bad input (also: a changed config or data for an existing journal),",
                "3 internal error, 4 incomplete (--max-time reached; resumable).",
                "A shard of a race or halving whose part of the current stage is done exits 0 and says so;",
                "merge exits 6 while the search has a next stage (run the shards again with --merged)."})
public final class GridCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions input;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: results/grids/<time>-<config>). Reusing it resumes.")
    Path out;

    @Mixin
    WorkerOptions workers;

    @Mixin
    CiOptions ci;

    @Option(names = "--fit-timeout", paramLabel = "DURATION", description = "Per-fit limit, e.g. 30s, 10m (default: none).")
    String fitTimeout;

    @Option(names = "--max-time", paramLabel = "DURATION", description = "Start no fit after this, e.g. 8h; tables from what finished, exit 4.")
    String maxTime;

    @Option(names = "--shard", paramLabel = "I/N", description = "Run slice I of N (0-based). Default: SLURM_ARRAY_TASK_ID/COUNT or JOB_COMPLETION_INDEX, else all.")
    String shard;

    @Option(names = "--shard-count", paramLabel = "N", description = "Number of shards, when the index comes from JOB_COMPLETION_INDEX (or Slurm without a count).")
    Integer shardCount;

    @Option(names = "--fresh", description = "Start afresh in an existing folder: the old journal is moved aside (journal.jsonl.replaced-<time>).")
    boolean fresh;

    @Option(names = "--retry-failed", description = "Run FAILED and TIMEOUT units again (by default a resume skips every journalled unit).")
    boolean retryFailed;

    @Option(names = "--merged", paramLabel = "DIR", description = {"A merge folder of this grid's shards: its results count as known, so a",
            "race or halving shard goes on to the search's next stage (docs/grid.md, \"Races on shards\")."})
    Path merged;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Duration timeout = fitTimeout == null ? null : Durations.parse("--fit-timeout", fitTimeout);
        Duration max = maxTime == null ? null : Durations.parse("--max-time", maxTime);
        Shard s = Shard.resolve(shard, shardCount, System.getenv());
        Path dir = out != null ? out : org.crystalbench.run.Run.defaultOut("grids", input.file);
        if (org.crystalbench.suite.SuitePlan.isSuite(input.file)) { // a suite config: --data is its data folder (scripts/grid-slurm.sh runs grid)
            if (merged != null) throw new org.crystalbench.InputException("--merged: not for a suite (its grids are exhaustive)");
            var suite = new org.crystalbench.suite.SuiteRun.Request(input.file, input.data, dir, workers.threads(), timeout, max, s, fresh, retryFailed,
                    workers.quiet, ci.spec(), spec.commandLine().getParseResult().originalArgs());
            return org.crystalbench.suite.SuiteRun.execute(suite, new Console(spec.commandLine().getOut(), spec.commandLine().getErr())).exitCode();
        }
        var request = new GridRun.Request(input.file, input.data, dir, workers.threads(), timeout, max, s, fresh, retryFailed, workers.quiet, ci.spec(),
                spec.commandLine().getParseResult().originalArgs(), merged);
        return GridRun.execute(request, GridRun::fits, new Console(spec.commandLine().getOut(), spec.commandLine().getErr())).exitCode();
    }
}
