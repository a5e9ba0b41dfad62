package org.crystalbench.operations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.crystalbench.ExitCode;
import org.crystalbench.InputException;
import org.crystalbench.bundle.Bundle;
import org.crystalbench.bundle.BundleFile;
import org.crystalbench.bundle.Manifest;
import org.crystalbench.bundle.Trainer;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.grid.GridBest;
import org.crystalbench.io.Console;
import org.crystalbench.io.OutputPaths;

/** {@code crystal-bench train}: one model of a config, or the best point of each model of a grid folder, fitted and saved as bundles. */
public final class TrainOperation {
    private TrainOperation() {}

    /**
     * Either {@code config} and {@code model}, or {@code fromGrid} (then {@code model} optional, {@code out} a folder).
     *
     * @param data             overrides the config's (or the grid folder's) data file; null: none
     * @param featureSet       null: the config's first, or where the grid's model scored best
     * @param calibrationFolds folds of out-of-fold scores for predict --coverage; 0: none
     */
    public record Request(Path config, Path data, String model, String featureSet, Path fromGrid, Path out, int calibrationFolds) {}

    /** The bundle files written, in order. */
    public record Outcome(List<Path> bundles, ExitCode status) {}

    public static Outcome execute(Request r, Console console) {
        if (r.calibrationFolds() < 0 || r.calibrationFolds() == 1) {
            throw new InputException("--calibration-folds: " + r.calibrationFolds() + " (0 for none, or at least 2)");
        }
        if (r.fromGrid() != null) return fromGrid(r, console);
        ExperimentConfig cfg = ConfigLoader.load(r.config(), r.data());
        OutputPaths.file(r.out(), "--out"); // before the fit, not after it
        long t0 = System.nanoTime();
        Bundle bundle = Trainer.train(cfg, r.config(), r.model(), r.featureSet(), r.calibrationFolds()); // every input check happens here
        write(bundle, cfg, r.out(), t0, console);
        return new Outcome(List.of(r.out()), ExitCode.OK);
    }

    /** Every check (folder, model, finished grid, --out) before the first fit; then one bundle per winner. */
    private static Outcome fromGrid(Request r, Console console) {
        GridBest.Result best = GridBest.of(r.fromGrid(), r.model(), r.featureSet(), r.data());
        OutputPaths.folder(r.out(), "--out");
        // A named point is its own file (SVM-011.cbm); a model's best point is the model's (SVM.cbm).
        List<Path> files = best.winners().stream().map(w -> r.out().resolve((w.point().id().equals(r.model()) ? r.model()
                : w.point().model()) + ".cbm")).toList();
        for (Path f : files) OutputPaths.file(f, "--out");
        for (int i = 0; i < files.size(); i++) {
            GridBest.Winner w = best.winners().get(i);
            var origin = new Manifest.GridOrigin(r.fromGrid().toString(), w.point().id(), w.point().hash(), w.point().params(),
                    w.metric().column(), w.mean(), w.splits());
            long t0 = System.nanoTime();
            console.err().printf("crystal-bench train: %s: %s %s (%s = %.4f over %d cv splits, feature set '%s')%n", r.fromGrid(),
                    w.point().id().equals(r.model()) ? "point" : "best point", w.point().id(), w.metric().column(), w.mean(), w.splits(),
                    w.featureSet());
            write(Trainer.train(best.config(), best.configCopy(), w.point().spec(), w.featureSet(), origin, r.calibrationFolds()),
                    best.config(), files.get(i), t0, console);
        }
        return new Outcome(files, ExitCode.OK);
    }

    private static void write(Bundle bundle, ExperimentConfig cfg, Path out, long t0, Console console) {
        var err = console.err();
        Manifest m = bundle.manifest();
        for (String w : m.training().warnings()) err.println("crystal-bench train: warning: feature set '" + m.featureSet().name() + "': " + w);
        bundle.model().warnings().forEach(w -> err.println("crystal-bench train: warning: model '" + m.model().name() + "': "
                + w.render(m.classes())));
        BundleFile.write(out, bundle);
        err.printf("crystal-bench train: %s (%s) on feature set '%s' (%d columns -> %d encoded), %d rows, classes %s; "
                        + "%.1f s -> %s (%d bytes)%n",
                m.model().name(), m.model().type(), m.featureSet().name(), m.featureSet().columns().size(),
                m.encodedColumns().size(), m.training().rowsUsed(), m.training().classCounts(),
                (System.nanoTime() - t0) / 1e9, out, size(out));
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

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
