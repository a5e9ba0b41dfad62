package org.crystalbench.results;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.config.Reference;
import org.crystalbench.metrics.Metric;
import org.crystalbench.splits.Protocol;

/**
 * A published result beside our scores (the config's {@code reference}): the setting it is compared in, how its
 * values fall against every feature set and protocol we ran, and which F1 definition its reported F1s allow.
 * Rendered by {@code report.StudyMarkdown}, the same in summary.md and report.md.
 */
public final class Study {
    private Study() {}

    /** The feature set compared: the reference's, else the config's first. */
    public static String featureSet(ExperimentConfig c) {
        Reference r = c.reference();
        return r != null && r.featureSet() != null ? r.featureSet() : c.featureSets().keySet().iterator().next();
    }

    /** The protocol compared: the reference's, else holdout when configured, else cv. */
    public static Protocol protocol(ExperimentConfig c) {
        Reference r = c.reference();
        if (r != null && r.protocol() != null) return r.protocol();
        return c.protocols().holdout() != null ? Protocol.HOLDOUT : Protocol.CV;
    }

    /** Our rows for the compared feature set and protocol. */
    public static List<SummaryTable.Row> group(ExperimentConfig c, List<SummaryTable.Row> summary) {
        String fs = featureSet(c);
        Protocol p = protocol(c);
        return summary.stream().filter(r -> r.featureSet().equals(fs) && r.protocol() == p).toList();
    }

    // --- every setting -------------------------------------------------------------------------------

    /** The reported values compared in every setting: P with our macro precision, R with macro recall, F1 with macro F1. */
    public static final Map<String, Metric> VALUES = Map.of("P", Metric.MACRO_PRECISION, "R", Metric.MACRO_RECALL, "F1", Metric.MACRO_F1);
    public static final List<String> VALUE_ORDER = List.of("P", "R", "F1");

    /**
     * The reference against one of our settings.
     *
     * @param inside      reported values inside our interval of the mean
     * @param compared    reported values of models we ran (3 per model)
     * @param medianSds   median over the compared values of |reference - our mean| / our per-split SD: how unusual
     *                    the reference would be as one of our splits (NaN when no SD is positive)
     * @param outside     the values outside, as "DNN F1"
     */
    public record Setting(String featureSet, Protocol protocol, int inside, int compared, double medianSds, List<String> outside) {}

    /** The reference against every (feature set, protocol) of {@code summary}, in summary order. */
    public static List<Setting> settings(Reference ref, List<SummaryTable.Row> summary) {
        Map<List<Object>, List<SummaryTable.Row>> groups = new LinkedHashMap<>();
        for (SummaryTable.Row r : summary) groups.computeIfAbsent(List.of(r.featureSet(), r.protocol()), k -> new ArrayList<>()).add(r);
        List<Setting> out = new ArrayList<>();
        for (List<SummaryTable.Row> g : groups.values()) {
            int inside = 0, compared = 0;
            List<Double> sds = new ArrayList<>();
            List<String> outside = new ArrayList<>();
            for (var e : ref.models().entrySet()) {
                SummaryTable.Row ours = g.stream().filter(r -> r.model().equals(e.getKey())).findFirst().orElse(null);
                if (ours == null) continue;
                for (String v : VALUE_ORDER) {
                    Estimate est = ours.stat(VALUES.get(v));
                    double value = value(e.getValue(), v);
                    compared++;
                    if (est.ci().contains(value)) inside++;
                    else outside.add(e.getKey() + " " + v);
                    if (est.sd() > 0) sds.add(Math.abs(value - est.mean()) / est.sd());
                }
            }
            out.add(new Setting(g.getFirst().featureSet(), g.getFirst().protocol(), inside, compared, median(sds), List.copyOf(outside)));
        }
        return out;
    }

    private static double value(Reference.Scores s, String v) {
        return switch (v) {
            case "P" -> s.precision();
            case "R" -> s.recall();
            default -> s.f1();
        };
    }

    private static double median(List<Double> v) {
        if (v.isEmpty()) return Double.NaN;
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    /** The settings most consistent with the reference: most values inside, ties to the smaller median distance in SDs. */
    public static List<Setting> mostConsistent(List<Setting> settings) {
        int most = settings.stream().mapToInt(Setting::inside).max().orElse(-1);
        var top = settings.stream().filter(s -> s.inside() == most && most > 0).toList();
        double closest = top.stream().mapToDouble(Setting::medianSds).filter(d -> !Double.isNaN(d)).min().orElse(Double.NaN);
        return top.stream().filter(s -> Double.isNaN(closest) || s.medianSds() == closest).toList();
    }

    // --- which F1 -----------------------------------------------------------------------------------

    /**
     * What a model's reported P, R and F1 allow, given that each was rounded to the decimals printed.
     *
     * @param harmonicLow  the smallest harmonic mean of P and R that rounds to the reported P and R
     * @param harmonicHigh the largest
     * @param harmonic     the reported F1 can be the harmonic mean of the reported P and R (the formula the study prints)
     * @param meanOfF1     the reported F1 can be a mean of per-class F1: it is not above the harmonic mean of P and R
     *                     (Jensen: the harmonic mean is concave, so the mean of per-class F1 never exceeds it)
     */
    public record F1Check(String model, double f1, double harmonicLow, double harmonicHigh, boolean harmonic, boolean meanOfF1) {}

    public static F1Check f1Check(String model, Reference.Scores s) {
        double hp = halfUnit(s.precision()), hr = halfUnit(s.recall()), hf = halfUnit(s.f1());
        double low = harmonic(s.precision() - hp, s.recall() - hr), high = harmonic(s.precision() + hp, s.recall() + hr);
        return new F1Check(model, s.f1(), low, high, s.f1() + hf >= low && s.f1() - hf <= high, s.f1() - hf <= high);
    }

    /** Half a unit in the last printed decimal of {@code v} (0.39: 0.005). */
    static double halfUnit(double v) {
        return 0.5 * Math.pow(10, -Math.max(0, BigDecimal.valueOf(v).stripTrailingZeros().scale()));
    }

    static double harmonic(double p, double r) {
        return p + r <= 0 ? 0 : 2 * p * r / (p + r);
    }
}
