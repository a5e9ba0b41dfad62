package org.crystalbench.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.report.Cells;
import org.crystalbench.results.ConformalTable;
import org.crystalbench.results.Estimate;

/** Conformal prediction sets ({@code run --coverage}, conformal.csv): per feature set and protocol, coverage per model and a table. */
final class ConformalSection {
    private ConformalSection() {}

    static void write(Doc doc, List<ConformalTable.Row> rows, String interval, ExperimentConfig config) {
        doc.section("Prediction sets (conformal)");
        doc.para("Empirical coverage of each model's conformal prediction sets on the test rows (mean over splits with its "
                + interval + "), calibrated on a quarter of each split's training rows that the model was not fitted on; "
                + "*split*: one threshold, *mondrian*: one per class. Coverage should sit at or just above each requested "
                + "level. The second figure shows what that costs: the mean number of classes per set (a set of every class is "
                + "always right and says nothing). From conformal.csv; docs/conformal.md.");
        Map<Group, List<ConformalTable.Row>> groups = Group.of(rows, r -> new Group(r.featureSet(), r.protocol()));
        for (var e : groups.entrySet()) {
            Group g = e.getKey();
            var models = new LinkedHashSet<String>();
            var kinds = new LinkedHashSet<String>();
            e.getValue().forEach(r -> { models.add(r.model()); kinds.add(kind(r)); });
            String where = "`" + g.featureSet() + "`, " + Cells.protocolTitle(config, g.protocol());
            doc.para("### Prediction sets: " + where);
            List<String> modelList = List.copyOf(models);
            List<Charts.IntervalSeries> series = new ArrayList<>(), sizes = new ArrayList<>();
            for (String k : kinds) {
                // Mean set size with whiskers of one SD over splits: what the coverage costs, beside it.
                sizes.add(RunSection.series(k, modelList.stream().map(m -> e.getValue().stream()
                        .filter(r -> r.model().equals(m) && kind(r).equals(k)).findFirst()
                        .map(r -> new Estimate(r.setSize(), r.setSizeSd(), new org.crystalbench.stats.Interval(
                                r.setSize() - r.setSizeSd(), r.setSize() + r.setSizeSd())))
                        .orElse(new Estimate(Double.NaN, Double.NaN, new org.crystalbench.stats.Interval(Double.NaN, Double.NaN))))
                        .toList()));
                List<Estimate> est = modelList.stream().map(m -> e.getValue().stream()
                        .filter(r -> r.model().equals(m) && kind(r).equals(k)).findFirst()
                        .map(r -> new Estimate(r.coverage(), r.coverageSd(), r.coverageCi()))
                        .orElse(new Estimate(Double.NaN, Double.NaN, new org.crystalbench.stats.Interval(Double.NaN, Double.NaN))))
                        .toList();
                series.add(RunSection.series(k, est));
            }
            doc.figure("conformal-" + Figure.slug(g.featureSet(), g.protocol().label()), "Coverage of prediction sets per model, " + where,
                    Math.max(900, 160 * modelList.size()), 460,
                    Charts.intervalDots("Conformal coverage: " + g.featureSet() + ", " + g.protocol(),
                            "share of test rows whose set holds the true class; whiskers: " + interval, "Coverage", modelList, series));
            doc.figure("conformal-size-" + Figure.slug(g.featureSet(), g.protocol().label()), "Mean set size per model, " + where,
                    Math.max(900, 160 * modelList.size()), 460,
                    Charts.intervalDots("Conformal set size: " + g.featureSet() + ", " + g.protocol(),
                            "mean number of classes per set on the test rows; whiskers: one SD over splits", "Classes per set",
                            modelList, sizes));
            List<List<String>> table = new ArrayList<>();
            for (ConformalTable.Row r : e.getValue()) {
                table.add(List.of(r.model(), r.method().label(), Cells.fmt("%.2f", r.level()),
                        Cells.meanCi(new Estimate(r.coverage(), r.coverageSd(), r.coverageCi())), Cells.f3(r.coverageMin()),
                        Cells.fmt("%.2f", r.setSize()), Cells.f3(r.emptyShare())));
            }
            doc.table(List.of("Model", "Method", "Level", "Coverage", "Lowest split", "Mean set size", "Empty sets"), table);
        }
    }

    private static String kind(ConformalTable.Row r) {
        return r.method().label() + " " + Cells.fmt("%.2f", r.level());
    }
}
