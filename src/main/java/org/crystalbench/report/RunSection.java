package org.crystalbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.metrics.Metric;
import org.crystalbench.report.Cells;
import org.crystalbench.results.Comparison;
import org.crystalbench.results.ConfusionTable;
import org.crystalbench.results.Estimate;
import org.crystalbench.metrics.ProbScores;
import org.crystalbench.results.SplitsTable;
import org.crystalbench.results.SummaryTable;
import org.crystalbench.splits.Protocol;
import org.crystalbench.stats.CiSpec;
import org.crystalbench.stats.Ranking;

/** Scores of a run per feature set and protocol: F1 box and interval plots, a table, confusion matrices. */
final class RunSection {
    private RunSection() {}

    static final String MACRO_LABEL = "Macro F1 (mean of per-class F1)";
    static final String PAPER_LABEL = "Paper F1 (harmonic mean of macro P and macro R)";
    private static final Map<Metric, String> F1 = Map.of(Metric.MACRO_F1, "Macro F1", Metric.PAPER_F1, "Paper F1");
    private static final List<Metric> F1S = List.of(Metric.MACRO_F1, Metric.PAPER_F1);

    /** Summed confusion counts of one model: classes in the file's order, counts[true][predicted]. */
    record Confusion(List<String> classes, long[][] counts) {}

    static Map<Group, List<SummaryTable.Row>> groups(List<SummaryTable.Row> summary) {
        return Group.of(summary, r -> new Group(r.featureSet(), r.protocol()));
    }

    static Map<Group, Map<String, Confusion>> confusions(List<ConfusionTable.Row> rows) {
        var classes = new LinkedHashSet<String>();
        rows.forEach(r -> { classes.add(r.trueClass()); classes.add(r.predictedClass()); });
        List<String> cls = List.copyOf(classes);
        Map<Group, Map<String, Confusion>> out = new LinkedHashMap<>();
        for (ConfusionTable.Row r : rows) {
            Confusion c = out.computeIfAbsent(new Group(r.featureSet(), r.protocol()), g -> new LinkedHashMap<>())
                    .computeIfAbsent(r.model(), m -> new Confusion(cls, new long[cls.size()][cls.size()]));
            c.counts()[cls.indexOf(r.trueClass())][cls.indexOf(r.predictedClass())] += r.count();
        }
        return out;
    }

    /** Dot-and-whisker series of one metric: each row's mean and interval. */
    static Charts.IntervalSeries series(String name, List<Estimate> stats) {
        return new Charts.IntervalSeries(name, stats.stream().mapToDouble(Estimate::mean).toArray(),
                stats.stream().mapToDouble(e -> e.ci().low()).toArray(), stats.stream().mapToDouble(e -> e.ci().high()).toArray());
    }

    /**
     * Writes the scores section; {@code splits}, {@code confusion}, {@code comparisons}, {@code reliability} (from
     * predictions.csv.gz) and {@code config} may be null. With {@code summaryMd} (the folder has summary.md) each
     * group's probability table, which summary.md already shows cell for cell, is a link to it instead.
     */
    static void write(Doc doc, List<SummaryTable.Row> summary, CiSpec ci, List<SplitsTable.Row> splits,
                      List<ConfusionTable.Row> confusion, List<Comparison> comparisons,
                      Map<Group, Map<String, ProbScores.Reliability>> reliability, ExperimentConfig config, boolean summaryMd) {
        String interval = Doc.interval(ci);
        // Paper F1 beside macro F1 only for a config with a reference to compare with (docs/reports.md).
        boolean paper = SummaryPage.showsPaperF1(config);
        List<Metric> f1s = paper ? F1S : List.of(Metric.MACRO_F1);
        doc.section("Scores per feature set and protocol");
        doc.para((paper ? "Two F1 definitions are shown side by side: **" + MACRO_LABEL + "** and **" + PAPER_LABEL
                + "** (the harmonic mean of macro precision and recall, which some papers report as macro F1). "
                : "F1 is **" + MACRO_LABEL + "**. ") + "Box plots show the per-split values (box: quartiles, line: median, "
                + "whiskers: the last values within 1.5 IQR, dots: every split). The dot plots show the mean per model with "
                + "its " + interval + " (whiskers)." + (comparisons == null || ci == null ? "" : " " + Cells.versusLegend(ci.level())));
        if (!summaryMd) doc.para(Cells.PROBABILITY_LEGEND);
        Map<Group, List<SummaryTable.Row>> groups = groups(summary);
        overview(doc, groups, interval, config);
        var perSplit = splits == null ? null : Group.of(splits, r -> new Group(r.featureSet(), r.protocol()));
        var matrices = confusion == null ? null : confusions(confusion);
        for (var e : groups.entrySet()) {
            Group g = e.getKey();
            List<SummaryTable.Row> rows = e.getValue();
            List<String> models = rows.stream().map(SummaryTable.Row::model).toList();
            int n = rows.stream().mapToInt(SummaryTable.Row::n).max().orElse(0);
            String where = "`" + g.featureSet() + "`, " + Cells.protocolTitle(config, g.protocol());
            doc.para("### Feature set " + where + " — " + n + " splits");
            String slug = Figure.slug(g.featureSet(), g.protocol().label());

            Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();
            for (SplitsTable.Row r : perSplit == null ? List.<SplitsTable.Row>of() : perSplit.getOrDefault(g, List.of())) {
                var series = values.computeIfAbsent(r.model(), m -> new LinkedHashMap<>());
                for (Metric m : f1s) {
                    double v = r.scores().get(m);
                    if (!Double.isNaN(v)) series.computeIfAbsent(F1.get(m), k -> new ArrayList<>()).add(v);
                }
            }
            if (!values.isEmpty()) {
                doc.figure("f1-box-" + slug, "Per-split F1 per model, " + where, 960, 480,
                        Charts.boxPlot("Per-split F1: " + g.featureSet() + ", " + g.protocol(),
                                paper ? "Macro F1 = mean of per-class F1;  Paper F1 = harmonic mean of macro P and macro R"
                                        : "Macro F1 = mean of per-class F1", "F1 per split", values));
            } else if (splits != null) {
                doc.para("_No per-split rows for this group in splits.csv: no box plot._");
            }
            doc.figure("f1-mean-" + slug, "Mean F1 per model with " + interval + ", " + where, 960, 420,
                    Charts.intervalDots("Mean F1: " + g.featureSet() + ", " + g.protocol(), "whiskers: " + interval + " (from summary.csv)",
                            "F1", models, f1s.stream().map(m -> series(F1.get(m) + " mean, " + interval,
                                    rows.stream().map(r -> r.stat(m)).toList())).toList()));

            scoreTable(doc, g, rows, comparisons, paper);
            doc.para(summaryMd ? "Probability scores (log loss, Brier, ROC AUC, ECE; vs best by log loss): in [summary.md](summary.md), "
                    + "feature set " + where + "." : SummaryPage.probabilityTable(rows, comparisons == null ? List.of() : comparisons));

            var conf = matrices == null ? null : matrices.get(g);
            if (conf != null && !conf.isEmpty()) confusionFigure(doc, g, where, models, conf);
            else if (matrices != null) doc.para("_No rows for this group in confusion.csv: no confusion matrices._");
            var curves = reliability == null ? null : reliability.get(g);
            if (curves != null) ReliabilitySection.figure(doc, g, where, curves);
            else if (reliability != null) doc.para("_No rows for this group in predictions.csv.gz: no reliability diagram._");
        }
    }

    /** Per protocol: every model's mean macro F1 on every feature set, to see what each feature set is worth. */
    /** One group's score table: macro F1 (and paper F1) with intervals, accuracies, and the verdict against the best. */
    private static void scoreTable(Doc doc, Group g, List<SummaryTable.Row> rows, List<Comparison> comparisons, boolean paper) {
        var family = comparisons == null ? null : Cells.family(comparisons, g.featureSet(), g.protocol());
        List<List<String>> table = new ArrayList<>();
        for (SummaryTable.Row r : rows) {
            List<String> row = new ArrayList<>(List.of(r.model(), Integer.toString(r.n()), Cells.meanCi(r.stat(Metric.MACRO_F1), Metric.MACRO_F1)));
            if (paper) row.add(Cells.meanCi(r.stat(Metric.PAPER_F1), Metric.PAPER_F1));
            row.addAll(List.of(Cells.f3(r.stat(Metric.ACCURACY).mean()), Cells.f3(r.stat(Metric.BALANCED_ACCURACY).mean())));
            if (family != null) row.add(Cells.versusBest(r.model(), family));
            table.add(row);
        }
        List<String> header = new ArrayList<>(List.of("Model", "Splits", "Macro F1, mean [CI]"));
        if (paper) header.add("Paper F1, mean [CI]");
        header.addAll(List.of("Accuracy", "Balanced accuracy"));
        if (family != null) header.add(Cells.VERSUS);
        doc.table(header, table);
    }

    private static void overview(Doc doc, Map<Group, List<SummaryTable.Row>> summary, String interval, ExperimentConfig config) {
        if (summary.size() < 2) return; // the one group's own plots say it all
        Map<Protocol, List<Group>> byProtocol = new LinkedHashMap<>();
        for (Group g : summary.keySet()) byProtocol.computeIfAbsent(g.protocol(), p -> new ArrayList<>()).add(g);
        doc.para("### Overview: macro F1 per feature set");
        List<List<String>> best = new ArrayList<>();
        Estimate none = new Estimate(Double.NaN, Double.NaN, new org.crystalbench.stats.Interval(Double.NaN, Double.NaN));
        for (var p : byProtocol.entrySet()) {
            List<String> featureSets = p.getValue().stream().map(Group::featureSet).toList();
            var models = new LinkedHashSet<String>();
            p.getValue().forEach(g -> summary.get(g).forEach(r -> models.add(r.model())));
            List<Charts.IntervalSeries> series = new ArrayList<>();
            for (String m : models) {
                series.add(series(m, p.getValue().stream().map(g -> summary.get(g).stream().filter(r -> r.model().equals(m))
                        .findFirst().map(r -> r.stat(Metric.MACRO_F1)).orElse(none)).toList()));
            }
            doc.figure("overview-macro-f1-" + Figure.slug(p.getKey().label()), "Mean macro F1 per feature set and model, "
                            + Cells.protocolTitle(config, p.getKey()), 960, 440,
                    Charts.intervalDots("Mean macro F1 per feature set: " + p.getKey(), MACRO_LABEL + "; whiskers: " + interval,
                            "Macro F1", featureSets, series));
            for (Group g : p.getValue()) {
                SummaryTable.Row top = summary.get(g).stream().min(Ranking.bestFirst(Metric.MACRO_F1, r -> r.stat(Metric.MACRO_F1).mean())).orElseThrow();
                best.add(List.of("`" + g.featureSet() + "`", g.protocol().label(), top.model(), Cells.meanCi(top.stat(Metric.MACRO_F1))));
            }
        }
        doc.para("Highest mean macro F1 per feature set and protocol (a higher mean alone is not a significant difference):");
        doc.table(List.of("Feature set", "Protocol", "Model", "Macro F1, mean [CI]"), best);
    }

    /** Small multiples: one row-normalised confusion matrix per model, two per row. */
    private static void confusionFigure(Doc doc, Group g, String where, List<String> order, Map<String, Confusion> byModel) {
        List<String> models = new ArrayList<>(order.stream().filter(byModel::containsKey).toList());
        byModel.keySet().stream().filter(m -> !models.contains(m)).forEach(models::add);
        List<Heatmap> panels = new ArrayList<>();
        for (String m : models) panels.add(confusionPanel(m, byModel.get(m)));
        int columns = Math.min(2, panels.size()), rows = (panels.size() + columns - 1) / columns;
        doc.para("Confusion matrices summed over all splits, rows normalised (share of each true class; count below). "
                + "The diagonal is the recall of each class.");
        doc.figure("confusion-" + Figure.slug(g.featureSet(), g.protocol().label()), "Confusion matrices per model, " + where,
                480 * columns, 360 * rows, new Heatmap.Panels(panels, columns));
    }

    static Heatmap confusionPanel(String model, Confusion c) {
        int k = c.classes().size();
        double[][] shade = new double[k][k];
        String[][] text = new String[k][k];
        long total = 0, correct = 0;
        for (int i = 0; i < k; i++) {
            long rowSum = 0;
            for (long v : c.counts()[i]) rowSum += v;
            total += rowSum;
            correct += c.counts()[i][i];
            for (int j = 0; j < k; j++) {
                long v = c.counts()[i][j];
                shade[i][j] = rowSum == 0 ? Double.NaN : (double) v / rowSum;
                text[i][j] = (rowSum == 0 ? "–" : Cells.fmt("%.0f%%", 100.0 * v / rowSum)) + "\n" + v;
            }
        }
        String title = model + Cells.fmt("  (accuracy %.2f, %d predictions)", total == 0 ? Double.NaN : (double) correct / total, total);
        return new Heatmap(title, c.classes(), c.classes(), "true class", "predicted class", shade, text, "0%", "100%", null);
    }
}
