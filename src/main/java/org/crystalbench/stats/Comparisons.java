package org.crystalbench.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.metrics.Metric;

/**
 * Paired comparisons: per (feature set, protocol), every model against the best one by macro F1 on
 * the same splits, with the corrected resampled paired t-test and Holm's adjustment across the
 * group's comparisons (one family per feature set and protocol).
 */
public final class Comparisons {
    private Comparisons() {}

    /** The metric that picks the best model and is compared. */
    public static final Metric METRIC = Metric.MACRO_F1;

    /**
     * One model against the best of its group.
     *
     * @param test               {@code model - best}: mean difference, corrected CI, t, raw p
     * @param pHolm              Holm-adjusted p within the group
     * @param significantlyWorse {@code pHolm < 1 - level} and the model's mean is lower
     */
    public record Comparison(String featureSet, String protocol, String model, String bestModel, Metric metric,
                             Resampling.PairedTest test, double pHolm, boolean significantlyWorse) {}

    /** Comparisons in summary order; the best model of each group has no row. */
    public static List<Comparison> of(List<Summary> summaries, double level) {
        Map<List<String>, List<Summary>> groups = new LinkedHashMap<>();
        for (Summary s : summaries) groups.computeIfAbsent(List.of(s.featureSet(), s.protocol()), k -> new ArrayList<>()).add(s);
        List<Comparison> out = new ArrayList<>();
        for (List<Summary> group : groups.values()) {
            Summary best = best(group);
            List<Summary> others = group.stream().filter(s -> s != best).toList();
            List<Resampling.PairedTest> tests = new ArrayList<>();
            for (Summary s : others) {
                if (s.n() != best.n()) {
                    throw new IllegalStateException("models of " + s.featureSet() + "/" + s.protocol()
                            + " were scored on different splits (" + s.n() + " vs " + best.n() + ")");
                }
                tests.add(Resampling.correctedPairedT(s.values().get(METRIC), best.values().get(METRIC),
                        CiSpec.testTrainRatio(best), level));
            }
            double[] holm = Resampling.holm(tests.stream().mapToDouble(Resampling.PairedTest::p).toArray());
            for (int i = 0; i < others.size(); i++) {
                Summary s = others.get(i);
                var t = tests.get(i);
                out.add(new Comparison(s.featureSet(), s.protocol(), s.model(), best.model(), METRIC, t, holm[i],
                        holm[i] < 1 - level && t.meanDiff() < 0));
            }
        }
        return out;
    }

    /** Highest mean macro F1; ties go to the model listed first in the config. */
    public static Summary best(List<Summary> group) {
        Summary best = group.get(0);
        for (Summary s : group) if (s.mean(METRIC) > best.mean(METRIC)) best = s;
        return best;
    }
}
