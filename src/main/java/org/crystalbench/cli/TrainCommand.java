package org.crystalbench.cli;

import org.crystalbench.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.crystalbench.bundle.Bundle;
import org.crystalbench.bundle.BundleFile;
import org.crystalbench.bundle.Manifest;
import org.crystalbench.bundle.Trainer;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.grid.GridBest;
import java.util.List;
import org.crystalbench.io.OutputPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (calibrationFolds < 0 || calibrationFolds == 1) {
            throw new org.crystalbench.InputException("--calibration-folds: " + calibrationFolds + " (0 for none, or at least 2)");
        }
        if (fromGrid != null) {
            if (file != null) throw new ParameterException(spec.commandLine(), "give a CONFIG or --from-grid DIR, not both "
                    + "(the grid folder holds its own config)");
            return fromGrid();
        }
        if (file == null) throw new ParameterException(spec.commandLine(), "missing CONFIG (or --from-grid DIR)");
        if (model == null) throw new ParameterException(spec.commandLine(), "missing --model NAME (a model of the config's models list)");
        ExperimentConfig cfg = ConfigLoader.load(file, data);
        OutputPaths.file(out, "--out"); // before the fit, not after it
        long t0 = System.nanoTime();
        Bundle bundle = Trainer.train(cfg, file, model, featureSet, calibrationFolds); // every input check happens here
        write(bundle, cfg, out, t0);
        return ExitCode.OK.code();
    }

    /** Every check (folder, model, finished grid, --out) before the first fit; then one bundle per winner. */
    private int fromGrid() throws Exception {
        GridBest.Result best = GridBest.of(fromGrid, model, featureSet, data);
        OutputPaths.folder(out, "--out");
        // A named point is its own file (SVM-011.cbm); a model's best point is the model's (SVM.cbm).
        List<Path> files = best.winners().stream().map(w -> out.resolve((w.point().id().equals(model) ? model : w.point().model())
                + ".cbm")).toList();
        for (Path f : files) OutputPaths.file(f, "--out");
        for (int i = 0; i < files.size(); i++) {
            GridBest.Winner w = best.winners().get(i);
            var origin = new Manifest.GridOrigin(fromGrid.toString(), w.point().id(), w.point().hash(), w.point().params(),
                    w.metric().column(), w.mean(), w.splits());
            long t0 = System.nanoTime();
            var err = spec.commandLine().getErr();
            err.printf("crystal-bench train: %s: %s %s (%s = %.4f over %d cv splits, feature set '%s')%n", fromGrid,
                    w.point().id().equals(model) ? "point" : "best point", w.point().id(), w.metric().column(), w.mean(), w.splits(), w.featureSet());
            write(Trainer.train(best.config(), best.configCopy(), w.point().spec(), w.featureSet(), origin, calibrationFolds), best.config(), files.get(i), t0);
        }
        return ExitCode.OK.code();
    }

    private void write(Bundle bundle, ExperimentConfig cfg, Path out, long t0) throws java.io.IOException {
        var err = spec.commandLine().getErr();
        Manifest m = bundle.manifest();
        for (String w : m.training().warnings()) err.println("crystal-bench train: warning: feature set '" + m.featureSet().name() + "': " + w);
        bundle.model().warnings().forEach(w -> err.println("crystal-bench train: warning: model '" + m.model().name() + "': "
                + w.render(m.classes())));
        BundleFile.write(out, bundle);
        err.printf("crystal-bench train: %s (%s) on feature set '%s' (%d columns -> %d encoded), %d rows, classes %s; "
                        + "%.1f s -> %s (%d bytes)%n",
                m.model().name(), m.model().type(), m.featureSet().name(), m.featureSet().columns().size(),
                m.encodedColumns().size(), m.training().rowsUsed(), m.training().classCounts(),
                (System.nanoTime() - t0) / 1e9, out, Files.size(out));
        if (m.calibration() != null) {
            err.printf("crystal-bench train: conformal calibration for 'predict --coverage': %s, %d folds %s, %d out-of-fold scores%n",
                    m.calibration().method(), m.calibration().folds(), m.calibration().grouping(), m.calibration().rows());
        }
        if (m.training().rowsUsed() < m.training().rowsRead()) {
            err.printf("crystal-bench train: %d of %d rows read left out: a missing label, or a missing cell in a column "
                    + "the feature set uses (dataset.missing: %s)%n", m.training().rowsRead() - m.training().rowsUsed(),
                    m.training().rowsRead(), cfg.dataset().missing().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        err.flush();
    }
}
