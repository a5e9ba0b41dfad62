package org.crystalbench.report;

import org.crystalbench.splits.Protocol;
import org.crystalbench.io.CsvTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.crystalbench.InputException;
import tools.jackson.databind.JsonNode;

/** Scores of a run per feature set and protocol: F1 box and interval plots, a table, confusion matrices. */
final class RunSection {
    private RunSection() {}

    static final String MACRO = "macro_f1", PAPER = "paper_f1";
    static final String MACRO_LABEL = "Macro F1 (mean of per-class F1)";
    static final String PAPER_LABEL = "Paper F1 (harmonic mean of macro P and macro R)";

    /** A metric's summary: mean, SD and (when summary.csv has them) the interval bounds; NaN when absent. */
    record Stat(double mean, double sd, double low, double high) {}

    record Row(String featureSet, String protocol, String model, int n, Map<String, Stat> stats) {
        Stat stat(String metric) {
            return stats.getOrDefault(metric, new Stat(Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        }
    }

    record Group(String featureSet, String protocol) {}

    /** Reads summary.csv; it must have the F1 means and SDs. Intervals and other metrics are optional. */
    static Map<Group, List<Row>> readSummary(CsvTable t) {
        t.require(List.of("feature_set", "protocol", "model", "n", MACRO + "_mean", MACRO + "_sd", PAPER + "_mean", PAPER + "_sd"));
        Map<Group, List<Row>> out = new LinkedHashMap<>();
        List<String> metrics = t.header().stream().filter(c -> c.endsWith("_mean") && !c.endsWith("_ms_mean"))
                .map(c -> c.substring(0, c.length() - "_mean".length())).toList();
        for (CSVRecord r : t.rows()) {
            Map<String, Stat> stats = new LinkedHashMap<>();
            for (String m : metrics) {
                stats.put(m, new Stat(t.num(r, m + "_mean"), t.has(m + "_sd") ? t.num(r, m + "_sd") : Double.NaN,
                        t.has(m + "_ci_low") ? t.num(r, m + "_ci_low") : Double.NaN,
                        t.has(m + "_ci_high") ? t.num(r, m + "_ci_high") : Double.NaN));
            }
            double n = t.num(r, "n");
            Row row = new Row(t.text(r, "feature_set"), t.text(r, "protocol"), t.text(r, "model"), (int) n, stats);
            out.computeIfAbsent(new Group(row.featureSet(), row.protocol()), g -> new ArrayList<>()).add(row);
        }
        if (out.isEmpty()) throw new InputException(t.file() + ": no rows");
        return out;
    }

    static boolean hasIntervals(CsvTable summary) {
        return summary.has(MACRO + "_ci_low") && summary.has(MACRO + "_ci_high")
                && summary.has(PAPER + "_ci_low") && summary.has(PAPER + "_ci_high");
    }

    /** Per-split values: group -> model -> metric -> values. */
    static Map<Group, Map<String, Map<String, List<Double>>>> readSplits(CsvTable t) {
        t.require(List.of("feature_set", "protocol", "model", MACRO, PAPER));
        Map<Group, Map<String, Map<String, List<Double>>>> out = new LinkedHashMap<>();
        for (CSVRecord r : t.rows()) {
            var byModel = out.computeIfAbsent(new Group(t.text(r, "feature_set"), t.text(r, "protocol")), g -> new LinkedHashMap<>());
            var byMetric = byModel.computeIfAbsent(t.text(r, "model"), m -> new LinkedHashMap<>());
            for (String m : List.of(MACRO, PAPER)) {
                double v = t.num(r, m);
                if (!Double.isNaN(v)) byMetric.computeIfAbsent(m, k -> new ArrayList<>()).add(v);
            }
        }
        return out;
    }

    /** Summed confusion counts: group -> model -> (classes, counts[true][predicted]). */
    record Confusion(List<String> classes, long[][] counts) {}

    static Map<Group, Map<String, Confusion>> readConfusion(CsvTable t) {
        t.require(List.of("feature_set", "protocol", "model", "true_class", "predicted_class", "count"));
        var classes = new LinkedHashSet<String>();
        for (CSVRecord r : t.rows()) {
            classes.add(t.text(r, "true_class"));
            classes.add(t.text(r, "predicted_class"));
        }
        List<String> cls = List.copyOf(classes);
        Map<Group, Map<String, Confusion>> out = new LinkedHashMap<>();
        for (CSVRecord r : t.rows()) {
            var byModel = out.computeIfAbsent(new Group(t.text(r, "feature_set"), t.text(r, "protocol")), g -> new LinkedHashMap<>());
            Confusion c = byModel.computeIfAbsent(t.text(r, "model"), m -> new Confusion(cls, new long[cls.size()][cls.size()]));
            double count = t.num(r, "count");
            if (!(count >= 0) || count != Math.rint(count)) {
                throw new InputException(t.file() + ": line " + (r.getRecordNumber() + 1) + ": column 'count': not a count: " + count);
            }
            c.counts()[cls.indexOf(t.text(r, "true_class"))][cls.indexOf(t.text(r, "predicted_class"))] += (long) count;
        }
        return out;
    }

    /** One row of comparisons.csv: a model against the best of its group, on one metric. */
    record Comparison(String bestModel, double meanDiff, double pHolm, boolean worse) {}

    /**
     * comparisons.csv rows for {@code macro_f1} (or, if it has none, the file's first metric):
     * group -> model -> comparison. Returns the metric used as the map's only key.
     */
    static Map<String, Map<Group, Map<String, Comparison>>> readComparisons(CsvTable t) {
        t.require(List.of("feature_set", "protocol", "model", "best_model", "metric", "mean_diff", "p_holm", "significantly_worse"));
        if (t.rows().isEmpty()) throw new InputException(t.file() + ": no rows");
        String metric = t.rows().stream().anyMatch(r -> t.text(r, "metric").equals(MACRO)) ? MACRO : t.text(t.rows().getFirst(), "metric");
        Map<Group, Map<String, Comparison>> out = new LinkedHashMap<>();
        for (CSVRecord r : t.rows()) {
            if (!t.text(r, "metric").equals(metric)) continue;
            out.computeIfAbsent(new Group(t.text(r, "feature_set"), t.text(r, "protocol")), g -> new LinkedHashMap<>())
                    .put(t.text(r, "model"), new Comparison(t.text(r, "best_model"), t.num(r, "mean_diff"), t.num(r, "p_holm"),
                            t.bool(r, "significantly_worse")));
        }
        return Map.of(metric, out);
    }

    /** The table cell for a model: "best", "worse (p = 0.003)", "not shown worse (p = 0.21)". */
    static String versusBest(String model, Map<String, Comparison> group) {
        if (group == null) return "";
        Comparison c = group.get(model);
        if (c == null) {
            return group.values().stream().anyMatch(x -> x.bestModel().equals(model)) ? "**best**" : "";
        }
        String p = Double.isNaN(c.pHolm()) ? "" : Doc.fmt(" (Δ %+.3f, p = %s)", c.meanDiff(),
                c.pHolm() < 0.001 ? "<0.001" : Doc.fmt("%.3f", c.pHolm()));
        return (c.worse() ? "worse" : "not shown worse") + p;
    }

    static String protocolName(String protocol, JsonNode config) {
        JsonNode p = config == null ? null : config.path("protocols").path(protocol);
        return switch (protocol) {
            case "holdout" -> p != null && p.has("repeats")
                    ? Doc.fmt("repeated stratified holdout (%d repeats, test share %s)", p.get("repeats").asInt(), p.path("test_ratio").asString())
                    : "repeated stratified holdout";
            case "cv" -> p != null && p.has("folds")
                    ? Doc.fmt("repeated stratified %d-fold CV (%d repeats)", p.get("folds").asInt(), p.path("repeats").asInt())
                    : "repeated stratified k-fold CV";
            default -> protocol;
        };
    }

    /** Writes the scores section. {@code splits} and {@code confusion} may be null (then that part is left out). */
    static void write(Doc doc, Map<Group, List<Row>> summary, boolean intervals, String intervalName,
                      Map<Group, Map<String, Map<String, List<Double>>>> splits, Map<Group, Map<String, Confusion>> confusion,
                      Map<String, Map<Group, Map<String, Comparison>>> comparisons, JsonNode config) {
        String compared = comparisons == null ? null : comparisons.keySet().iterator().next();
        doc.section("Scores per feature set and protocol");
        doc.para("Two F1 definitions are shown side by side: **" + MACRO_LABEL + "** and **" + PAPER_LABEL
                + "** (the study's formula). Box plots show the per-split values (box: quartiles, line: median, "
                + "whiskers: the last values within 1.5 IQR, dots: every split). The dot plots show the mean per model with "
                + (intervals ? "its " + intervalName + " (whiskers)." : "± 1 SD (whiskers; summary.csv has no confidence-interval columns)."));
        overview(doc, summary, intervals, intervalName, config);
        for (var e : summary.entrySet()) {
            Group g = e.getKey();
            List<Row> rows = e.getValue();
            List<String> models = rows.stream().map(Row::model).toList();
            int n = rows.stream().mapToInt(Row::n).max().orElse(0);
            String where = "`" + g.featureSet() + "`, " + protocolName(g.protocol(), config);
            doc.para("### Feature set `" + g.featureSet() + "`, " + protocolName(g.protocol(), config) + " — " + n + " splits");
            String slug = Figure.slug(g.featureSet(), g.protocol());

            var perSplit = splits == null ? null : splits.get(g);
            Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();
            if (perSplit != null) {
                for (String m : models) {
                    var v = perSplit.get(m);
                    if (v == null) continue;
                    Map<String, List<Double>> series = new LinkedHashMap<>();
                    if (v.containsKey(MACRO)) series.put("Macro F1", v.get(MACRO));
                    if (v.containsKey(PAPER)) series.put("Paper F1", v.get(PAPER));
                    if (!series.isEmpty()) values.put(m, series);
                }
            }
            if (!values.isEmpty()) {
                doc.figure("f1-box-" + slug, "Per-split F1 per model, " + where, 960, 480,
                        Charts.boxPlot("Per-split F1: " + g.featureSet() + ", " + g.protocol(),
                                "Macro F1 = mean of per-class F1;  Paper F1 = harmonic mean of macro P and macro R", "F1 per split", values));
            } else if (splits != null) {
                doc.para("_No per-split rows for this group in splits.csv: no box plot._");
            }

            var series = new ArrayList<Charts.IntervalSeries>();
            for (String[] m : List.of(new String[] {MACRO, "Macro F1"}, new String[] {PAPER, "Paper F1"})) {
                double[] mid = new double[rows.size()], lo = new double[rows.size()], hi = new double[rows.size()];
                for (int i = 0; i < rows.size(); i++) {
                    Stat s = rows.get(i).stat(m[0]);
                    mid[i] = s.mean();
                    lo[i] = intervals ? s.low() : s.mean() - s.sd();
                    hi[i] = intervals ? s.high() : s.mean() + s.sd();
                }
                series.add(new Charts.IntervalSeries(m[1] + (intervals ? " mean, " + shortInterval(intervalName) : " mean ± SD"), mid, lo, hi));
            }
            doc.figure("f1-mean-" + slug, "Mean F1 per model with " + (intervals ? intervalName : "± 1 SD") + ", " + where, 960, 420,
                    Charts.intervalDots("Mean F1: " + g.featureSet() + ", " + g.protocol(),
                            intervals ? "whiskers: " + intervalName + " (from summary.csv)" : "whiskers: mean ± 1 SD (no CI columns in summary.csv)",
                            "F1", models, series));

            List<List<String>> table = new ArrayList<>();
            var versus = compared == null ? null : comparisons.get(compared).get(g);
            for (Row r : rows) {
                Stat mf = r.stat(MACRO), pf = r.stat(PAPER);
                List<String> row = new ArrayList<>(List.of(r.model(), Integer.toString(r.n()),
                        Doc.withInterval(mf.mean(), intervals ? mf.low() : Double.NaN, intervals ? mf.high() : Double.NaN, mf.sd()),
                        Doc.withInterval(pf.mean(), intervals ? pf.low() : Double.NaN, intervals ? pf.high() : Double.NaN, pf.sd()),
                        Doc.f3(r.stat("accuracy").mean()), Doc.f3(r.stat("balanced_accuracy").mean())));
                if (compared != null) row.add(versusBest(r.model(), versus));
                table.add(row);
            }
            String cell = intervals ? "mean [CI]" : "mean ± SD";
            List<String> header = new ArrayList<>(List.of("Model", "Splits", "Macro F1, " + cell, "Paper F1, " + cell, "Accuracy", "Balanced accuracy"));
            if (compared != null) header.add(compared + " vs best (Holm-adjusted p)");
            doc.table(header, table);

            var conf = confusion == null ? null : confusion.get(g);
            if (conf != null && !conf.isEmpty()) confusionFigure(doc, g, where, models, conf);
            else if (confusion != null) doc.para("_No rows for this group in confusion.csv: no confusion matrices._");
        }
    }

    /** Per protocol: every model's mean macro F1 on every feature set, to see what each feature set is worth. */
    private static void overview(Doc doc, Map<Group, List<Row>> summary, boolean intervals, String intervalName, JsonNode config) {
        Map<String, List<Group>> byProtocol = new LinkedHashMap<>();
        for (Group g : summary.keySet()) byProtocol.computeIfAbsent(g.protocol(), p -> new ArrayList<>()).add(g);
        if (summary.size() < 2) return; // the one group's own plots say it all
        doc.para("### Overview: macro F1 per feature set");
        List<List<String>> best = new ArrayList<>();
        for (var p : byProtocol.entrySet()) {
            List<String> featureSets = p.getValue().stream().map(Group::featureSet).toList();
            List<String> models = new ArrayList<>();
            p.getValue().forEach(g -> summary.get(g).forEach(r -> { if (!models.contains(r.model())) models.add(r.model()); }));
            List<Charts.IntervalSeries> series = new ArrayList<>();
            for (String m : models) {
                int k = featureSets.size();
                double[] mid = new double[k], lo = new double[k], hi = new double[k];
                for (int i = 0; i < k; i++) {
                    Stat s = summary.get(p.getValue().get(i)).stream().filter(r -> r.model().equals(m)).findFirst()
                            .map(r -> r.stat(MACRO)).orElse(new Stat(Double.NaN, Double.NaN, Double.NaN, Double.NaN));
                    mid[i] = s.mean();
                    lo[i] = intervals ? s.low() : s.mean() - s.sd();
                    hi[i] = intervals ? s.high() : s.mean() + s.sd();
                }
                series.add(new Charts.IntervalSeries(m, mid, lo, hi));
            }
            doc.figure("overview-macro-f1-" + Figure.slug(p.getKey()), "Mean macro F1 per feature set and model, " + protocolName(p.getKey(), config),
                    960, 440, Charts.intervalDots("Mean macro F1 per feature set: " + p.getKey(),
                            MACRO_LABEL + "; whiskers: " + (intervals ? intervalName : "mean ± 1 SD"), "Macro F1", featureSets, series));
            for (Group g : p.getValue()) {
                Row top = summary.get(g).stream().max(java.util.Comparator.comparingDouble(r -> r.stat(MACRO).mean())).orElseThrow();
                Stat s = top.stat(MACRO);
                best.add(List.of("`" + g.featureSet() + "`", g.protocol(), top.model(),
                        Doc.withInterval(s.mean(), intervals ? s.low() : Double.NaN, intervals ? s.high() : Double.NaN, s.sd())));
            }
        }
        doc.para("Highest mean macro F1 per feature set and protocol (a higher mean alone is not a significant difference):");
        doc.table(List.of("Feature set", "Protocol", "Model", "Macro F1, " + (intervals ? "mean [CI]" : "mean ± SD")), best);
    }

    static String shortInterval(String intervalName) {
        return intervalName.replace("confidence interval", "CI");
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
        doc.figure("confusion-" + Figure.slug(g.featureSet(), g.protocol()), "Confusion matrices per model, " + where,
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
                text[i][j] = (rowSum == 0 ? "–" : Doc.fmt("%.0f%%", 100.0 * v / rowSum)) + "\n" + v;
            }
        }
        String title = model + Doc.fmt("  (accuracy %.2f, %d predictions)", total == 0 ? Double.NaN : (double) correct / total, total);
        return new Heatmap(title, c.classes(), c.classes(), "true class", "predicted class", shade, text, "0%", "100%", null);
    }
}
