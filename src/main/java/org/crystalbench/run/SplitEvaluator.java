package org.crystalbench.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.Seeds;
import org.crystalbench.data.Dataset;
import org.crystalbench.features.FeatureEncoder;
import org.crystalbench.metrics.Scores;
import org.crystalbench.models.BaseModelSpec;
import org.crystalbench.models.Model;
import org.crystalbench.models.ModelSpec;
import org.crystalbench.models.VotingSpec;
import org.crystalbench.splits.Split;

/**
 * The unit of work of a run: one feature set on one split, every model. The encoder is fitted on
 * the training rows only; base models are fitted once and voting combiners reuse those fits.
 */
public final class SplitEvaluator {
    private SplitEvaluator() {}

    /** The seed of a model's fit on a split: independent of thread, feature set order and run size. */
    public static long modelSeed(long seed, String model, Split split) {
        return Seeds.mix(seed ^ Seeds.stream(model), split.protocol().equals("cv") ? 2 : 1, split.repeat() * 1000L + split.fold());
    }

    public static List<SplitResult> evaluate(Dataset data, String featureSet, List<String> features,
                                             List<ModelSpec> models, long seed, Split split) {
        FeatureEncoder encoder = FeatureEncoder.fit(data, features, split.train());
        double[][] xTrain = encoder.transform(data, split.train());
        double[][] xTest = encoder.transform(data, split.test());
        int[] yTrain = pick(data.y(), split.train());
        int[] yTest = pick(data.y(), split.test());
        int k = data.classes().size();

        Map<String, Model> fitted = new HashMap<>();
        Map<String, SplitResult> results = new HashMap<>();
        // Base models first: a voting combiner may be listed before its members.
        for (boolean voting : new boolean[] {false, true}) {
            for (ModelSpec spec : models) {
                if ((spec instanceof VotingSpec) != voting) continue;
                long t0 = System.nanoTime();
                Model model = switch (spec) {
                    case BaseModelSpec base -> base.fit(xTrain, yTrain, k, modelSeed(seed, spec.name(), split));
                    case VotingSpec v -> v.combine(v.members().stream().map(fitted::get).toList());
                };
                long t1 = System.nanoTime();
                fitted.put(spec.name(), model);
                int[] predicted = predict(model, xTest, k);
                long t2 = System.nanoTime();
                results.put(spec.name(), new SplitResult(featureSet, split.protocol(), spec.name(), split.repeat(),
                        split.fold(), Scores.of(yTest, predicted, k), xTrain.length, xTest.length,
                        (t1 - t0) / 1e6, (t2 - t1) / 1e6));
            }
        }
        List<SplitResult> out = new ArrayList<>();
        for (ModelSpec spec : models) out.add(results.get(spec.name()));
        return out;
    }

    public static int[] predict(Model model, double[][] x, int classes) {
        int[] predicted = new int[x.length];
        double[] p = new double[classes];
        for (int i = 0; i < x.length; i++) predicted[i] = model.predict(x[i], p);
        return predicted;
    }

    public static int[] pick(int[] v, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = v[rows[i]];
        return out;
    }
}
