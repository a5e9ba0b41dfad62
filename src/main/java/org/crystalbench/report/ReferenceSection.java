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

/** Our scores beside a published result (the {@code reference} block of the recorded config): summary.md's section and a chart. */
final class ReferenceSection {
    private ReferenceSection() {}

    /** With {@code summaryMd} (the folder has summary.md, which shows the comparison's tables) a link to them, else the tables. */
    static void write(Doc doc, ExperimentConfig config, List<SummaryTable.Row> summary, CiSpec ci, boolean summaryMd) {
        Reference ref = config.reference();
        String fs = Study.featureSet(config), protocol = Study.protocol(config).label(), interval = Doc.interval(ci);
        List<SummaryTable.Row> group = Study.group(config, summary);
        doc.section(StudyMarkdown.title(ref));
        if (summaryMd) doc.para("The comparison's tables (the reference's P/R/F1 beside ours, its values against every setting, which "
                + "F1 it reports) are in [summary.md](summary.md), section *" + StudyMarkdown.title(ref) + "*.");
        else doc.para(StudyMarkdown.markdown(config, summary, ci == null ? "CI" : ci.label()));
        if (group.isEmpty()) {
            doc.note("comparison with the reference: summary.csv has no rows for its feature set `" + fs
                    + "` and protocol `" + protocol + "`: no chart");
            return;
        }
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
        doc.figure("reference-" + Figure.slug(fs, protocol), "Reference F1 beside ours", 960, 420,
                Charts.intervalDots("F1: the reference's single split vs our repeated splits",
                        "feature set " + fs + ", " + protocol + "; whiskers: " + interval, "F1", models, List.of(
                                new Charts.IntervalSeries("Reference F1 (one split)", study.stream().mapToDouble(d -> d).toArray(), nan, nan),
                                RunSection.series("Our Paper F1, mean " + interval, ours.stream().map(r -> r.stat(Metric.PAPER_F1)).toList()),
                                RunSection.series("Our Macro F1, mean " + interval, ours.stream().map(r -> r.stat(Metric.MACRO_F1)).toList()))));
    }
}
