package org.crystalbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.report.Cells;
import org.crystalbench.results.PerClassTable;

/**
 * report.md's per-class section, from per-class.csv: for each feature set and protocol, every model's precision,
 * recall and F1 on each class, means over the splits, so a class that every model misses shows at once (a macro
 * mean hides it among the others).
 */
final class PerClassSection {
    private PerClassSection() {}

    /** Mean precision, recall, F1 and test rows of one model on one class over its splits. */
    record Means(double precision, double recall, double f1, double support) {}

    /** Means per group, model and class, in the file's order. */
    static Map<Group, Map<String, Map<String, Means>>> means(List<PerClassTable.Row> rows) {
        Map<Group, Map<String, Map<String, List<PerClassTable.Row>>>> by = new LinkedHashMap<>();
        for (PerClassTable.Row r : rows) {
            by.computeIfAbsent(new Group(r.featureSet(), r.protocol()), g -> new LinkedHashMap<>())
                    .computeIfAbsent(r.model(), m -> new LinkedHashMap<>())
                    .computeIfAbsent(r.cls(), c -> new ArrayList<>()).add(r);
        }
        Map<Group, Map<String, Map<String, Means>>> out = new LinkedHashMap<>();
        by.forEach((g, models) -> models.forEach((m, classes) -> classes.forEach((c, rs) -> out
                .computeIfAbsent(g, k -> new LinkedHashMap<>()).computeIfAbsent(m, k -> new LinkedHashMap<>())
                .put(c, new Means(rs.stream().mapToDouble(PerClassTable.Row::precision).average().orElse(Double.NaN),
                        rs.stream().mapToDouble(PerClassTable.Row::recall).average().orElse(Double.NaN),
                        rs.stream().mapToDouble(PerClassTable.Row::f1).average().orElse(Double.NaN),
                        rs.stream().mapToInt(PerClassTable.Row::support).average().orElse(0))))));
        return out;
    }

    static void write(Doc doc, List<PerClassTable.Row> rows, ExperimentConfig config) {
        doc.section("Per-class scores");
        doc.para("Each model's precision / recall / F1 on each class, means over the splits (from `per-class.csv`; a class "
                + "a split never predicts has precision 0 there). *Test rows* is the class's mean number of test rows per "
                + "split. **Bold**: the model's weakest class by F1.");
        for (var g : means(rows).entrySet()) {
            Map<String, Map<String, Means>> models = g.getValue();
            LinkedHashSet<String> classes = new LinkedHashSet<>();
            models.values().forEach(m -> classes.addAll(m.keySet()));
            doc.para("### Feature set `" + g.getKey().featureSet() + "`, " + Cells.protocolTitle(config, g.getKey().protocol()));
            Map<String, String> weakest = new LinkedHashMap<>();
            models.forEach((m, byClass) -> byClass.entrySet().stream().filter(e -> !Double.isNaN(e.getValue().f1()))
                    .min(java.util.Comparator.comparingDouble(e -> e.getValue().f1())).ifPresent(e -> weakest.put(m, e.getKey())));
            List<List<String>> table = new ArrayList<>();
            for (String c : classes) {
                double support = models.values().stream().map(m -> m.get(c)).filter(java.util.Objects::nonNull)
                        .mapToDouble(Means::support).findFirst().orElse(0);
                List<String> row = new ArrayList<>(List.of(c, String.format(java.util.Locale.ROOT, "%.1f", support)));
                models.forEach((m, byClass) -> {
                    Means s = byClass.get(c);
                    String cell = s == null ? "–" : Cells.f3(s.precision()) + " / " + Cells.f3(s.recall()) + " / " + Cells.f3(s.f1());
                    row.add(c.equals(weakest.get(m)) ? "**" + cell + "**" : cell);
                });
                table.add(row);
            }
            List<String> header = new ArrayList<>(List.of("Class", "Test rows"));
            models.keySet().forEach(m -> header.add(m + " P / R / F1"));
            doc.table(header, table);
        }
    }
}
