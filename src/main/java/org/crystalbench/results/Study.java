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
 * A published result beside our scores (the config's {@code reference}): its section of summary.md and
 * report.md — the table for the reference's own setting, the same values against every feature set and
 * protocol we ran, and which F1 definition its reported F1s are consistent with.
 */
public final class Study {
    private Study() {}

    public static final List<String> HEADER = List.of("Model", "Study P", "Study R", "Study F1", "Our macro F1", "In?",
            "Our paper F1", "In?");

    public static final String LEGEND = "*In?* says whether the reference's F1 lies inside our interval of the mean; it is "
            + "set against both of our F1 definitions (macro F1 = mean of per-class F1; paper F1 = harmonic mean of macro "
            + "P and R, the formula printed in the study). – : the model is not in this run.";

    public static final String CAVEAT = "The reference scored one split; a single split's score varies from split to split "
            + "by about the SD of our per-split scores, so a value outside our interval of the *mean* is not by itself an error.";

    /** The section's heading: "Comparison with " and the reference's own {@code source}. */
    public static String title(Reference ref) {
        return "Comparison with " + (ref.source() == null || ref.source().isBlank() ? "the reference" : ref.source().strip());
    }

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

    /** One row per model of the reference, in its order. */
    public static List<List<String>> rows(Reference ref, List<SummaryTable.Row> group) {
        List<List<String>> out = new ArrayList<>();
        ref.models().forEach((model, s) -> {
            List<String> row = new ArrayList<>(List.of(model, Cells.f3(s.precision()), Cells.f3(s.recall()), Cells.f3(s.f1())));
            SummaryTable.Row ours = group.stream().filter(r -> r.model().equals(model)).findFirst().orElse(null);
            for (Metric m : List.of(Metric.MACRO_F1, Metric.PAPER_F1)) {
                row.add(ours == null ? "–" : Cells.meanCi(ours.stat(m), m));
                row.add(ours == null ? "–" : Cells.inside(s.f1(), ours.stat(m).ci()));
            }
            out.add(row);
        });
        return out;
    }

    // --- every setting -------------------------------------------------------------------------------

    /** The reported values compared in every setting: P with our macro precision, R with macro recall, F1 with macro F1. */
    static final Map<String, Metric> VALUES = Map.of("P", Metric.MACRO_PRECISION, "R", Metric.MACRO_RECALL, "F1", Metric.MACRO_F1);
    static final List<String> VALUE_ORDER = List.of("P", "R", "F1");

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

    /** The settings table and its conclusion, Markdown. */
    public static String settingsMarkdown(Reference ref, List<SummaryTable.Row> summary, ExperimentConfig c) {
        List<Setting> settings = settings(ref, summary);
        if (settings.isEmpty()) return "";
        List<Setting> best = mostConsistent(settings);
        var md = new StringBuilder("The reference's values against every feature set and protocol of this run: each reported "
                + "P, R and F1 set against our interval of the mean of macro precision, macro recall and macro F1 (mean of "
                + "per-class F1, the definition its F1s are consistent with: below). *Median distance* is the median of "
                + "|reported − our mean| / our per-split SD: about 1 or less is what a single split of ours typically scores.\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (Setting s : settings) {
            String name = "`" + s.featureSet() + "`";
            boolean top = best.contains(s);
            rows.add(List.of(top ? "**" + name + "**" : name, Cells.protocolTitle(c, s.protocol()),
                    (top ? "**" : "") + s.inside() + " of " + s.compared() + (top ? "**" : ""),
                    Double.isNaN(s.medianSds()) ? "–" : Cells.fmt("%.2f", s.medianSds()),
                    s.outside().isEmpty() ? "–" : String.join(", ", s.outside())));
        }
        md.append(Cells.table(List.of("Feature set", "Protocol", "Reported values inside our intervals", "Median distance (SDs)",
                "Outside"), rows));
        if (!best.isEmpty()) {
            md.append("\nMost consistent with the reference: ").append(String.join("; ", best.stream().map(s -> "`" + s.featureSet()
                    + "`, " + s.protocol().label() + " (" + s.inside() + " of " + s.compared() + " inside)").toList())).append(".");
        }
        List<String> nowhere = new ArrayList<>();
        ref.models().keySet().forEach(m -> VALUE_ORDER.forEach(v -> {
            var ran = settings.stream().filter(s -> summary.stream().anyMatch(r -> r.model().equals(m)
                    && r.featureSet().equals(s.featureSet()) && r.protocol() == s.protocol())).toList();
            if (!ran.isEmpty() && ran.stream().allMatch(s -> s.outside().contains(m + " " + v))) nowhere.add(m + " " + v);
        }));
        if (!nowhere.isEmpty()) md.append(" Inside none of our intervals in any setting: ").append(String.join(", ", nowhere)).append(".");
        return md.append("\n").toString();
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

    /** The line that says which F1 definition the reference's reported F1s are consistent with. */
    public static String f1Line(Reference ref) {
        List<F1Check> checks = new ArrayList<>();
        ref.models().forEach((m, s) -> checks.add(f1Check(m, s)));
        if (checks.isEmpty()) return "";
        List<F1Check> notHarmonic = checks.stream().filter(c -> !c.harmonic()).toList();
        long below = checks.stream().filter(F1Check::meanOfF1).count();
        var md = new StringBuilder("**Which F1 the reference reports.** Allowing for rounding to the printed decimals, ");
        if (notHarmonic.isEmpty()) {
            md.append("every reported F1 can be the harmonic mean of its own reported P and R");
        } else {
            md.append(notHarmonic.size()).append(" of ").append(checks.size()).append(" reported F1s cannot be the harmonic mean of "
                    + "their own reported P and R, the formula printed in the study (").append(String.join("; ", notHarmonic.stream()
                    .map(c -> c.model() + ": " + Cells.f3(c.f1()) + ", but P and R give at least " + Cells.f3(c.harmonicLow())).toList()))
                    .append(")");
        }
        md.append("; ").append(below).append(" of ").append(checks.size())
                .append(" are at or below that harmonic mean, as a mean of per-class F1 always is. ");
        if (!notHarmonic.isEmpty() && below == checks.size()) {
            md.append("Its F1s are consistent with **macro F1** (mean of per-class F1), not with the formula it prints (our *paper F1*).");
        } else if (notHarmonic.isEmpty() && below == checks.size()) {
            md.append("Its F1s are consistent with both definitions: the table cannot tell them apart.");
        } else if (notHarmonic.isEmpty()) {
            md.append("Its F1s are consistent with the formula it prints (our *paper F1*), not all with a mean of per-class F1.");
        } else {
            md.append("Its F1s are consistent with neither definition throughout.");
        }
        return md.append("\n").toString();
    }

    // --- the section --------------------------------------------------------------------------------

    /**
     * The section's body, the same in summary.md and report.md: the reference's own setting (table, caveat),
     * every setting, and the F1 line. {@code interval} names our intervals ("corrected-t 95%").
     */
    public static String markdown(ExperimentConfig c, List<SummaryTable.Row> summary, String interval) {
        Reference ref = c.reference();
        var md = new StringBuilder("Reference: ").append(ref.source() == null ? "the `reference` block of the config" : ref.source())
                .append(". Its own setting here: feature set `").append(featureSet(c)).append("`, protocol `").append(protocol(c).label())
                .append("`; ours as mean [").append(interval).append(" interval]. ").append(LEGEND).append("\n\n");
        List<SummaryTable.Row> group = group(c, summary);
        if (group.isEmpty()) {
            md.append("Protocol `").append(protocol(c).label()).append("` of feature set `").append(featureSet(c))
                    .append("` was not run, so its own setting cannot be compared.\n");
        } else {
            md.append(Cells.table(HEADER, rows(ref, group))).append("\n").append(CAVEAT).append("\n");
        }
        md.append("\n").append(settingsMarkdown(ref, summary, c));
        md.append("\n").append(f1Line(ref));
        return md.toString();
    }

}
