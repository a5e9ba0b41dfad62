package org.crystalbench.bundle;

import java.io.Serializable;
import java.util.List;
import org.crystalbench.InputException;
import org.crystalbench.data.Dataset;
import org.crystalbench.evaluation.EncodedSplit;
import org.crystalbench.evaluation.FitPath;
import org.crystalbench.metrics.Conformal;
import org.crystalbench.models.Model;
import org.crystalbench.models.ModelSpec;
import org.crystalbench.splits.GroupedSplits;
import org.crystalbench.splits.Protocol;
import org.crystalbench.splits.Seeds;
import org.crystalbench.splits.Split;
import org.crystalbench.splits.StratifiedSplits;

/**
 * What {@code predict --coverage} sets its thresholds from: the out-of-fold nonconformity score (1 - p(true class))
 * of every training row (cross-conformal calibration). {@code train} splits the training rows into {@code folds}
 * folds (grouped when the config defines {@code protocols.groups}, so a row is scored by a model that has not seen
 * its group, as a new material would be; else stratified), fits the model on the other folds and scores the fold.
 * The bundle's own model is the one fitted on every row; its sets use thresholds from these scores.
 *
 * <p>Why cross- rather than split-conformal: every training row calibrates (339 on the study's data instead of a
 * quarter of them, so the Mondrian thresholds of small classes are not coarse), and the bundle's model still learns
 * from every row. The price: the scores come from models fitted on (folds - 1) / folds of the rows, not from the
 * bundle's model, so the finite-sample guarantee of split-conformal does not hold exactly (cross-conformal's proven
 * bound is 1 - 2 alpha; Barber et al. 2021). The model fitted on every row is usually at least as sure of the true
 * class, so the sets tend to over-cover slightly; docs/conformal.md gives the measured coverage.
 *
 * @param folds    number of calibration folds
 * @param grouping how the folds were made: "stratified" or the groups' description
 * @param y        per training row, its class
 * @param scores   per training row, its out-of-fold nonconformity score
 */
public record Calibration(int folds, String grouping, int[] y, double[] scores) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Default number of calibration folds of {@code train}. */
    public static final int DEFAULT_FOLDS = 5;

    public Calibration {
        if (y.length != scores.length) throw new IllegalArgumentException("one score per row");
    }

    /** Per class, the threshold of sets at {@code level} (e.g. 0.9), one for all classes or one per class. */
    public double[] thresholds(double level, int classes, Conformal.Method method) {
        return Conformal.thresholds(scores, y, classes, 1 - level, method);
    }

    /**
     * Out-of-fold scores of {@code spec} on every row of {@code data}: {@code folds} folds, grouped by {@code groups}
     * when not null.
     *
     * @param groups      per row, its group key, or null
     * @param description how the groups are made, for the manifest (e.g. "Formula (reduced composition)")
     * @throws InputException when the rows cannot be dealt into folds (too few rows of a class or too few groups)
     */
    public static Calibration crossConformal(ModelSpec spec, List<ModelSpec> models, long seed, Dataset data, List<String> features,
                                             int folds, String[] groups, String description) {
        int k = data.classes().size();
        long foldSeed = Seeds.bundleCalibrationFolds(seed);
        List<Split> splits = groups == null
                ? StratifiedSplits.crossValidation(data.y(), k, 1, folds, foldSeed)
                : GroupedSplits.crossValidation(data.y(), GroupedSplits.index(groups), k, 1, folds, foldSeed);
        double[] scores = new double[data.size()];
        var members = FitPath.byName(models);
        for (int f = 0; f < splits.size(); f++) {
            Split s = splits.get(f);
            EncodedSplit e = EncodedSplit.of(data, features, s);
            int fold = f;
            Model m;
            try {
                m = FitPath.fit(spec, members, e.xTrain(), e.yTrain(), k, name -> Seeds.bundleCalibrationFit(seed, name, fold),
                        FitPath.Memo.local());
            } catch (RuntimeException ex) {
                throw ex;
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
            double[][] p = new double[e.xTest().length][k];
            FitPath.predict(m, e.xTest(), p);
            int[] test = e.split().test();
            for (int i = 0; i < test.length; i++) scores[test[i]] = Conformal.score(p[i], e.yTest()[i]);
        }
        return new Calibration(folds, groups == null ? "stratified" : description, data.y().clone(), scores);
    }

    /** The manifest's summary of this calibration. */
    public Manifest.CalibrationInfo info() {
        return new Manifest.CalibrationInfo("cross-conformal", folds, grouping, y.length);
    }
}
