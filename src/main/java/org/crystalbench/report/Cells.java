package org.crystalbench.report;

import java.util.List;
import java.util.Locale;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.metrics.Metric;
import org.crystalbench.splits.Protocol;
import org.crystalbench.results.Comparison;
import org.crystalbench.results.Estimate;
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
        String by = p == null || p.groups() == null ? "" : " by " + p.groups().column()
                + (p.groups().key() == org.crystalbench.config.ProtocolSpec.GroupKey.COMPOSITION ? " (reduced composition)" : "");
        if (protocol == Protocol.GROUPED_HOLDOUT && p != null && p.groupedHoldout() != null) {
            return fmt("Repeated grouped holdout%s (%d x about %.0f:%.0f)", by, p.groupedHoldout().repeats(),
                    100 * (1 - p.groupedHoldout().testRatio()), 100 * p.groupedHoldout().testRatio());
        }
        if (protocol == Protocol.GROUPED_CV && p != null && p.groupedCv() != null) {
            return fmt("Repeated grouped %d-fold CV%s (%d repeats)", p.groupedCv().folds(), by, p.groupedCv().repeats());
        }
        if (protocol == Protocol.ORDERED && p != null && p.ordered() != null) {
            return fmt("Ordered holdout by %s (latest %.0f%% tested)", p.ordered().column(), 100 * p.ordered().testRatio());
        }
        return "Protocol " + protocol;
    }

    /** Marks an interval that reaches its metric's bound (clipped there). */
    public static final String AT_BOUND = "†";
    /** Marks a zero-width interval (SD 0: every split scored the same). */
    public static final String NO_SPREAD = "°";

    /** "0.812 [0.790, 0.834]" for a metric in [0, 1], marked as {@link #mark} says; "–" without a mean (no finished split). */
    public static String meanCi(Estimate e) {
        return meanCi(e, Metric.MACRO_F1);
    }

    /** "0.812 [0.790, 0.834]", "1.000 [1.000, 1.000]°", "0.994 [0.987, 1.000]†"; "–" without a mean. */
    public static String meanCi(Estimate e, Metric m) {
        return Double.isNaN(e.mean()) ? "–" : f3(e.mean()) + " [" + f3(e.ci().low()) + ", " + f3(e.ci().high()) + "]" + mark(e.ci(), m);
    }

    /** {@link #NO_SPREAD} for a zero-width interval, {@link #AT_BOUND} for one that reaches the metric's range end, else "". */
    public static String mark(Interval ci, Metric m) {
        if (Double.isNaN(ci.low()) || Double.isNaN(ci.high())) return "";
        if (ci.low() == ci.high()) return NO_SPREAD;
        return ci.low() <= m.min() || ci.high() >= m.max() ? AT_BOUND : "";
    }

    /** The footnote for the marks that occur in {@code table} ("" when none), to follow it. */
    public static String footnote(String table) {
        var md = new StringBuilder();
        if (table.contains(AT_BOUND)) {
            md.append(AT_BOUND).append(" The interval reaches the end of the metric's range (0 or 1; 2 for Brier) and was clipped "
                    + "there: the computed interval extends beyond it (many splits score at the bound), so this end says only "
                    + "\"at most the bound\" and the interval is not symmetric about the mean.\n");
        }
        if (table.contains(NO_SPREAD)) {
            md.append(NO_SPREAD).append(" Zero-width interval: every split scored the same (SD 0). It says \"no split-to-split "
                    + "variation\", not \"certain\".\n");
        }
        return md.isEmpty() ? "" : "\n" + md;
    }

    /** "= 0.042", "< 0.001" */
    public static String p(double p) {
        return p < 0.001 ? "< 0.001" : "= " + f3(p);
    }

    /** The comparisons behind one table's verdicts: {@link Comparison#METRIC}, one feature set and protocol. */
    public static List<Comparison> family(List<Comparison> all, String featureSet, Protocol protocol) {
        return family(all, featureSet, protocol, Comparison.METRIC);
    }

    /** The comparisons of {@code metric} in one feature set and protocol. */
    public static List<Comparison> family(List<Comparison> all, String featureSet, Protocol protocol, Metric metric) {
        return all.stream().filter(c -> c.metric() == metric && c.featureSet().equals(featureSet)
                && c.protocol() == protocol).toList();
    }

    /** Heading of the probability tables' verdict column. */
    public static final String VERSUS_LOG_LOSS = "vs best (log loss)";

    /** The probability metrics' table heading, in {@link Metric#PROBABILITY} order. */
    public static final List<String> PROBABILITY_HEADER = List.of("Log loss", "Brier", "ROC AUC (macro OvR)", "ECE");

    /** What the probability columns are, said once per file. */
    public static final String PROBABILITY_LEGEND = "**Probabilities** (scores of each model's class probabilities on the test "
            + "rows): **log loss** = mean −ln p(true class), probabilities clipped to [2^-52, 1 − 2^-52] (lower is better); "
            + "**Brier** = mean Σ_class (p − [true])², 0–2 (lower is better); **ROC AUC** = mean over classes of the one-vs-rest "
            + "AUC (higher is better); **ECE** = expected calibration error of the top class, 10 equal-width confidence bins "
            + "(lower is better). Hard voting's probabilities are vote shares (0, 1/3, 2/3, 1), so its log loss is dominated "
            + "by clipped zeros. *" + VERSUS_LOG_LOSS + "*: as for macro F1, with the lowest mean log loss as best.";

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

    /** A Markdown table; '|' in cells escaped; followed by the {@link #footnote} of the marks in its cells. */
    public static String table(List<String> header, List<List<String>> rows) {
        return table(header, "l".repeat(header.size()), rows);
    }

    /**
     * The one Markdown table writer (every table of every .md file goes through it): {@code align} has a
     * letter per column, {@code l} or {@code r} (right, for numbers).
     */
    public static String table(List<String> header, String align, List<List<String>> rows) {
        var md = new StringBuilder("| ").append(String.join(" | ", header.stream().map(Cells::cell).toList())).append(" |\n|");
        for (char a : align.toCharArray()) md.append(a == 'r' ? "---:|" : "---|");
        md.append('\n');
        for (List<String> row : rows) md.append("| ").append(String.join(" | ", row.stream().map(Cells::cell).toList())).append(" |\n");
        return md.append(footnote(md.toString())).toString();
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
