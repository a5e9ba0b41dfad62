package org.crystalbench.results;

import java.util.List;
import java.util.Locale;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.splits.Protocol;
import org.crystalbench.stats.Interval;

/** The cells and words that summary.md and report.md share, so that the two files never disagree. */
public final class Cells {
    private Cells() {}

    /** Heading of the verdict column. */
    public static final String VERSUS = "vs best (macro F1)";

    public static String f3(double v) {
        return Double.isNaN(v) ? "–" : fmt("%.3f", v);
    }

    public static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    /** "Repeated stratified holdout (30 x 80:20)", "Repeated stratified 5-fold CV (10 repeats)"; the label without a config. */
    public static String protocolTitle(ExperimentConfig c, Protocol protocol) {
        var p = c == null ? null : c.protocols();
        if (protocol == Protocol.HOLDOUT && p != null && p.holdout() != null) {
            return fmt("Repeated stratified holdout (%d x %.0f:%.0f)", p.holdout().repeats(), 100 * (1 - p.holdout().testRatio()),
                    100 * p.holdout().testRatio());
        }
        if (protocol == Protocol.CV && p != null && p.cv() != null) {
            return fmt("Repeated stratified %d-fold CV (%d repeats)", p.cv().folds(), p.cv().repeats());
        }
        return "Protocol " + protocol;
    }

    /** "0.812 [0.790, 0.834]"; "–" without a mean (no finished split). */
    public static String meanCi(Estimate e) {
        return Double.isNaN(e.mean()) ? "–" : f3(e.mean()) + " [" + f3(e.ci().low()) + ", " + f3(e.ci().high()) + "]";
    }

    /** "= 0.042", "< 0.001" */
    public static String p(double p) {
        return p < 0.001 ? "< 0.001" : "= " + f3(p);
    }

    /** The comparisons behind one table's verdicts: {@link Comparison#METRIC}, one feature set and protocol. */
    public static List<Comparison> family(List<Comparison> all, String featureSet, Protocol protocol) {
        return all.stream().filter(c -> c.metric() == Comparison.METRIC && c.featureSet().equals(featureSet)
                && c.protocol() == protocol).toList();
    }

    /**
     * A model's verdict against the best of its table: "**best**", "not significantly worse (Δ -0.010,
     * Holm p = 0.600)" or "significantly worse (Δ -0.100, Holm p = 0.002)"; "–" when it was not compared
     * (fewer than two splits in common with the best).
     */
    public static String versusBest(String model, List<Comparison> family) {
        for (Comparison c : family) {
            if (!c.model().equals(model)) continue;
            return (c.significantlyWorse() ? "significantly worse" : "not significantly worse")
                    + fmt(" (Δ %+.3f, Holm p %s)", c.test().meanDiff(), p(c.pHolm()));
        }
        return family.isEmpty() || family.stream().anyMatch(c -> c.bestModel().equals(model)) ? "**best**" : "–";
    }

    /** The legend of the verdict column, at significance level {@code 1 - level}. */
    public static String versusLegend(double level) {
        return "**" + VERSUS + "**: **best** has the highest mean macro F1 of its table; every other model is *significantly "
                + "worse* or *not significantly worse* than it by the corrected resampled paired t-test of the macro F1 "
                + "differences on the same splits (Δ = its mean minus the best's), Holm-adjusted within the table, at level "
                + f3(1 - level) + ". Per-comparison details are in `comparisons.csv`.";
    }

    /** Whether the study's value lies inside our interval: "yes", "no", "–" without one. */
    public static String inside(double value, Interval ci) {
        return Double.isNaN(ci.low()) || Double.isNaN(value) ? "–" : ci.contains(value) ? "yes" : "no";
    }

    /** A Markdown table; '|' in cells escaped. */
    public static String table(List<String> header, List<List<String>> rows) {
        var md = new StringBuilder("| ").append(String.join(" | ", header.stream().map(Cells::cell).toList())).append(" |\n|");
        md.append("---|".repeat(header.size())).append('\n');
        for (List<String> row : rows) md.append("| ").append(String.join(" | ", row.stream().map(Cells::cell).toList())).append(" |\n");
        return md.toString();
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
