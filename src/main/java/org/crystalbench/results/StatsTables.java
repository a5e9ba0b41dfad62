package org.crystalbench.results;

import org.crystalbench.splits.Protocol;
import org.crystalbench.io.Csv;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.crystalbench.config.Reference;
import org.crystalbench.metrics.Metric;
import org.crystalbench.evaluation.Experiment;
import org.crystalbench.stats.CiSpec;
import org.crystalbench.results.Comparison;
import org.crystalbench.stats.Interval;
import org.crystalbench.results.Summary;

/** comparisons.csv and the statistical parts of summary.md: cells with intervals, markers, the study table. */
public final class StatsTables {
    private StatsTables() {}

    public static final List<String> COMPARISON_COLUMNS = List.of("feature_set", "protocol", "model", "best_model",
            "metric", "mean_diff", "ci_low", "ci_high", "t", "p", "p_holm", "significantly_worse");

    public static String comparisonsCsv(List<Comparison> comparisons) {
        List<List<?>> rows = new ArrayList<>();
        for (Comparison c : comparisons) {
            var t = c.test();
            rows.add(List.of(c.featureSet(), c.protocol(), c.model(), c.bestModel(), c.metric().column(), t.meanDiff(),
                    t.ci().low(), t.ci().high(), t.t(), t.p(), c.pHolm(), c.significantlyWorse()));
        }
        return Csv.of(COMPARISON_COLUMNS, rows);
    }

    /** "0.812 [0.790, 0.834]" */
    public static String cell(double mean, Interval ci) {
        return fmt(mean) + " [" + fmt(ci.low()) + ", " + fmt(ci.high()) + "]";
    }

    /** The "vs best" cell of a model: best, ≈ (not significantly worse) or worse, with the Holm p. */
    public static String marker(Summary s, List<Comparison> comparisons) {
        Optional<Comparison> c = comparisons.stream().filter(x -> x.featureSet().equals(s.featureSet())
                && x.protocol().equals(s.protocol()) && x.model().equals(s.model())).findFirst();
        if (c.isEmpty()) return "**best**";
        double p = c.get().pHolm();
        return (c.get().significantlyWorse() ? "worse" : "≈ best") + " (p " + (p < 0.001 ? "< 0.001" : "= " + pValue(p)) + ")";
    }

    /** The legend of the "vs best" column. */
    public static String markerLegend(CiSpec ci) {
        return "**vs best**: **best** has the highest mean macro F1 of its table; *≈ best* means not significantly worse "
                + "than the best, *worse* means significantly worse: corrected resampled paired t-test of the macro F1 "
                + "differences on the same splits, Holm-adjusted p (shown) within each table, at level "
                + fmt(1 - ci.level()) + ". Per-comparison details are in `comparisons.csv`.\n";
    }

    /**
     * The study beside our numbers for its feature set and protocol: per model the study's macro P / R / F1,
     * ours as mean [CI], our F1 both ways, and whether the study's value lies inside our interval.
     */
    public static String referenceMarkdown(Experiment exp, List<Summary> summaries, RunStats stats) {
        Reference ref = exp.config().reference();
        if (ref == null || ref.models().isEmpty()) return "";
        String fs = ref.featureSet() != null ? ref.featureSet() : exp.config().featureSets().keySet().iterator().next();
        Protocol protocol = ref.protocol() != null ? Protocol.of(ref.protocol())
                : exp.splits().containsKey(Protocol.HOLDOUT) ? Protocol.HOLDOUT : exp.splits().keySet().iterator().next();
        var md = new StringBuilder("\n## Comparison with the study\n\n");
        md.append("Study: ").append(ref.source() == null ? "the `reference` block of the config" : ref.source())
                .append(". Ours: feature set `").append(fs).append("`, ").append(protocol).append(", mean [")
                .append(stats.ci().label()).append(" interval]. *In?* says whether the study's value lies inside our "
                        + "interval; the study's F1 is set against both of our F1 definitions (macro F1 = mean of per-class "
                        + "F1; paper F1 = harmonic mean of macro P and R).\n\n");
        if (!exp.splits().containsKey(protocol)) {
            return md.append("Protocol `").append(protocol).append("` was not run, so there is nothing to compare.\n").toString();
        }
        md.append("| Model | Study P | Our P | In? | Study R | Our R | In? | Study F1 | Our macro F1 | In? | Our paper F1 | In? |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (var e : ref.models().entrySet()) {
            Reference.Scores r = e.getValue();
            Optional<Summary> ours = summaries.stream().filter(s -> s.featureSet().equals(fs)
                    && s.protocol().equals(protocol) && s.model().equals(e.getKey())).findFirst();
            md.append("| ").append(e.getKey());
            double[] study = {r.precision(), r.recall(), r.f1(), r.f1()};
            Metric[] metrics = {Metric.MACRO_PRECISION, Metric.MACRO_RECALL, Metric.MACRO_F1, Metric.PAPER_F1};
            for (int i = 0; i < metrics.length; i++) {
                if (i < 3) md.append(" | ").append(fmt(study[i]));
                if (ours.isEmpty()) {
                    md.append(" | – | –");
                    continue;
                }
                Summary s = ours.get();
                Interval ci = s.interval(stats.ci(), metrics[i], stats.seed());
                md.append(" | ").append(cell(s.mean(metrics[i]), ci)).append(" | ").append(ci.contains(study[i]) ? "yes" : "no");
            }
            md.append(" |\n");
        }
        if (ref.models().keySet().stream().anyMatch(m -> summaries.stream().noneMatch(s -> s.model().equals(m)))) {
            md.append("\n– : the model is not in this run.\n");
        }
        md.append("\nThe study scored one 8:2 split; a single split's score varies from split to split by about the SD of "
                + "our per-split scores, so a value outside our interval of the *mean* is not by itself an error.\n");
        return md.toString();
    }

    static String pValue(double p) {
        return String.format(Locale.ROOT, "%.3f", p);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
