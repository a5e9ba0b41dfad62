package org.crystalbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.crystalbench.operations.TrainOperation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Fits one model on all rows and saves it as a bundle for 'predict'.",
                "The model and its feature encoding are fitted on every row of the data. The bundle holds the fitted "
                        + "model, input schema, class labels, hyperparameters and provenance (versions, data and config SHA-256).",
                "With --from-grid DIR, the best point of each model of a finished grid folder (or of the --model named) is "
                        + "fitted instead, one bundle per model in the --out folder; the bundle's manifest records the point."},
        footer = {"", "Examples:", "  crystal-bench train my-config.yaml --model RF --out rf.cbm",
                "  crystal-bench train --from-grid results/grids/my-grid --out bundles/",
                "  crystal-bench train --from-grid results/grids/my-grid --model SVM --out bundles/"})
public final class TrainCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG", description = "Experiment config (YAML); not with --from-grid.")
    Path file;

    @Option(names = "--data", paramLabel = "FILE", description = "Data CSV; overrides dataset.path of the config "
            + "(with --from-grid: the data file recorded in the grid folder).")
    Path data;

    @Option(names = "--model", paramLabel = "NAME", description = "Model name from the config's models list "
            + "(with --from-grid: a model of the grid; default every model).")
    String model;

    @Option(names = "--feature-set", paramLabel = "S", description = "Feature set of the config (default: its first; "
            + "with --from-grid: the grid's feature set where the model scored best).")
    String featureSet;

    @Option(names = "--from-grid", paramLabel = "DIR", description = "A finished grid (or merge) folder: train the best point of "
            + "each model, as grid.md's 'Best parameters per model' lists it.")
    Path fromGrid;

    @Option(names = "--out", paramLabel = "PATH", required = true, description = "Bundle file to write, e.g. model.cbm "
            + "(with --from-grid: a folder; one <model>.cbm per model).")
    Path out;

    @Option(names = "--calibration-folds", paramLabel = "K", defaultValue = "5",
            description = "Folds of out-of-fold scores stored for 'predict --coverage' (cross-conformal; grouped by the "
                    + "config's protocols.groups if any): K more fits. 0: none (default: ${DEFAULT-VALUE}).")
    int calibrationFolds;

    @Mixin
    Invocation invocation;

    @Override
    public Integer call() {
        if (fromGrid != null && file != null) throw invocation.usage("give a CONFIG or --from-grid DIR, not both (the grid folder holds its own config)");
        if (fromGrid == null && file == null) throw invocation.usage("missing CONFIG (or --from-grid DIR)");
        if (fromGrid == null && model == null) throw invocation.usage("missing --model NAME (a model of the config's models list)");
        var request = new TrainOperation.Request(file, data, model, featureSet, fromGrid, out, calibrationFolds);
        return TrainOperation.execute(request, invocation.console()).status().code();
    }
}
