package org.crystalbench.cli;

import java.util.concurrent.Callable;
import org.crystalbench.ExitCode;
import org.crystalbench.io.Console;
import org.crystalbench.run.Run;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs an experiment: every model, feature set and split.",
                "Every model and feature set sees the same repeated stratified splits, made",
                "from the seed. Writes splits.csv, summary.csv, summary.md, comparisons.csv,",
                "audit.csv, provenance.json, per-class.csv, confusion.csv, splits-manifest.csv,",
                "predictions.csv.gz (out-of-fold predictions and class probabilities) and",
                "report.md to the output folder, and prints a WARNING for each feature",
                "the leakage audit flags (docs/statistics.md)."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions input;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: results/runs/<time>-<config>).")
    java.nio.file.Path out;

    @Option(names = "--no-predictions", negatable = false,
            description = "Do not write predictions.csv.gz (then the report has no reliability diagrams).")
    boolean noPredictions;

    @Mixin
    WorkerOptions workers;

    @Mixin
    CiOptions ci;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var request = new Run.Request(input.file, input.data, out, workers.threads(), ci.spec(), workers.quiet,
                spec.commandLine().getParseResult().originalArgs(), !noPredictions);
        Run.execute(request, new Console(spec.commandLine().getOut(), spec.commandLine().getErr()));
        return ExitCode.OK.code();
    }
}
