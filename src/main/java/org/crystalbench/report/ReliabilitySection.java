package org.crystalbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.metrics.ProbScores;
import org.crystalbench.results.PredictionsTable;

/** Reliability diagrams from predictions.csv.gz: per feature set and protocol, one curve per model, pooled over splits. */
final class ReliabilitySection {
    private ReliabilitySection() {}

    /** Per (feature set, protocol) group: per model, the reliability of its pooled out-of-fold predictions. */
    static Map<RunSection.Group, Map<String, ProbScores.Reliability>> of(PredictionsTable.Table t) {
        Map<RunSection.Group, Map<String, List<PredictionsTable.Row>>> rows = new LinkedHashMap<>();
        for (PredictionsTable.Row r : t.rows()) {
            rows.computeIfAbsent(new RunSection.Group(r.featureSet(), r.protocol()), g -> new LinkedHashMap<>())
                    .computeIfAbsent(r.model(), m -> new ArrayList<>()).add(r);
        }
        Map<RunSection.Group, Map<String, ProbScores.Reliability>> out = new LinkedHashMap<>();
        rows.forEach((g, byModel) -> byModel.forEach((model, rs) -> {
            int[] truth = rs.stream().mapToInt(r -> t.classes().indexOf(r.trueClass())).toArray();
            double[][] p = rs.stream().map(r -> r.probabilities().stream().mapToDouble(Double::doubleValue).toArray()).toArray(double[][]::new);
            out.computeIfAbsent(g, k -> new LinkedHashMap<>()).put(model, ProbScores.Reliability.of(truth, p));
        }));
        return out;
    }

    static void figure(Doc doc, RunSection.Group g, String where, Map<String, ProbScores.Reliability> byModel) {
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
    }

}
