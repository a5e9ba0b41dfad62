package org.crystalbench.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Csv;
import org.crystalbench.io.CsvTable;
import org.crystalbench.splits.Protocol;

/**
 * audit.csv: one row per (feature set containing the feature, protocol, feature). A feature of the
 * dataset section that no feature set uses has no row (nothing was scored with it); fields that do not
 * apply to a feature's kind are empty.
 */
public final class AuditTable {
    private AuditTable() {}

    public static final String FILE = "audit.csv";
    public static final List<String> COLUMNS = List.of("feature_set", "protocol", "feature", "kind", "categories",
            "conditional_entropy_bits", "pure_share", "lookup_accuracy", "best_single_accuracy", "flagged");

    public record Row(String featureSet, FeatureAudit audit) {}

    public static List<Row> rows(AuditReport report) {
        List<Row> out = new ArrayList<>();
        for (var fs : report.featureSets().entrySet()) {
            for (FeatureAudit a : report.features()) if (fs.getValue().contains(a.feature())) out.add(new Row(fs.getKey(), a));
        }
        return out;
    }

    static String csv(List<Row> rows) {
        return Csv.of(COLUMNS, rows.stream().<List<?>>map(r -> {
            FeatureAudit a = r.audit();
            return Arrays.asList(r.featureSet(), a.protocol(), a.feature(), a.kind().label(), a.categories(),
                    a.conditionalEntropyBits(), a.pureShare(), a.lookupAccuracy(), a.bestSingleAccuracy(), a.flagged());
        }).toList());
    }

    public static void write(Path dir, List<Row> rows) {
        AtomicFiles.write(dir.resolve(FILE), csv(rows));
    }

    public static List<Row> read(Path file) {
        CsvTable t = CsvTable.read(file, COLUMNS);
        return t.map(r -> new Row(t.text(r, "feature_set"), new FeatureAudit(t.parse(r, "protocol", Protocol::of),
                t.text(r, "feature"), t.parse(r, "kind", k -> FeatureAudit.Kind.valueOf(k.toUpperCase(Locale.ROOT))),
                t.text(r, "categories").isEmpty() ? null : t.integer(r, "categories"), t.optional(r, "conditional_entropy_bits"),
                t.optional(r, "pure_share"), t.optional(r, "lookup_accuracy"), t.optional(r, "best_single_accuracy"),
                t.bool(r, "flagged"))));
    }
}
