package org.crystalbench.operations;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.crystalbench.BuildInfo;
import org.crystalbench.ExitCode;
import org.crystalbench.InputException;
import org.crystalbench.bundle.Bundle;
import org.crystalbench.bundle.BundleFile;
import org.crystalbench.bundle.Manifest;
import org.crystalbench.bundle.Predictor;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Console;
import org.crystalbench.metrics.Scores;

/**
 * {@code crystal-bench predict}: a bundle's predictions for the rows of a CSV, to a file or standard output, and on
 * standard error what a user must know about them (rows left out, the applicability domain, conformal sets, scores).
 */
public final class PredictOperation {
    private PredictOperation() {}

    /**
     * @param out      predictions CSV; null: standard output
     * @param coverage conformal set level, or null for none
     * @param threads  the harness's threads for the rows' blocks (the predictions do not depend on it)
     */
    public record Request(Path model, Path data, Path out, Double coverage, boolean classConditional, int threads) {}

    /** The predictions as written. */
    public record Outcome(Predictor.Predictions predictions, ExitCode status) {}

    public static Outcome execute(Request r, Console console) {
        PrintWriter err = console.err();
        Path out = r.out();
        Bundle bundle = BundleFile.read(r.model());
        Manifest m = bundle.manifest();
        if (r.classConditional() && r.coverage() == null) throw new InputException("--class-conditional: needs --coverage LEVEL");
        if (r.coverage() != null && bundle.calibration() == null) throw new InputException(r.model() + ": " + Predictor.noCalibration(m));
        Predictor.Predictions p = Predictor.predict(bundle, r.data(), r.coverage() == null ? null
                : new Predictor.Coverage(r.coverage(), r.classConditional()), r.threads()); // every input check happens before output
        String csv = p.toCsv();

        if (!m.versions().crystalBench().equals(BuildInfo.version()) || !m.versions().smile().equals(BuildInfo.smileVersion())) {
            err.printf("crystal-bench predict: note: bundle written by crystal-bench %s with Smile %s; this is %s with Smile %s%n",
                    m.versions().crystalBench(), m.versions().smile(), BuildInfo.version(), BuildInfo.smileVersion());
        }
        if (out != null) AtomicFiles.write(out, csv);
        else {
            PrintWriter stdout = console.out();
            stdout.print(csv);
            stdout.flush();
        }
        err.printf("crystal-bench predict: %s (%s, feature set '%s', trained on %d rows) -> %d rows predicted%s%n",
                m.model().name(), m.model().type(), m.featureSet().name(), m.training().rowsUsed(), p.predicted().length,
                out == null ? "" : " -> " + out);
        if (p.data().rowsDropped() > 0) {
            err.printf("crystal-bench predict: %d rows not predicted: a missing composition input (formula, sites or volume)%n",
                    p.data().rowsDropped());
        }
        if (!p.notPredicted().isEmpty()) {
            List<String> shown = p.notPredicted().subList(0, Math.min(10, p.notPredicted().size()));
            err.printf("crystal-bench predict: %d rows not predicted: a missing cell in a column the model uses (trained with "
                    + "dataset.missing: drop-rows; 'impute' would predict them): %s%s%n", p.notPredicted().size(),
                    String.join(", ", shown), p.notPredicted().size() > shown.size() ? ", ..." : "");
        }
        if (p.imputed() > 0) {
            err.printf("crystal-bench predict: %d rows had missing cells, filled in as in training (dataset.missing: impute)%n",
                    p.imputed());
        }
        if (p.unseenCount() > 0) {
            err.printf("crystal-bench predict: %d rows have a category unseen in training (unseen_category = true; "
                    + "that column contributes nothing to their prediction)%n", p.unseenCount());
        }
        domain(err, m, p);
        sets(err, m, p);
        if (!m.training().warnings().isEmpty()) {
            err.printf("crystal-bench predict: warning: trained with a label-determining column (%s)%n",
                    String.join("; ", m.training().warnings()));
        }
        scores(err, m, p);
        err.flush();
        return new Outcome(p, ExitCode.OK);
    }

    /** The conformal sets' summary, and where there were too few calibration rows for the level. */
    private static void sets(PrintWriter err, Manifest m, Predictor.Predictions p) {
        if (p.sets() != null) {
            var s = p.sets();
            var cal = m.calibration();
            err.printf(Locale.ROOT, "crystal-bench predict: conformal sets at %s (%s, %s calibration on %d out-of-fold training rows, "
                            + "%d folds %s): mean set size %.2f of %d classes, %d empty sets (conformal_set, set_size)%n",
                    s.coverage().level(), s.coverage().classConditional() ? "one threshold per class" : "one threshold",
                    cal.method(), cal.rows(), cal.folds(), cal.grouping(), s.meanSize(), m.classes().size(), s.empty());
            for (int g = 0; g < s.tooFew().length; g++) {
                if (s.tooFew()[g]) {
                    err.printf(Locale.ROOT, "crystal-bench predict: note: too few calibration rows%s for level %s: %s in every set%n",
                            s.tooFew().length > 1 ? " of class '" + m.classes().get(g) + "'" : "", s.coverage().level(),
                            s.tooFew().length > 1 ? "that class is" : "every class is");
                }
            }
            if (p.truth() != null && p.labelledCount() > 0) {
                err.printf(Locale.ROOT, "crystal-bench predict: coverage on the %d labelled rows: %.4f (requested %s)%n",
                        p.labelledCount(), s.coverageOn(p.truth()), s.coverage().level());
            }
        }
    }

    /** With labels in the file: the scores over the classes present, and over all when some are absent. */
    private static void scores(PrintWriter err, Manifest m, Predictor.Predictions p) {
        if (p.scores() != null) {
            Scores all = p.scores(), present = Scores.ofPresent(all.confusion());
            int k = all.confusion().length, n = all.presentClasses();
            err.printf(Locale.ROOT, "crystal-bench predict: metrics on %d labelled rows ('%s'), macro averages over the %s: %s%n",
                    p.labelledCount(), m.schema().target(), n == k ? "model's " + k + " classes (all present in the labels)"
                            : n + " of the model's " + k + " classes present in the labels", metrics(present));
            if (n < k) {
                err.printf(Locale.ROOT, "crystal-bench predict: the same over all %d classes of the model (an absent class "
                        + "scores 0): %s%n", k, metrics(all));
            }
            if (p.data().sha256().equals(m.training().dataSha256())) {
                err.println("crystal-bench predict: warning: this is the training file: these are resubstitution scores, "
                        + "not an estimate of accuracy on new data (use 'run' for that)");
            }
        }
    }

    /** The applicability-domain counts: every flagged row is counted here, and a check that could not run says so. */
    private static void domain(PrintWriter err, Manifest m, Predictor.Predictions p) {
        String pre = "crystal-bench predict: applicability domain: ";
        if (p.domain() == null) {
            err.println(pre + "not checked: the bundle records no training ranges (written by crystal-bench "
                    + m.versions().crystalBench() + " before bundles stored them); train it again to get unseen_elements "
                    + "and out_of_range");
            return;
        }
        var d = p.domain();
        if (m.domain().formulaColumn() == null) {
            err.println(pre + "elements not checked: the config names no formula column (dataset.derived.composition)");
        } else if (d.unseenElements() == null) {
            err.println(pre + "elements not checked: the file has no column '" + m.domain().formulaColumn() + "'");
        } else if (d.unseenElementRows() > 0) {
            err.printf("%s%d rows have an element no training formula has, or no readable formula (unseen_elements)%n", pre,
                    d.unseenElementRows());
        }
        if (d.outOfRangeRows() > 0) {
            List<String> by = d.outOfRangeByInput().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList();
            err.printf("%s%d rows lie outside the training range of a numeric input (out_of_range; rows per input: %s)%n",
                    pre, d.outOfRangeRows(), String.join(", ", by));
        }
        if (d.unseenElementRows() == 0 && d.outOfRangeRows() == 0) {
            err.printf("%severy row within the training ranges%s%n", pre, d.unseenElements() == null ? "" : ", of training elements");
        }
    }

    private static String metrics(Scores s) {
        return String.format(Locale.ROOT, "accuracy %.4f, macro precision %.4f, macro recall %.4f, macro F1 %.4f",
                s.accuracy(), s.macroPrecision(), s.macroRecall(), s.macroF1());
    }
}
