package org.crystalbench.results;

import org.crystalbench.splits.Protocol;
import org.crystalbench.io.Csv;
import org.crystalbench.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.metrics.Metric;
import org.crystalbench.evaluation.Experiment;
import org.crystalbench.evaluation.SplitResult;
import org.crystalbench.splits.Split;
import org.crystalbench.stats.CiMethod;
import org.crystalbench.stats.CiSpec;
import org.crystalbench.stats.Interval;
import org.crystalbench.results.Summary;

/**
 * The run's output contract: splits.csv, summary.csv, summary.md, splits-manifest.csv, plus
 * per-class.csv (per split and class) and confusion.csv (confusion counts summed over splits);
 * with {@link RunStats}: comparisons.csv, audit.csv and provenance.json (see docs/statistics.md).
 */
public final class RunTables {
    private RunTables() {}

    public static final List<String> SPLIT_COLUMNS;

    /** The two F1 definitions, said once for every Markdown table that shows them (without "Cells are ..."). */
    public static final String F1_DEFINITIONS = "**Macro F1** is the mean of per-class F1 "
            + "(scikit-learn's macro F1; Smile 6.3.0's `FScore` with macro averaging computes this one too). "
            + "**Paper F1** is the harmonic mean of macro precision and macro recall, the study's formula. "
            + "They differ; both are shown.\n";

    /** The F1 definitions for tables whose cells are mean ± SD. */
    public static final String F1_NOTE = "Cells are mean ± SD over splits. " + F1_DEFINITIONS;

    static {
        var cols = new ArrayList<>(List.of("feature_set", "protocol", "model", "repeat", "fold"));
        Metric.ALL.forEach(m -> cols.add(m.column()));
        cols.addAll(List.of("train_size", "test_size", "fit_ms", "predict_ms"));
        SPLIT_COLUMNS = List.copyOf(cols);
    }

    public static String splitsCsv(List<SplitResult> results) {
        List<List<?>> rows = new ArrayList<>();
        for (SplitResult r : results) {
            List<Object> row = new ArrayList<>(List.of(r.featureSet(), r.protocol(), r.model(), r.repeat(), r.fold()));
            for (Metric m : Metric.ALL) row.add(m.of(r.scores()));
            row.addAll(List.of(r.trainSize(), r.testSize(), r.fitMs(), r.predictMs()));
            rows.add(row);
        }
        return Csv.of(SPLIT_COLUMNS, rows);
    }

    /** Per metric mean, SD and the {@code ci} interval of the mean ({@code seed} feeds the bootstrap only). */
    public static String summaryCsv(List<Summary> summaries, CiSpec ci, long seed) {
        List<String> header = new ArrayList<>(List.of("feature_set", "protocol", "model", "n"));
        for (Metric m : Metric.ALL) {
            header.add(m.column() + "_mean");
            header.add(m.column() + "_sd");
            header.add(m.column() + "_ci_low");
            header.add(m.column() + "_ci_high");
        }
        header.addAll(List.of("fit_ms_mean", "predict_ms_mean"));
        List<List<?>> rows = new ArrayList<>();
        for (Summary s : summaries) {
            List<Object> row = new ArrayList<>(List.of(s.featureSet(), s.protocol(), s.model(), s.n()));
            for (Metric m : Metric.ALL) {
                row.add(s.mean(m));
                row.add(s.sd(m));
                Interval interval = s.interval(ci, m, seed);
                row.add(interval.low());
                row.add(interval.high());
            }
            row.add(s.meanFitMs());
            row.add(s.meanPredictMs());
            rows.add(row);
        }
        return Csv.of(header, rows);
    }

    /** Per split and class: precision, recall, F1 and support (the test rows of that class). */
    public static String perClassCsv(List<SplitResult> results, List<String> classes) {
        List<List<?>> rows = new ArrayList<>();
        for (SplitResult r : results) {
            var s = r.scores();
            for (int c = 0; c < classes.size(); c++) {
                int support = java.util.Arrays.stream(s.confusion()[c]).sum();
                rows.add(List.of(r.featureSet(), r.protocol(), r.model(), r.repeat(), r.fold(), classes.get(c),
                        s.precision()[c], s.recall()[c], s.f1()[c], support));
            }
        }
        return Csv.of(List.of("feature_set", "protocol", "model", "repeat", "fold", "class", "precision", "recall",
                "f1", "support"), rows);
    }

    /** Confusion counts summed over the splits of each (feature set, protocol, model). */
    public static String confusionCsv(List<SplitResult> results, List<String> classes) {
        var sums = new java.util.LinkedHashMap<List<Object>, long[][]>();
        int k = classes.size();
        for (SplitResult r : results) {
            long[][] m = sums.computeIfAbsent(List.of(r.featureSet(), r.protocol(), r.model()), key -> new long[k][k]);
            for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) m[i][j] += r.scores().confusion()[i][j];
        }
        List<List<?>> rows = new ArrayList<>();
        for (var e : sums.entrySet()) {
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    rows.add(List.of(e.getKey().get(0), e.getKey().get(1), e.getKey().get(2), classes.get(i),
                            classes.get(j), e.getValue()[i][j]));
                }
            }
        }
        return Csv.of(List.of("feature_set", "protocol", "model", "true_class", "predicted_class", "count"), rows);
    }

    public static String manifestCsv(Experiment exp) {
        List<List<?>> rows = new ArrayList<>();
        for (Split s : exp.allSplits()) {
            rows.add(List.of(s.protocol(), s.repeat(), s.fold(), s.train().length, s.test().length, s.testHash()));
        }
        return Csv.of(List.of("protocol", "repeat", "fold", "train_size", "test_size", "test_hash"), rows);
    }

    /**
     * Provenance header, leakage warning, the study's Table 1 layout per feature set and protocol with
     * mean [interval] cells and the "vs best" marker, then the comparison with the study and the audit.
     */
    public static String summaryMarkdown(Experiment exp, List<Summary> summaries, RunStats stats) {
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
        md.append("Data: `").append(exp.data().source()).append("` (").append(exp.data().size()).append(" rows");
        if (exp.data().rowsDropped() > 0) md.append(", ").append(exp.data().rowsDropped()).append(" dropped for missing values");
        md.append("), seed ").append(c.seed()).append(". Splits: ");
        md.append(String.join(", ", exp.splits().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().size()).toList())).append(".\n\n");
        md.append("Cells are mean [").append(stats.ci().label()).append(" interval of the mean] over splits")
                .append(stats.ci().method() == CiMethod.CORRECTED_T ? " (Nadeau–Bengio corrected: repeated splits "
                        + "overlap, so plain intervals are too narrow; still approximate)" : "")
                .append(". ").append(F1_DEFINITIONS).append("\n");
        md.append(StatsTables.markerLegend(stats.ci()));

        String lastFs = null;
        for (int i = 0; i < summaries.size(); ) {
            Summary first = summaries.get(i);
            if (!first.featureSet().equals(lastFs)) {
                lastFs = first.featureSet();
                md.append("\n## Feature set `").append(lastFs).append("`: ")
                        .append(String.join(", ", c.featureSets().get(lastFs))).append("\n");
                List<String> leaks = c.featureSets().get(lastFs).stream().filter(flagged::contains).toList();
                if (!leaks.isEmpty()) {
                    md.append("\n⚠ Uses ").append(String.join(", ", leaks.stream().map(f -> "`" + f + "`").toList()))
                            .append(", flagged by the leakage audit.\n");
                }
            }
            md.append("\n### ").append(protocolTitle(exp, first.protocol())).append("\n\n");
            md.append("| Model | Macro P | Macro R | Macro F1 | Paper F1 | Accuracy | vs best |");
            md.append("\n|---|---|---|---|---|---|---|\n");
            for (; i < summaries.size() && summaries.get(i).featureSet().equals(first.featureSet())
                    && summaries.get(i).protocol().equals(first.protocol()); i++) {
                Summary s = summaries.get(i);
                md.append("| ").append(s.model());
                for (Metric m : List.of(Metric.MACRO_PRECISION, Metric.MACRO_RECALL, Metric.MACRO_F1, Metric.PAPER_F1, Metric.ACCURACY)) {
                    md.append(" | ").append(StatsTables.cell(s.mean(m), s.interval(stats.ci(), m, stats.seed())));
                }
                md.append(" | ").append(StatsTables.marker(s, stats.comparisons())).append(" |\n");
            }
        }
        md.append(StatsTables.referenceMarkdown(exp, summaries, stats));
        md.append("\n").append(stats.audit().markdown("## Leakage audit"));
        return md.toString();
    }

    static String protocolTitle(Experiment exp, Protocol protocol) {
        var p = exp.config().protocols();
        return protocol == Protocol.HOLDOUT
                ? "Repeated stratified holdout (%d x %.0f:%.0f)".formatted(p.holdout().repeats(),
                        100 * (1 - p.holdout().testRatio()), 100 * p.holdout().testRatio())
                : "Repeated stratified %d-fold CV (%d repeats)".formatted(p.cv().folds(), p.cv().repeats());
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** Writes every table, audit.csv, comparisons.csv and provenance.json into {@code out}, each atomically. */
    public static void writeAll(Path out, Experiment exp, List<SplitResult> results, List<Summary> summaries, RunStats stats) {
        AtomicFiles.write(out.resolve("splits-manifest.csv"), manifestCsv(exp));
        AtomicFiles.write(out.resolve("splits.csv"), splitsCsv(results));
        AtomicFiles.write(out.resolve("per-class.csv"), perClassCsv(results, exp.data().classes()));
        AtomicFiles.write(out.resolve("confusion.csv"), confusionCsv(results, exp.data().classes()));
        AtomicFiles.write(out.resolve("summary.csv"), summaryCsv(summaries, stats.ci(), stats.seed()));
        AtomicFiles.write(out.resolve("comparisons.csv"), StatsTables.comparisonsCsv(stats.comparisons()));
        AtomicFiles.write(out.resolve("audit.csv"), stats.audit().csv());
        stats.provenance().write(out);
        AtomicFiles.write(out.resolve("summary.md"), summaryMarkdown(exp, summaries, stats));
    }
}
