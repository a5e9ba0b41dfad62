package org.crystalbench.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.report.Cells;
import org.crystalbench.results.Estimate;
import org.crystalbench.results.ImportanceTable;

/** Permutation importance ({@code run --importance}): per feature set and protocol, a table and a dot plot. */
final class ImportanceSection {
    private ImportanceSection() {}

    static void write(Doc doc, List<ImportanceTable.Row> rows, String interval, ExperimentConfig config) {
        doc.section("Permutation feature importance");
        doc.para("Drop in macro F1 on each split's test rows when one input is shuffled across them (mean over splits with its "
                + interval + "; each split averages several shuffles, the same shuffles for every model). A categorical "
                + "column moves as one, and so does a group of derived columns (all element fractions, all element-property "
                + "statistics). Near 0: the model does not rely on the input, or another input carries the same information; "
                + "below 0: shuffling helped by chance. From importance.csv.");
        Map<Group, List<ImportanceTable.Row>> groups = Group.of(rows, r -> new Group(r.featureSet(), r.protocol()));
        for (var e : groups.entrySet()) {
            Group g = e.getKey();
            var features = new LinkedHashSet<String>();
            var models = new LinkedHashSet<String>();
            e.getValue().forEach(r -> { features.add(r.feature()); models.add(r.model()); });
            String where = "`" + g.featureSet() + "`, " + Cells.protocolTitle(config, g.protocol());
            doc.para("### Importance: " + where);
            List<String> featureList = List.copyOf(features);
            List<Charts.IntervalSeries> series = new ArrayList<>();
            for (String m : models) {
                List<Estimate> est = featureList.stream().map(f -> e.getValue().stream()
                        .filter(r -> r.model().equals(m) && r.feature().equals(f)).findFirst()
                        .map(r -> new Estimate(r.mean(), r.sd(), r.ci()))
                        .orElse(new Estimate(Double.NaN, Double.NaN, new org.crystalbench.stats.Interval(Double.NaN, Double.NaN))))
                        .toList();
                series.add(RunSection.series(m, est));
            }
            doc.figure("importance-" + Figure.slug(g.featureSet(), g.protocol().label()), "Permutation importance per input and model, " + where,
                    Math.max(960, 170 * featureList.size()), 460,
                    Charts.intervalDots("Permutation importance: " + g.featureSet() + ", " + g.protocol(),
                            "drop in macro F1 when the input is shuffled; whiskers: " + interval, "Macro F1 drop", featureList, series));
            List<List<String>> table = new ArrayList<>();
            for (String f : featureList) {
                List<String> row = new ArrayList<>(List.of(f));
                for (String m : models) {
                    row.add(e.getValue().stream().filter(r -> r.model().equals(m) && r.feature().equals(f)).findFirst()
                            .map(r -> Cells.meanCi(new Estimate(r.mean(), r.sd(), r.ci()))).orElse("–"));
                }
                table.add(row);
            }
            List<String> header = new ArrayList<>(List.of("Input"));
            header.addAll(models);
            doc.table(header, table);
        }
    }
}
