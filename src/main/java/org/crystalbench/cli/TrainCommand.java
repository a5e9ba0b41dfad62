package org.crystalbench.cli;

import org.crystalbench.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.crystalbench.bundle.Bundle;
import org.crystalbench.bundle.BundleFile;
import org.crystalbench.bundle.Manifest;
import org.crystalbench.bundle.Trainer;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.io.OutputPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Fits one model on all rows and saves it as a bundle for 'predict'.",
                "The model and its feature encoding are fitted on every row of the data. The bundle holds the fitted "
                        + "model, input schema, class labels, hyperparameters and provenance (versions, data and config SHA-256)."})
public final class TrainCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions input;

    @Option(names = "--model", paramLabel = "NAME", required = true, description = "Model name from the config's models list.")
    String model;

    @Option(names = "--feature-set", paramLabel = "S", description = "Feature set of the config (default: its first).")
    String featureSet;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Bundle file to write, e.g. model.cbm.")
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
        ExperimentConfig cfg = input.load();
        OutputPaths.file(out, "--out"); // before the fit, not after it
        var err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        Bundle bundle = Trainer.train(cfg, input.file, model, featureSet, calibrationFolds); // every input check happens here
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
        return ExitCode.OK.code();
    }
}
