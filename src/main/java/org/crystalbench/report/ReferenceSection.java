package org.crystalbench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.config.Reference;
import org.crystalbench.metrics.Metric;
import org.crystalbench.results.Study;
import org.crystalbench.results.SummaryTable;
import org.crystalbench.stats.CiSpec;

/** Our scores beside the study's Table 1 (the {@code reference} block of the recorded config): summary.md's table and a chart. */
final class ReferenceSection {
    private ReferenceSection() {}

    static void write(Doc doc, ExperimentConfig config, List<SummaryTable.Row> summary, CiSpec ci) {
        Reference ref = config.reference();
        String fs = Study.featureSet(config), protocol = Study.protocol(config).label(), interval = Report.interval(ci);
        List<SummaryTable.Row> group = Study.group(config, summary);
        if (group.isEmpty()) {
            doc.note("comparison with the study: summary.csv has no rows for the reference's feature set `" + fs
                    + "` and protocol `" + protocol + "`");
            return;
        }
        doc.section("Comparison with the study's Table 1");
        doc.para("Study: " + (ref.source() == null ? "the config's reference block" : ref.source()) + ". Ours: feature set `"
                + fs + "`, protocol `" + protocol + "`, mean [" + interval + "] over splits. " + Study.LEGEND);
        doc.table(Study.HEADER, Study.rows(ref, group));
        doc.para(Study.CAVEAT);
        List<String> models = new ArrayList<>();
        List<Double> study = new ArrayList<>();
        List<SummaryTable.Row> ours = new ArrayList<>();
        ref.models().forEach((model, s) -> group.stream().filter(r -> r.model().equals(model)).findFirst().ifPresent(r -> {
            models.add(model);
            study.add(s.f1());
            ours.add(r);
        }));
        if (models.isEmpty()) return;
        double[] nan = new double[models.size()];
        Arrays.fill(nan, Double.NaN);
        doc.figure("reference-" + Figure.slug(fs, protocol), "Study F1 beside ours", 960, 420,
                Charts.intervalDots("F1: the study's single split vs our repeated splits",
                        "feature set " + fs + ", " + protocol + "; whiskers: " + interval, "F1", models, List.of(
                                new Charts.IntervalSeries("Study F1 (one split)", study.stream().mapToDouble(d -> d).toArray(), nan, nan),
                                RunSection.series("Our Paper F1, mean " + interval, ours.stream().map(r -> r.stat(Metric.PAPER_F1)).toList()),
                                RunSection.series("Our Macro F1, mean " + interval, ours.stream().map(r -> r.stat(Metric.MACRO_F1)).toList()))));
    }
}
