package org.crystalbench.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.crystalbench.InputException;
import org.crystalbench.data.Dataset;
import org.crystalbench.metrics.Conformal;
import org.crystalbench.models.Model;
import org.crystalbench.models.ModelSpec;
import org.crystalbench.models.VotingSpec;
import org.crystalbench.splits.GroupedSplits;
import org.crystalbench.splits.Protocol;
import org.crystalbench.splits.Seeds;
import org.crystalbench.splits.Split;
import org.crystalbench.splits.SplitId;
import org.crystalbench.splits.StratifiedSplits;

/**
 * Conformal prediction sets on one split, as {@code run --coverage} scores them: a share {@link #CALIBRATION} of
 * the split's training rows (stratified; grouped on a grouped protocol, so calibration rows are as new to the
 * model as test rows) is held out; each model is fitted on the rest, its thresholds are set on the held-out rows,
 * and its sets are scored on the split's test rows. The test rows never inform the sets.
 */
public final class ConformalEval {
    private ConformalEval() {}

    /** The share of a split's training rows held out to calibrate the sets. */
    public static final double CALIBRATION = 0.25;

    /** One model's sets on one split, for one method and level (1 - alpha). */
    public record Result(String featureSet, SplitId split, String model, Conformal.Method method, double level,
                         int trainRows, int testRows, int calibrationRows, Conformal.Sets sets) {}

    /**
     * @param groups per row, its group key (null without groups): used for a grouped calibration part on grouped protocols
     */
    public static List<Result> of(List<ModelSpec> models, long seed, Dataset data, List<String> features, String featureSet,
                                  Split split, double[] levels, String[] groups) throws Exception {
        int k = data.classes().size();
        int[] yTrain = EncodedSplit.pick(data.y(), split.train());
        long calSeed = Seeds.conformalCalibration(seed, split.id());
        boolean grouped = groups != null && (split.protocol() == Protocol.GROUPED_HOLDOUT || split.protocol() == Protocol.GROUPED_CV);
        Split cal;
        try {
            cal = grouped
                    ? GroupedSplits.holdout(yTrain, GroupedSplits.index(EncodedSplit.pick(groups, split.train())), k, 1, CALIBRATION, calSeed).getFirst()
                    : StratifiedSplits.holdout(yTrain, k, 1, CALIBRATION, calSeed).getFirst();
        } catch (InputException e) {
            throw new InputException(data.source() + ": --coverage: the calibration part of " + split.label() + "'s training rows: "
                    + e.getMessage());
        }
        int[] proper = EncodedSplit.pick(split.train(), cal.train()), calRows = EncodedSplit.pick(split.train(), cal.test());
        int[] scored = new int[calRows.length + split.test().length];
        System.arraycopy(calRows, 0, scored, 0, calRows.length);
        System.arraycopy(split.test(), 0, scored, calRows.length, split.test().length);
        EncodedSplit e = EncodedSplit.of(data, features, new Split(split.id(), proper, scored));
        Function<String, ModelSpec> members = FitPath.byName(models);
        FitPath.Memo memo = FitPath.Memo.local();
        List<ModelSpec> order = new ArrayList<>(models);
        order.sort(java.util.Comparator.comparing(m -> m instanceof VotingSpec)); // members first, as run fits them
        java.util.Map<String, List<Result>> byModel = new java.util.HashMap<>();
        double[][] xScored = e.xTest();
        for (ModelSpec spec : order) {
            Model model = memo.get(spec, () -> FitPath.fit(spec, members, e,
                    name -> Seeds.conformalFit(seed, name, split.id()), memo));
            double[][] p = new double[scored.length][k];
            FitPath.predict(model, xScored, p);
            double[][] pCal = java.util.Arrays.copyOfRange(p, 0, calRows.length), pTest = java.util.Arrays.copyOfRange(p, calRows.length, p.length);
            int[] yCal = java.util.Arrays.copyOfRange(e.yTest(), 0, calRows.length), yTest = java.util.Arrays.copyOfRange(e.yTest(), calRows.length, p.length);
            List<Result> out = new ArrayList<>();
            for (Conformal.Method method : Conformal.Method.values()) {
                for (double level : levels) {
                    double[] t = Conformal.thresholds(pCal, yCal, k, 1 - level, method);
                    out.add(new Result(featureSet, split.id(), spec.name(), method, level, split.train().length,
                            split.test().length, calRows.length, Conformal.evaluate(pTest, yTest, t)));
                }
            }
            byModel.put(spec.name(), out);
        }
        List<Result> all = new ArrayList<>();
        for (ModelSpec m : models) all.addAll(byModel.get(m.name()));
        return all;
    }
}
