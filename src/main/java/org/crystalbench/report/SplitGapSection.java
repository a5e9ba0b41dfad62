package org.crystalbench.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.crystalbench.audit.SplitLeakage;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.metrics.Metric;
import org.crystalbench.report.Cells;
import org.crystalbench.results.Estimate;
import org.crystalbench.results.SummaryTable;
import org.crystalbench.splits.Protocol;

/**
 * Random vs grouped splits side by side: per feature set and model, mean macro F1 under a random protocol (cv,
 * holdout) and its grouped counterpart (grouped-cv, grouped-holdout) of the same run, their difference, and from
 * leakage.csv the share of the random splits' test rows whose group is in training. The difference is what random
 * splits overstate for rows of a group the model has not seen (docs/splits.md); it is only drawn when the run has both.
 */
final class SplitGapSection {
    private SplitGapSection() {}

    private static final Map<Protocol, Protocol> GROUPED = Map.of(Protocol.CV, Protocol.GROUPED_CV,
            Protocol.HOLDOUT, Protocol.GROUPED_HOLDOUT);

    /** Whether {@code summary} holds a random protocol and its grouped counterpart for some feature set. */
    static boolean applies(List<SummaryTable.Row> summary) {
        return summary.stream().anyMatch(r -> GROUPED.containsKey(r.protocol()) && summary.stream()
                .anyMatch(o -> o.featureSet().equals(r.featureSet()) && o.protocol() == GROUPED.get(r.protocol())));
    }

    /** @param leakage leakage.csv's rows, or null when the run wrote none */
    static void write(Doc doc, List<SummaryTable.Row> summary, List<SplitLeakage> leakage, String interval, ExperimentConfig config) {
        doc.section("Random vs grouped splits");
        doc.para("Mean macro F1 of each model under random splits and under splits that keep every group on one side "
                + "(whiskers and brackets: " + interval + "). A random split's test rows may share their group with "
                + "training rows (for materials: another polymorph of the same formula), so its score measures rows like "
                + "those seen; the grouped score is the one for a new group. Difference: random minus grouped, of the means "
                + "(the splits differ, so the two intervals are not paired). From summary.csv and leakage.csv; docs/splits.md.");
        var featureSets = new LinkedHashSet<String>();
        summary.forEach(r -> featureSets.add(r.featureSet()));
        for (var pair : List.of(Map.entry(Protocol.CV, Protocol.GROUPED_CV), Map.entry(Protocol.HOLDOUT, Protocol.GROUPED_HOLDOUT))) {
            for (String fs : featureSets) {
                List<SummaryTable.Row> random = rows(summary, fs, pair.getKey()), grouped = rows(summary, fs, pair.getValue());
                if (random.isEmpty() || grouped.isEmpty()) continue;
                String where = "`" + fs + "`, " + Cells.protocolTitle(config, pair.getKey()) + " vs "
                        + Cells.protocolTitle(config, pair.getValue());
                doc.para("### " + where);
                if (leakage != null) {
                    leakage.stream().filter(l -> l.featureSet().equals(fs) && l.protocol() == pair.getKey()
                            && !Double.isNaN(l.testGroupShare())).findFirst().ifPresent(l -> doc.para(Cells.fmt(
                            "Under %s, %.1f%% of the test rows have their group in the training rows (leakage.csv).",
                            pair.getKey().label(), 100 * l.testGroupShare())));
                }
                List<String> models = random.stream().map(SummaryTable.Row::model)
                        .filter(m -> grouped.stream().anyMatch(g -> g.model().equals(m))).toList();
                List<Estimate> r = models.stream().map(m -> f1(random, m)).toList(), g = models.stream().map(m -> f1(grouped, m)).toList();
                doc.figure("split-gap-" + Figure.slug(fs, pair.getKey().label()), "Macro F1 under random and grouped splits, " + where,
                        Math.max(900, 160 * models.size()), 460,
                        Charts.intervalDots("Random vs grouped: " + fs, "mean macro F1; whiskers: " + interval, "Macro F1", models,
                                List.of(RunSection.series(pair.getKey().label(), r), RunSection.series(pair.getValue().label(), g))));
                List<List<String>> table = new ArrayList<>();
                for (int i = 0; i < models.size(); i++) {
                    table.add(List.of(models.get(i), Cells.meanCi(r.get(i)), Cells.meanCi(g.get(i)),
                            Cells.fmt("%+.3f", r.get(i).mean() - g.get(i).mean())));
                }
                doc.table(List.of("Model", pair.getKey().label() + " macro F1", pair.getValue().label() + " macro F1", "Difference"), table);
            }
        }
    }

    private static List<SummaryTable.Row> rows(List<SummaryTable.Row> summary, String fs, Protocol p) {
        return summary.stream().filter(r -> r.featureSet().equals(fs) && r.protocol() == p).toList();
    }

    private static Estimate f1(List<SummaryTable.Row> rows, String model) {
        return rows.stream().filter(r -> r.model().equals(model)).findFirst().orElseThrow().stat(Metric.MACRO_F1);
    }
}
