package org.crystalbench.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.crystalbench.features.FeatureEncoder;
import org.crystalbench.metrics.Scores;
import org.crystalbench.models.Model;
import org.crystalbench.models.ModelSpec;
import org.crystalbench.splits.Seeds;
import org.crystalbench.splits.Shuffle;
import org.crystalbench.splits.SplitId;

/**
 * Permutation feature importance on a split's test rows: how much a fitted model's macro F1 drops when
 * one input of the feature set is shuffled across the test rows, breaking its link to the label while
 * keeping its distribution. An input is what the feature set names: a numeric column, a categorical
 * column (its one-hot block moves as one) or a group of derived columns (all element fractions, all
 * element-property statistics: their columns move together, row by row). The drop is averaged over
 * {@code repeats} permutations; each permutation comes from {@link Seeds#permutation} and is the same
 * for every model, so models are compared on the same shuffles. Fitted models are reused, never refitted.
 *
 * @param drop macro F1 on the test rows minus the mean macro F1 with the input permuted (negative: the
 *             shuffled input scored better by chance)
 */
public record Importance(String featureSet, SplitId split, String model, String feature, double drop, int trainSize,
                         int testSize) {

    /**
     * Importances of every model of {@code fitted} (config order) for every input of the split's feature set.
     *
     * @param fitted the models fitted on {@code e}'s training rows, one per spec of {@code models}
     */
    public static List<Importance> of(List<ModelSpec> models, List<Model> fitted, EncodedSplit e, String featureSet,
                                      long seed, int repeats) {
        if (repeats < 1) throw new IllegalArgumentException("repeats must be >= 1");
        FeatureEncoder enc = e.encoder();
        double[][] xTest = e.xTest();
        int n = xTest.length;
        double[] baseline = new double[fitted.size()];
        for (int m = 0; m < fitted.size(); m++) baseline[m] = macroF1(fitted.get(m), xTest, e);
        double[][] permutedSum = new double[enc.inputs().size()][fitted.size()];
        for (int i = 0; i < enc.inputs().size(); i++) {
            int[] columns = enc.inputColumns(i);
            for (int r = 0; r < repeats; r++) {
                int[] perm = permutation(n, Seeds.permutation(seed, enc.inputs().get(i), e.split().id(), r));
                double[][] x = new double[n][];
                for (int row = 0; row < n; row++) {
                    x[row] = xTest[row].clone();
                    for (int c : columns) x[row][c] = xTest[perm[row]][c];
                }
                for (int m = 0; m < fitted.size(); m++) permutedSum[i][m] += macroF1(fitted.get(m), x, e);
            }
        }
        List<Importance> out = new ArrayList<>();
        for (int m = 0; m < fitted.size(); m++) {
            for (int i = 0; i < enc.inputs().size(); i++) {
                out.add(new Importance(featureSet, e.split().id(), models.get(m).name(), enc.inputs().get(i),
                        baseline[m] - permutedSum[i][m] / repeats, e.trainSize(), n));
            }
        }
        return out;
    }

    private static double macroF1(Model model, double[][] x, EncodedSplit e) {
        return Scores.of(e.yTest(), FitPath.predict(model, x), e.classes()).macroF1();
    }

    /** A uniform permutation of 0..n-1 (Fisher–Yates) from {@code seed}. */
    static int[] permutation(int n, long seed) {
        return Shuffle.inPlace(java.util.stream.IntStream.range(0, n).toArray(), new SplittableRandom(seed));
    }
}
