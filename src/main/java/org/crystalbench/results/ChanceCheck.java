package org.crystalbench.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.crystalbench.metrics.Metric;
import org.crystalbench.splits.Protocol;
import org.crystalbench.stats.Resampling;

/**
 * Every model of a run against the chance baseline of its table (feature set and protocol) on macro F1: the
 * corrected resampled paired t-test on their common splits ({@link Resampling#correctedPairedT}, as the "vs best"
 * column), Holm-adjusted within the table. A model is significantly above chance when its adjusted p is below
 * 1 − level and its mean difference is positive; the others are listed on the console and in summary.md.
 */
public final class ChanceCheck {
    private ChanceCheck() {}

    /** A model not significantly above the baseline: {@code test} is model − baseline. */
    public record NotAbove(String featureSet, Protocol protocol, String model, String baseline, Resampling.PairedTest test,
                           double pHolm) {
        public String line() {
            return String.format(Locale.ROOT, "model `%s`, feature set `%s`, %s: not significantly better than `%s` "
                            + "(macro F1 difference %+.3f, Holm p = %.3f)", model, featureSet, protocol.label(), baseline,
                    test.meanDiff(), pHolm);
        }
    }

    /** The models of {@code summaries} not significantly above {@code baseline} (a model name), in summary order. */
    public static List<NotAbove> of(List<Summary> summaries, String baseline, double level) {
        Map<List<Object>, List<Summary>> families = new LinkedHashMap<>();
        for (Summary s : summaries) families.computeIfAbsent(List.of(s.featureSet(), s.protocol()), k -> new ArrayList<>()).add(s);
        List<NotAbove> out = new ArrayList<>();
        for (List<Summary> family : families.values()) {
            Summary chance = family.stream().filter(s -> s.model().equals(baseline)).findFirst().orElse(null);
            if (chance == null) continue;
            List<Summary> models = new ArrayList<>();
            List<Resampling.PairedTest> tests = new ArrayList<>();
            for (Summary s : family) {
                if (s == chance) continue;
                var common = s.sample().common(chance.sample());
                models.add(s);
                tests.add(common.size() < 2 ? null : Resampling.correctedPairedT(s.sample().on(Metric.MACRO_F1, common),
                        chance.sample().on(Metric.MACRO_F1, common), chance.sample().testTrainRatio(), level));
            }
            double[] holm = Resampling.holm(tests.stream().mapToDouble(t -> t == null ? 1 : t.p()).toArray());
            for (int i = 0; i < models.size(); i++) {
                var t = tests.get(i);
                boolean above = t != null && holm[i] < 1 - level && t.meanDiff() > 0;
                if (!above) {
                    Summary s = models.get(i);
                    out.add(new NotAbove(s.featureSet(), s.protocol(), s.model(), baseline,
                            t == null ? new Resampling.PairedTest(Double.NaN, null, Double.NaN, 1) : t, holm[i]));
                }
            }
        }
        return List.copyOf(out);
    }
}
