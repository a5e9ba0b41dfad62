package org.crystalbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.metrics.ProbScores;
import org.crystalbench.results.PredictionsTable;

/** Reliability diagrams from predictions.csv.gz (or the results it is written from): per feature set and protocol, one curve per model, pooled over splits. */
final class ReliabilitySection {
    private ReliabilitySection() {}

    /**
     * Per (feature set, protocol) group: per model, the reliability of its pooled out-of-fold predictions, counted
     * a row at a time from {@code predictions} (the file, or a run's results in memory; never held whole).
     */
    static Map<Group, Map<String, ProbScores.Reliability>> of(PredictionsTable.Source predictions) {
        Map<Group, Map<String, ProbScores.Reliability>> out = new LinkedHashMap<>();
        predictions.visit(classes -> (featureSet, protocol, model, truth, p) ->
                out.computeIfAbsent(new Group(featureSet, protocol), g -> new LinkedHashMap<>())
                        .computeIfAbsent(model, m -> ProbScores.Reliability.empty()).add(truth, p));
        return out;
    }

    static void figure(Doc doc, Group g, String where, Map<String, ProbScores.Reliability> byModel) {
        List<Charts.Curve> curves = new ArrayList<>();
        byModel.forEach((model, r) -> {
            List<double[]> points = new ArrayList<>();
            for (int b = 0; b < r.count().length; b++) {
                if (r.count()[b] > 0) points.add(new double[] {r.confidence()[b] / r.count()[b], r.correct()[b] / r.count()[b]});
            }
            curves.add(new Charts.Curve(model, points.stream().mapToDouble(x -> x[0]).toArray(), points.stream().mapToDouble(x -> x[1]).toArray()));
        });
        doc.para("Reliability: each model's out-of-fold predictions of all splits pooled (predictions.csv.gz), binned by "
                + "confidence (the highest class probability) into " + ProbScores.BINS + " equal-width bins; each point is a "
                + "non-empty bin's mean confidence and the share of its rows whose most probable class is the true one. "
                + "On the diagonal a model's probabilities mean what they say; below it they are overconfident.");
        doc.figure("reliability-" + Figure.slug(g.featureSet(), g.protocol().label()), "Reliability diagram per model, " + where,
                760, 560, Charts.reliability("Reliability: " + g.featureSet() + ", " + g.protocol(),
                        "one curve per model; pooled over splits; " + ProbScores.BINS + " confidence bins", curves));
        // The rows behind each point: a point resting on a handful of rows zig-zags without meaning anything.
        List<String> header = new ArrayList<>(List.of("Model"));
        for (int b = 0; b < ProbScores.BINS; b++) {
            header.add(String.format(java.util.Locale.ROOT, "%.1f–%.1f", (double) b / ProbScores.BINS, (double) (b + 1) / ProbScores.BINS));
        }
        List<List<String>> rows = new ArrayList<>();
        byModel.forEach((model, r) -> {
            List<String> row = new ArrayList<>(List.of(model));
            for (int n : r.count()) row.add(Integer.toString(n));
            rows.add(row);
        });
        doc.para("Rows per confidence bin (the points above; a bin with few rows says little):");
        doc.table(header, rows);
    }

}
