package org.crystalbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.crystalbench.suite.SuiteOperation;
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

    @Mixin
    JournalOptions journal;

    @Mixin
    Invocation invocation;

    @Override
    public Integer call() {
        return SuiteOperation.execute(journal.suite(config, data, invocation.args()), invocation.console()).status().code();
    }
}
