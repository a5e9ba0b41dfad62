package org.crystalbench.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.crystalbench.grid.plan.Shard;
import org.crystalbench.io.Console;
import org.crystalbench.io.Durations;
import org.crystalbench.suite.SuiteRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "suite", mixinStandardHelpOptions = true,
        description = {"Benchmarks the config's models over many data sets (a suite config: docs/suite.md).",
                "Each data set runs as a grid (journalled, resumable, shardable) in OUT/<id>/; then OUT gets",
                "suite.md, report.md, suite-scores.csv, suite-leaderboard.csv, suite-pairs.csv, suite-tests.csv:",
                "mean ranks, wins/ties/losses, Friedman / Iman-Davenport, Nemenyi, Holm, a critical-difference",
                "diagram and the Bayesian signed-rank test. `grid` and `merge` accept suite configs and folders too."},
        footer = {"", "Exit codes: 0 complete, 1 complete but a data set failed (reported; the others ran) or fits failed,",
                "2 bad input (the suite config), 3 internal error, 4 incomplete (--max-time reached; resumable)."})
public final class SuiteCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONFIG", description = "Suite config (YAML with a datasets: list).")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder that relative data set paths are read from (default: beside the config, else here).")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: results/grids/<time>-<config>). Reusing it resumes.")
    Path out;

    @Mixin
    WorkerOptions workers;

    @Mixin
    CiOptions ci;

    @Option(names = "--fit-timeout", paramLabel = "DURATION", description = "Per-fit limit, e.g. 30s, 10m (default: none).")
    String fitTimeout;

    @Option(names = "--max-time", paramLabel = "DURATION", description = "Start no fit after this (over the whole suite), e.g. 8h; exit 4.")
    String maxTime;

    @Option(names = "--shard", paramLabel = "I/N", description = "Run slice I of N of every data set (0-based); merge the shard folders after.")
    String shard;

    @Option(names = "--shard-count", paramLabel = "N", description = "Number of shards, when the index comes from JOB_COMPLETION_INDEX.")
    Integer shardCount;

    @Option(names = "--fresh", description = "Start afresh: each data set's old journal is moved aside.")
    boolean fresh;

    @Option(names = "--retry-failed", description = "Run FAILED and TIMEOUT units again.")
    boolean retryFailed;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Duration timeout = fitTimeout == null ? null : Durations.parse("--fit-timeout", fitTimeout);
        Duration max = maxTime == null ? null : Durations.parse("--max-time", maxTime);
        Shard s = Shard.resolve(shard, shardCount, System.getenv());
        Path dir = out != null ? out : org.crystalbench.run.Run.defaultOut("grids", config);
        var request = new SuiteRun.Request(config, data, dir, workers.threads(), timeout, max, s, fresh, retryFailed, workers.quiet, ci.spec(),
                spec.commandLine().getParseResult().originalArgs());
        return SuiteRun.execute(request, new Console(spec.commandLine().getOut(), spec.commandLine().getErr())).exitCode();
    }
}
