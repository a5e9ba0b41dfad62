package org.crystalbench.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.config.Reference;
import org.crystalbench.evaluation.ConformalEval;
import org.crystalbench.evaluation.Experiment;
import org.crystalbench.evaluation.SplitResult;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.metrics.Metric;
import org.crystalbench.models.ChanceSpec;
import org.crystalbench.results.ChanceCheck;
import org.crystalbench.results.Comparison;
import org.crystalbench.results.ConformalTable;
import org.crystalbench.results.FitWarnings;
import org.crystalbench.results.RunStats;
import org.crystalbench.results.RunTables;
import org.crystalbench.results.Summary;
import org.crystalbench.results.SummaryTable;
import org.crystalbench.stats.CiMethod;

/**
 * summary.md: a run's provenance, warnings and a score table per feature set and protocol, rendered from the typed
 * rows the run's tables hold ({@link RunTables}), with the cells report.md uses ({@link Cells}, {@link StudyMarkdown}).
 */
public final class SummaryPage {
    private SummaryPage() {}

    public static final String FILE = "summary.md";

    /** Macro F1 said once for every Markdown table that shows it. */
    public static final String F1_DEFINITION = "**Macro F1** is the mean of per-class F1 "
            + "(scikit-learn's macro F1; Smile 6.3.0's `FScore` with macro averaging computes this one too).";

    /** The two F1 definitions, said once for every Markdown table that shows both (a config with a {@code reference}). */
    public static final String F1_DEFINITIONS = F1_DEFINITION + " "
            + "**Paper F1** is the harmonic mean of macro precision and macro recall: the formula some papers print as "
            + "macro F1 (which of the two the reference's reported F1s match is checked in the comparison section). "
            + "They differ; both are shown.\n";

    /**
     * Whether Markdown tables and plots show paper F1 beside macro F1: only for a config whose {@code reference}
     * block lists models to compare with (docs/reports.md). The CSV tables always have its columns.
     */
    public static boolean showsPaperF1(ExperimentConfig c) {
        return c != null && c.reference() != null && !c.reference().models().isEmpty();
    }

    private static final List<Metric> COLUMNS = List.of(Metric.MACRO_PRECISION, Metric.MACRO_RECALL, Metric.MACRO_F1,
            Metric.PAPER_F1, Metric.ACCURACY);
    private static final Map<Metric, String> HEADERS = Map.of(Metric.MACRO_PRECISION, "Macro P",
            Metric.MACRO_RECALL, "Macro R", Metric.MACRO_F1, "Macro F1", Metric.PAPER_F1, "Paper F1", Metric.ACCURACY, "Accuracy");

    /** The summary.md score columns: paper F1 only where {@link #showsPaperF1} says so. */
    static List<Metric> columns(ExperimentConfig c) {
        return showsPaperF1(c) ? COLUMNS : COLUMNS.stream().filter(m -> m != Metric.PAPER_F1).toList();
    }

    /** Writes summary.md into {@code dir} atomically, then the conformal section when {@code conformal} has rows. */
    public static void write(Path dir, Experiment exp, List<SummaryTable.Row> summary, List<SplitResult> results,
                             List<Summary> summaries, RunStats stats, List<ConformalTable.Row> conformal) {
        AtomicFiles.write(dir.resolve(FILE), markdown(exp, summary, stats, FitWarnings.lines(results),
                RunTables.chanceCheck(exp.config(), summaries, stats.ci().level())) + conformal(conformal));
    }

    /**
     * Provenance header, leakage warning, a score table per feature set and protocol with mean [interval]
     * cells and the verdict against the best, then the comparison with the config's reference (if any) and the audit.
     */
    public static String markdown(Experiment exp, List<SummaryTable.Row> summary, RunStats stats, List<String> fitWarnings,
                                  List<ChanceCheck.NotAbove> notAboveChance) {
        var md = new StringBuilder(head(exp, stats, fitWarnings, notAboveChance));
        ExperimentConfig c = exp.config();
        List<String> flagged = stats.audit().flaggedFeatures();
        String lastFs = null;
        for (int i = 0; i < summary.size(); ) {
            SummaryTable.Row first = summary.get(i);
            if (!first.featureSet().equals(lastFs)) {
                lastFs = first.featureSet();
                md.append("\n## Feature set `").append(lastFs).append("`: ")
                        .append(String.join(", ", c.featureSets().get(lastFs))).append("\n");
                List<String> leaks = stats.audit().featureSets().getOrDefault(lastFs, List.of()).stream().filter(flagged::contains).toList();
                if (!leaks.isEmpty()) {
                    md.append("\n⚠ Uses ").append(String.join(", ", leaks.stream().map(f -> "`" + f + "`").toList()))
                            .append(", flagged by the leakage audit.\n");
                }
            }
            int start = i;
            while (i < summary.size() && summary.get(i).featureSet().equals(first.featureSet())
                    && summary.get(i).protocol() == first.protocol()) i++;
            md.append("\n### ").append(Cells.protocolTitle(c, first.protocol())).append("\n\n");
            md.append(scoreTable(c, summary.subList(start, i), stats.comparisons()));
            md.append("\n").append(probabilityTable(summary.subList(start, i), stats.comparisons()));
        }
        md.append(studyMarkdown(c, summary, stats));
        md.append("\n").append(AuditMarkdown.of(stats.audit(), "## Leakage audit"));
        return md.toString();
    }

    /** The title, provenance, warnings, data and the legends, before the first table. */
    private static String head(Experiment exp, RunStats stats, List<String> fitWarnings, List<ChanceCheck.NotAbove> notAboveChance) {
        ExperimentConfig c = exp.config();
        var md = new StringBuilder();
        md.append("# crystal-bench: ").append(c.name() == null ? "run" : c.name()).append("\n\n");
        md.append(stats.provenance().shortForm()).append("\n");
        List<String> flagged = stats.audit().flaggedFeatures();
        if (!flagged.isEmpty()) {
            md.append("⚠ **The leakage audit flags ").append(String.join(", ", flagged.stream().map(f -> "`" + f + "`").toList()))
                    .append(flagged.size() == 1 ? "**: on its own it (nearly) determines the target."
                            : "**: on its own, each (nearly) determines the target.").append(" See *Leakage audit* below.\n\n");
        }
        md.append(fitWarnings(fitWarnings));
        md.append(notAboveChance(notAboveChance));
        md.append("Data: `").append(exp.data().source()).append("` (").append(exp.data().size()).append(" rows");
        if (exp.data().rowsDropped() > 0) {
            md.append(", ").append(exp.data().rowsDropped()).append(" more dropped for a missing label or composition input");
        }
        md.append("), seed ").append(c.seed()).append(". Splits: ");
        md.append(String.join(", ", exp.splits().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().size()).toList())).append(".\n\n");
        for (String note : exp.data().missingNotes(c.featureSets())) md.append("Missing values: ").append(note).append(".\n\n");
        for (String note : exp.data().identifierNotes()) md.append("⚠ ").append(note.replaceFirst("^warning: ", "")).append(".\n\n");
        md.append("Cells are mean [").append(stats.ci().label()).append(" interval of the mean] over splits")
                .append(stats.ci().method() == CiMethod.CORRECTED_T ? " (Nadeau–Bengio corrected: repeated splits "
                        + "overlap, so plain intervals are too narrow; still approximate)" : "")
                .append(". ").append(showsPaperF1(c) ? F1_DEFINITIONS : F1_DEFINITION + "\n").append("\n");
        md.append(Cells.versusLegend(stats.ci().level())).append("\n\n").append(Cells.PROBABILITY_LEGEND).append("\n");
        ChanceSpec.withBaseline(c.models()).stream().filter(m -> m instanceof ChanceSpec).findFirst()
                .ifPresent(b -> md.append("\n").append(chanceLegend(b.name())).append("\n"));
        return md.toString();
    }

    /** One feature set and protocol's scores, mean [interval], and the verdict against the best by macro F1. */
    private static String scoreTable(ExperimentConfig c, List<SummaryTable.Row> group, List<Comparison> comparisons) {
        SummaryTable.Row first = group.getFirst();
        var family = Cells.family(comparisons, first.featureSet(), first.protocol());
        List<List<String>> rows = new ArrayList<>();
        for (SummaryTable.Row s : group) {
            List<String> row = new ArrayList<>(List.of(s.model()));
            columns(c).forEach(m -> row.add(Cells.meanCi(s.stat(m), m)));
            row.add(Cells.versusBest(s.model(), family));
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of("Model"));
        columns(c).forEach(m -> header.add(HEADERS.get(m)));
        header.add(Cells.VERSUS);
        return Cells.table(header, rows);
    }

    /** One feature set and protocol's probability scores, mean [interval], and the verdict against the best by log loss. */
    public static String probabilityTable(List<SummaryTable.Row> group, List<Comparison> comparisons) {
        SummaryTable.Row first = group.getFirst();
        var family = Cells.family(comparisons, first.featureSet(), first.protocol(), Metric.LOG_LOSS);
        List<List<String>> rows = new ArrayList<>();
        for (SummaryTable.Row s : group) {
            List<String> row = new ArrayList<>(List.of(s.model()));
            Metric.PROBABILITY.forEach(m -> row.add(Cells.meanCi(s.stat(m), m)));
            // no family with several models: log loss was not compared (NaN somewhere), not "everyone is best"
            row.add(family.isEmpty() && group.size() > 1 ? "–" : Cells.versusBest(s.model(), family));
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of("Model"));
        header.addAll(Cells.PROBABILITY_HEADER);
        header.add(Cells.VERSUS_LOG_LOSS);
        return Cells.table(header, rows);
    }

    private static String studyMarkdown(ExperimentConfig c, List<SummaryTable.Row> summary, RunStats stats) {
        Reference ref = c.reference();
        if (ref == null || ref.models().isEmpty()) return "";
        return "\n## " + StudyMarkdown.title(ref) + "\n\n" + StudyMarkdown.markdown(c, summary, stats.ci().label());
    }

    /** The fit warnings ({@link FitWarnings}); empty when nothing was flagged. */
    public static String fitWarnings(List<String> lines) {
        if (lines.isEmpty()) return "";
        var md = new StringBuilder("⚠ **Fit warnings** (the scores of these models are suspect; for an SVM, "
                + "a machine that gives one class to every row is the exact optimum for overlapping classes of unequal size; "
                + "`class_weight: balanced`, a larger `C` or another `sigma` usually changes it):\n\n");
        lines.forEach(l -> md.append("- ").append(l).append("\n"));
        return md.append("\n").toString();
    }

    /** What the chance baseline's row is, for the legend of a run's tables. */
    static String chanceLegend(String baseline) {
        return "**" + baseline + "**: a baseline that ignores the features (labels drawn at random with the training rows' "
                + "class shares, which are also its probabilities), fitted and scored on the same splits as every model. It is "
                + "left out of the *vs best* comparisons (–); each model is tested against it instead (same test, Holm-adjusted "
                + "within the table), and a model not significantly better is listed at the top.";
    }

    /** The models not above chance ({@link ChanceCheck}); empty when every model is above it. */
    public static String notAboveChance(List<ChanceCheck.NotAbove> notAbove) {
        if (notAbove.isEmpty()) return "";
        var md = new StringBuilder("⚠ **Not better than chance**: these models do not score a significantly higher macro F1 "
                + "than the chance baseline of their table (labels drawn at random with the training class shares), by the "
                + "corrected resampled paired t-test, Holm-adjusted within the table; their scores say little about the features:\n\n");
        notAbove.forEach(n -> md.append("- ").append(n.line()).append("\n"));
        return md.append("\n").toString();
    }

    /** The conformal prediction sets ({@link ConformalTable}): one table per feature set and protocol; "" without rows. */
    static String conformal(List<ConformalTable.Row> rows) {
        if (rows.isEmpty()) return "";
        var md = new StringBuilder("\n## Prediction sets (conformal)\n\n");
        md.append("Each model's conformal prediction sets on the test rows: a class is in a row's set when 1 − p(class) is at most "
                + "a threshold set on a calibration part (").append(Cells.fmt("%.0f%%", 100 * ConformalEval.CALIBRATION))
                .append(" of each split's training rows, grouped on grouped protocols) that the model was not fitted on. "
                        + "*split*: one threshold; *mondrian*: one per class (coverage holds within each class). Under "
                        + "exchangeability coverage is at least the level on average over splits. Cells: mean [interval] over "
                        + "splits; *min*: the lowest split; *size*: mean classes per set; *empty*: share of empty sets.\n");
        List<String> header = List.of("Model", "Method", "Level", "Coverage", "Min", "Size", "Empty");
        for (List<ConformalTable.Row> group : Group.of(rows, r -> new Group(r.featureSet(), r.protocol())).values()) {
            ConformalTable.Row first = group.getFirst();
            md.append("\n### Feature set `").append(first.featureSet()).append("`, protocol `").append(first.protocol()).append("`\n\n");
            md.append(Cells.table(header, group.stream().map(r -> List.of(r.model(), r.method().label(), Cells.fmt("%.2f", r.level()),
                    Cells.f3(r.coverage()) + " [" + Cells.f3(r.coverageCi().low()) + ", " + Cells.f3(r.coverageCi().high()) + "]",
                    Cells.f3(r.coverageMin()), Cells.fmt("%.2f", r.setSize()), Cells.f3(r.emptyShare()))).toList()));
        }
        return md.toString();
    }
}
