package org.crystalbench.results;

import java.nio.file.Path;
import java.util.List;
import org.crystalbench.audit.AuditTable;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.config.Reference;
import org.crystalbench.evaluation.Experiment;
import org.crystalbench.evaluation.SplitResult;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.metrics.Metric;
import org.crystalbench.models.ChanceSpec;
import org.crystalbench.splits.Protocol;
import org.crystalbench.stats.CiMethod;

/**
 * A run's output: each table through its owner (splits.csv, summary.csv, comparisons.csv, per-class.csv,
 * confusion.csv, splits-manifest.csv, audit.csv, provenance.json), and summary.md rendered from the same
 * typed rows with the cells report.md uses ({@link Cells}, {@link Study}).
 */
public final class RunTables {
    private RunTables() {}

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
    private static final java.util.Map<Metric, String> HEADERS = java.util.Map.of(Metric.MACRO_PRECISION, "Macro P",
            Metric.MACRO_RECALL, "Macro R", Metric.MACRO_F1, "Macro F1", Metric.PAPER_F1, "Paper F1", Metric.ACCURACY, "Accuracy");

    /** The summary.md score columns: paper F1 only where {@link #showsPaperF1} says so. */
    static List<Metric> columns(ExperimentConfig c) {
        return showsPaperF1(c) ? COLUMNS : COLUMNS.stream().filter(m -> m != Metric.PAPER_F1).toList();
    }

    /** Writes every table and summary.md into {@code out}, each atomically; predictions.csv.gz when {@code predictions}. */
    public static void writeAll(Path out, Experiment exp, List<SplitResult> results, List<Summary> summaries, RunStats stats,
                                boolean predictions) {
        List<String> classes = exp.data().classes();
        List<SummaryTable.Row> summary = SummaryTable.rows(summaries, stats.ci(), stats.seed());
        ManifestTable.write(out, ManifestTable.rows(exp));
        SplitsTable.write(out, results.stream().map(SplitsTable.Row::of).toList());
        if (predictions) PredictionsTable.write(out, results, exp.data().ids(), exp.data().y(), classes);
        PerClassTable.write(out, PerClassTable.rows(results, classes));
        ConfusionTable.write(out, ConfusionTable.rows(results, classes));
        SummaryTable.write(out, summary);
        ComparisonsTable.write(out, stats.comparisons());
        AuditTable.write(out, AuditTable.rows(stats.audit()));
        org.crystalbench.audit.LeakageTable.write(out, stats.audit().leakage());
        stats.provenance().write(out);
        AtomicFiles.write(out.resolve("summary.md"), summaryMarkdown(exp, summary, stats, FitWarnings.lines(results),
                chanceCheck(exp.config(), summaries, stats.ci().level())));
    }

    /** The models not significantly above the run's chance baseline ({@link ChanceCheck}); none without a baseline. */
    public static List<ChanceCheck.NotAbove> chanceCheck(ExperimentConfig c, List<Summary> summaries, double level) {
        return ChanceSpec.withBaseline(c.models()).stream().filter(m -> m instanceof ChanceSpec).findFirst()
                .map(b -> ChanceCheck.of(summaries, b.name(), level)).orElse(List.of());
    }

    /**
     * Provenance header, leakage warning, a score table per feature set and protocol with mean [interval]
     * cells and the verdict against the best, then the comparison with the config's reference (if any) and the audit.
     */
    public static String summaryMarkdown(Experiment exp, List<SummaryTable.Row> summary, RunStats stats, List<String> fitWarnings,
                                         List<ChanceCheck.NotAbove> notAboveChance) {
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
        md.append(FitWarnings.markdown(fitWarnings));
        md.append(ChanceCheck.markdown(notAboveChance));
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
                .ifPresent(b -> md.append("\n").append(ChanceCheck.legend(b.name())).append("\n"));

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
            md.append("\n### ").append(Cells.protocolTitle(c, first.protocol())).append("\n\n");
            var family = Cells.family(stats.comparisons(), first.featureSet(), first.protocol());
            List<List<String>> rows = new java.util.ArrayList<>();
            int start = i;
            for (; i < summary.size() && summary.get(i).featureSet().equals(first.featureSet())
                    && summary.get(i).protocol() == first.protocol(); i++) {
                SummaryTable.Row s = summary.get(i);
                List<String> row = new java.util.ArrayList<>(List.of(s.model()));
                columns(c).forEach(m -> row.add(Cells.meanCi(s.stat(m), m)));
                row.add(Cells.versusBest(s.model(), family));
                rows.add(row);
            }
            List<String> header = new java.util.ArrayList<>(List.of("Model"));
            columns(c).forEach(m -> header.add(HEADERS.get(m)));
            header.add(Cells.VERSUS);
            md.append(Cells.table(header, rows));
            md.append("\n").append(probabilityTable(summary.subList(start, i), stats.comparisons()));
        }
        md.append(studyMarkdown(c, summary, stats));
        md.append("\n").append(stats.audit().markdown("## Leakage audit"));
        return md.toString();
    }

    /** One feature set and protocol's probability scores, mean [interval], and the verdict against the best by log loss. */
    public static String probabilityTable(List<SummaryTable.Row> group, List<Comparison> comparisons) {
        SummaryTable.Row first = group.getFirst();
        var family = Cells.family(comparisons, first.featureSet(), first.protocol(), Metric.LOG_LOSS);
        List<List<String>> rows = new java.util.ArrayList<>();
        for (SummaryTable.Row s : group) {
            List<String> row = new java.util.ArrayList<>(List.of(s.model()));
            Metric.PROBABILITY.forEach(m -> row.add(Cells.meanCi(s.stat(m), m)));
            // no family with several models: log loss was not compared (NaN somewhere), not "everyone is best"
            row.add(family.isEmpty() && group.size() > 1 ? "–" : Cells.versusBest(s.model(), family));
            rows.add(row);
        }
        List<String> header = new java.util.ArrayList<>(List.of("Model"));
        header.addAll(Cells.PROBABILITY_HEADER);
        header.add(Cells.VERSUS_LOG_LOSS);
        return Cells.table(header, rows);
    }

    private static String studyMarkdown(ExperimentConfig c, List<SummaryTable.Row> summary, RunStats stats) {
        Reference ref = c.reference();
        if (ref == null || ref.models().isEmpty()) return "";
        return "\n## " + Study.title(ref) + "\n\n" + Study.markdown(c, summary, stats.ci().label());
    }
}
