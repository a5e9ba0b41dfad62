package org.crystalbench.bundle;

import java.io.Serializable;
import java.util.List;
import java.util.stream.IntStream;
import org.crystalbench.InputException;
import org.crystalbench.data.Dataset;
import org.crystalbench.evaluation.EncodedSplit;
import org.crystalbench.evaluation.FitPath;
import org.crystalbench.features.FeatureEncoder;
import org.crystalbench.metrics.Conformal;
import org.crystalbench.models.Model;
import org.crystalbench.models.ModelSpec;
import org.crystalbench.splits.GroupedSplits;
import org.crystalbench.splits.Seeds;
import org.crystalbench.splits.Split;
import org.crystalbench.splits.StratifiedSplits;

/**
 * What {@code predict --coverage} makes its sets from: cross-conformal calibration (Vovk, "Cross-conformal
 * predictors", Ann. Math. Artif. Intell. 2015). {@code train} deals the training rows into {@code folds} folds
 * (grouped when the config defines {@code protocols.groups}, so a row is scored by a model that has not seen its
 * group, as a new material would be; else stratified), fits the model (and its encoder) on the other folds, and
 * keeps each fold's model with the nonconformity scores (1 - p(true class)) it gives its fold's rows. A new row's
 * p-value for class y is (1 + the number of calibration rows of fold k whose score is at least the score fold k's
 * model gives y, summed over the folds k) / (n + 1); its set holds every y whose p-value exceeds 1 - level.
 * Class-conditional (Mondrian): the same within the calibration rows of class y, n their number.
 *
 * <p>Why cross- rather than split-conformal: every training row calibrates (339 on the study's data instead of a
 * quarter of them, so the thresholds of small classes are not coarse), and the bundle's point prediction still comes
 * from a model fitted on every row. Why the fold models and not the bundle's model for the sets: that model's
 * scores are not exchangeable with out-of-fold scores (it is surer of new rows than fold models were of their
 * folds); sets built that way over-covered (0.85 at a requested 0.8 on synthetic rows). The price: folds + 1 fits
 * in train, folds more predictions per row in predict, a bundle holding folds + 1 models; the proven bound is
 * 1 - 2 alpha (close to 1 - alpha in practice, docs/conformal.md); a set may, rarely, lack the predicted class.
 *
 * @param folds    number of calibration folds
 * @param grouping how the folds were made: "stratified" or the groups' description
 * @param y        per training row, its class
 * @param scores   per training row, its out-of-fold nonconformity score
 * @param fold     per training row, its fold
 * @param encoders per fold, the encoder fitted on the other folds
 * @param models   per fold, the model fitted on the other folds
 */
public record Calibration(int folds, String grouping, int[] y, double[] scores, int[] fold, FeatureEncoder[] encoders,
                          Model[] models) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Default number of calibration folds of {@code train}. */
    public static final int DEFAULT_FOLDS = 5;

    public Calibration {
        if (y.length != scores.length || y.length != fold.length) throw new IllegalArgumentException("one score and fold per row");
        if (encoders.length != folds || models.length != folds) throw new IllegalArgumentException("one model per fold");
    }

    /** Sets at one level: the calibration scores sorted per fold (and per class for Mondrian), for counting. */
    public final class Sets {
        private final double level;
        private final double[][][] sorted; // [fold][class, or 0 for all][ascending scores]
        private final int[] n;              // per class (Mondrian) or [0] (all): calibration rows

        Sets(double level, int classes, Conformal.Method method) {
            if (!(level > 0 && level < 1)) throw new IllegalArgumentException("level must be in (0, 1): " + level);
            this.level = level;
            int groups = method == Conformal.Method.MONDRIAN ? classes : 1;
            sorted = new double[folds][groups][];
            n = new int[groups];
            for (int f = 0; f < folds; f++) {
                for (int g = 0; g < groups; g++) {
                    int ff = f, gg = g;
                    sorted[f][g] = IntStream.range(0, y.length).filter(i -> fold[i] == ff && (groups == 1 || y[i] == gg))
                            .mapToDouble(i -> scores[i]).sorted().toArray();
                    n[g] += sorted[f][g].length;
                }
            }
        }

        /**
         * The set of a row, from each fold model's probabilities for it.
         *
         * @param p [fold][class]: fold model f's probabilities for the row
         */
        public boolean[] of(double[][] p) {
            boolean[] in = new boolean[p[0].length];
            for (int c = 0; c < in.length; c++) in[c] = pValue(p, c) > 1 - level;
            return in;
        }

        /** The cross-conformal p-value of class {@code c} for a row with fold probabilities {@code p}. */
        public double pValue(double[][] p, int c) {
            int g = n.length == 1 ? 0 : c;
            long atLeast = 0;
            for (int f = 0; f < folds; f++) atLeast += countAtLeast(sorted[f][g], Conformal.score(p[f], c));
            return (1 + atLeast) / (n[g] + 1.0);
        }

        /**
         * Per class group (all classes, or each class for Mondrian): whether it has too few calibration rows for the
         * level, so that every row's set holds it (the p-value 1 / (n + 1) already exceeds 1 - level).
         */
        public boolean[] tooFew() {
            boolean[] out = new boolean[n.length];
            for (int g = 0; g < n.length; g++) out[g] = 1.0 / (n[g] + 1) > 1 - level;
            return out;
        }
    }

    /** Sets at {@code level} (e.g. 0.9), one calibration for all classes or one per class. */
    public Sets sets(double level, int classes, Conformal.Method method) {
        return new Sets(level, classes, method);
    }

    /** Per fold, the probabilities fold f's model gives row {@code r} of {@code data} (read with the bundle's schema). */
    public double[][] foldProbabilities(Dataset data, int r, int classes) {
        double[][] p = new double[folds][classes];
        for (int f = 0; f < folds; f++) models[f].predict(encoders[f].transform(data, r), p[f]);
        return p;
    }

    /** The number of values in ascending {@code sorted} that are at least {@code x}. */
    static int countAtLeast(double[] sorted, double x) {
        int lo = 0, hi = sorted.length; // the first index whose value is >= x
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) lo = mid + 1;
            else hi = mid;
        }
        return sorted.length - lo;
    }

    /**
     * Cross-conformal calibration of {@code spec} on every row of {@code data}: {@code folds} folds, grouped by
     * {@code groups} when not null.
     *
     * @param groups      per row, its group key, or null
     * @param description how the groups are made, for the manifest (e.g. "grouped by Formula (reduced composition)")
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
        int[] foldOf = new int[data.size()];
        FeatureEncoder[] encoders = new FeatureEncoder[splits.size()];
        Model[] fitted = new Model[splits.size()];
        var members = FitPath.byName(models);
        for (int f = 0; f < splits.size(); f++) {
            EncodedSplit e = EncodedSplit.of(data, features, splits.get(f));
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
            double[][] p = new double[e.testSize()][k];
            FitPath.predict(m, e.xTest(), p);
            int[] test = e.split().test();
            for (int i = 0; i < test.length; i++) {
                scores[test[i]] = Conformal.score(p[i], e.yTest()[i]);
                foldOf[test[i]] = f;
            }
            encoders[f] = e.encoder();
            fitted[f] = m;
        }
        return new Calibration(splits.size(), groups == null ? "stratified" : description, data.y().clone(), scores, foldOf,
                encoders, fitted);
    }

    /** The manifest's summary of this calibration. */
    public Manifest.CalibrationInfo info() {
        return new Manifest.CalibrationInfo("cross-conformal", folds, grouping, y.length);
    }
}
