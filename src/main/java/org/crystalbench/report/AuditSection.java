package org.crystalbench.report;

import java.util.ArrayList;
import java.util.List;
import org.crystalbench.audit.AuditTable;
import org.crystalbench.audit.FeatureAudit;
import org.crystalbench.report.Cells;

/** The leakage audit (audit.csv): a table and a bar chart of H(target | feature) per feature set and protocol. */
final class AuditSection {
    private AuditSection() {}

    private static final List<String> HEADER = List.of("Feature", "Kind", "H(target | feature), bits", "Categories",
            "Pure share", "Lookup accuracy", "Best single-feature accuracy", "Flagged");

    private static String cell(Double v) {
        return v == null || Double.isNaN(v) ? "" : Cells.f3(v);
    }

    private static double entropy(FeatureAudit a) {
        return a.conditionalEntropyBits() == null ? Double.NaN : a.conditionalEntropyBits();
    }

    static void write(Doc doc, List<AuditTable.Row> rowsOfFile) {
        var audit = Group.of(rowsOfFile, r -> new Group(r.featureSet(), r.audit().protocol()));
        doc.section("Leakage audit");
        doc.para("H(target | feature) is the class entropy left once the feature is known, in bits: 0 means the feature "
                + "alone determines the class (a lookup table would be perfect). Flagged features are marked **yes** and "
                + "drawn in vermillion. Fields that do not apply to a feature's kind are blank.");
        for (var e : audit.entrySet()) {
            Group g = e.getKey();
            List<FeatureAudit> rows = e.getValue().stream().map(AuditTable.Row::audit).toList();
            doc.para("### Feature set `" + g.featureSet() + "`, protocol `" + g.protocol() + "`");
            List<List<String>> table = new ArrayList<>();
            for (FeatureAudit a : rows) {
                table.add(List.of(a.flagged() ? "**" + a.feature() + "**" : a.feature(), a.kind().label(), cell(a.conditionalEntropyBits()),
                        a.categories() == null ? "" : a.categories().toString(), cell(a.pureShare()), cell(a.lookupAccuracy()),
                        cell(a.bestSingleAccuracy()), a.flagged() ? "**yes**" : "no"));
            }
            doc.table(HEADER, table);
            List<FeatureAudit> drawn = rows.stream().filter(a -> !Double.isNaN(entropy(a))).toList();
            if (drawn.isEmpty()) {
                doc.para("_No feature has a conditional entropy in audit.csv for this group: no chart._");
                continue;
            }
            double[] values = drawn.stream().mapToDouble(AuditSection::entropy).toArray();
            double[] errors = new double[drawn.size()];
            java.util.Arrays.fill(errors, Double.NaN);
            boolean[] flagged = new boolean[drawn.size()];
            for (int i = 0; i < drawn.size(); i++) flagged[i] = drawn.get(i).flagged();
            int skipped = rows.size() - drawn.size();
            if (skipped > 0) {
                doc.para("_Without a conditional entropy in audit.csv, not drawn: " + String.join(", ",
                        rows.stream().filter(a -> Double.isNaN(entropy(a))).map(FeatureAudit::feature).toList()) + "._");
            }
            doc.figure("audit-entropy-" + Figure.slug(g.featureSet(), g.protocol().label()),
                    "H(target | feature) per feature, " + g.featureSet() + ", " + g.protocol(), 900, Math.max(240, 120 + 34 * drawn.size()),
                    Charts.bars("H(target | feature): " + g.featureSet() + ", " + g.protocol(),
                            "lower = more informative; 0 = determines the class. Vermillion: flagged"
                                    + (skipped > 0 ? "; " + skipped + " feature(s) without a value not drawn" : ""),
                            "conditional entropy (bits)", drawn.stream().map(a -> a.flagged() ? a.feature() + " [flagged]" : a.feature()).toList(), values, errors, flagged,
                            true, "0.000"));
        }
    }
}
