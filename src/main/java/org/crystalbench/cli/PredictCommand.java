package org.crystalbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.crystalbench.operations.PredictOperation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predicts the target class (with probabilities) for new rows.",
                "Uses a bundle made by 'train' on each row of a CSV.",
                "Output: the id column(s), 'predicted', one 'p_<class>' column per class (vote",
                "shares for hard voting) and 'unseen_category' (category unseen in training);",
                "then 'unseen_elements' (formula elements no training row has) and 'out_of_range' (numeric",
                "inputs outside their training range: value, bound, excess in range widths), and with",
                "--coverage 'conformal_set' (classes joined by '|') and 'set_size' (docs/conformal.md).",
                "With the target column in the file, also prints accuracy and macro P/R/F1,",
                "averaged over the classes present in the labels and, when some are absent, over all."},
        footer = {"", "Examples:", "  crystal-bench predict --model rf.cbm --data new-rows.csv --out predictions.csv",
                "  crystal-bench predict --model rf.cbm --data new-rows.csv --coverage 0.9 --out predictions.csv",
                "  crystal-bench predict --model rf.cbm --data new-rows.csv --threads 1 --out predictions.csv"})
public final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "FILE", required = true, description = "Bundle file written by 'train'.")
    Path model;

    @Option(names = "--data", paramLabel = "FILE", required = true, description = "CSV of rows to predict.")
    Path data;

    @Option(names = "--out", paramLabel = "FILE", description = "Predictions CSV to write (default: standard output).")
    Path out;

    @Option(names = "--coverage", paramLabel = "LEVEL",
            description = "Also each row's conformal prediction set at this level (e.g. 0.9): the classes that hold the "
                    + "true one with that probability, calibrated on the bundle's out-of-fold training scores.")
    Double coverage;

    @Option(names = "--class-conditional",
            description = "With --coverage: one threshold per class (Mondrian), so the level holds within each class.")
    boolean classConditional;

    @Mixin
    ThreadsOption threads;

    @Mixin
    Invocation invocation;

    @Override
    public Integer call() {
        var request = new PredictOperation.Request(model, data, out, coverage, classConditional, threads.threads);
        return PredictOperation.execute(request, invocation.console()).status().code();
    }
}
