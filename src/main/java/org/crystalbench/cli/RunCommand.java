package org.crystalbench.cli;

import java.util.concurrent.Callable;
import org.crystalbench.run.RunOperation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs an experiment: every model, feature set and split.",
                "Every model and feature set sees the same repeated stratified splits, made",
                "from the seed. Writes splits.csv, summary.csv, summary.md, comparisons.csv,",
                "audit.csv, provenance.json, per-class.csv, confusion.csv, splits-manifest.csv,",
                "predictions.csv.gz (out-of-fold predictions and class probabilities) and",
                "report.md to the output folder, and prints a WARNING for each feature",
                "the leakage audit flags (docs/statistics.md). With --importance also",
                "importance.csv: permutation importance per model and feature (docs/materials.md)."},
        footer = {"", "Examples:", "  crystal-bench run my-config.yaml --out results/runs/mine",
                "  crystal-bench run my-config.yaml --data other.csv --threads 2"})
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

    @Option(names = "--importance", description = "Also permutation feature importance on each split's test rows "
            + "(importance.csv, a report section). Off by default: it predicts every test part once per feature and repeat.")
    boolean importance;

    @Option(names = "--importance-repeats", paramLabel = "N", converter = Numbers.Positive.class, defaultValue = "5",
            description = "Permutations per feature and split for --importance (default: ${DEFAULT-VALUE}).")
    int importanceRepeats;

    @Option(names = "--coverage", paramLabel = "LEVEL", split = ",",
            description = "Also conformal prediction sets at these levels (e.g. 0.9 or 0.8,0.9): per model their empirical "
                    + "coverage and mean size on each split's test rows, calibrated on a quarter of its training rows "
                    + "(conformal.csv, a summary section; docs/conformal.md). One more fit per model and split.")
    double[] coverage = new double[0];

    @Mixin
    CiOptions ci;

    @Mixin
    Invocation invocation;

    @Override
    public Integer call() {
        var request = new RunOperation.Request(input.file, input.data, out, workers.threads(), ci.spec(), workers.quiet,
                invocation.args(), !noPredictions, importance ? importanceRepeats : 0, coverage);
        return RunOperation.execute(request, invocation.console()).status().code();
    }
}
