package org.crystalbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import org.crystalbench.metrics.ProbScores;
import org.crystalbench.results.PredictionsTable;

/** Reliability diagrams from predictions.csv.gz: per feature set and protocol, one curve per model, pooled over splits. */
final class ReliabilitySection {
    private ReliabilitySection() {}

    /**
     * Per (feature set, protocol) group: per model, the reliability of its pooled out-of-fold predictions, counted
     * while predictions.csv.gz is read (a million-row run's predictions are never held in memory).
     */
    static Map<Group, Map<String, ProbScores.Reliability>> of(Path file) {
        Map<Group, Map<String, ProbScores.Reliability>> out = new LinkedHashMap<>();
        PredictionsTable.read(file, classes -> r -> {
            double[] p = new double[r.probabilities().size()];
            for (int c = 0; c < p.length; c++) p[c] = r.probabilities().get(c);
            out.computeIfAbsent(new Group(r.featureSet(), r.protocol()), g -> new LinkedHashMap<>())
                    .computeIfAbsent(r.model(), m -> ProbScores.Reliability.empty()).add(classes.indexOf(r.trueClass()), p);
        });
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
