package org.crystalbench.report;

import org.crystalbench.io.CsvTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/** The leakage audit (audit.csv): a table and a bar chart of H(target | feature) per feature set and protocol. */
final class AuditSection {
    private AuditSection() {}

    static final List<String> REQUIRED = List.of("feature_set", "protocol", "feature", "kind", "conditional_entropy_bits", "flagged");
    /** Optional columns shown in the table when present, with their headings. */
    private static final Map<String, String> OPTIONAL = new LinkedHashMap<>();

    static {
        OPTIONAL.put("categories", "Categories");
        OPTIONAL.put("pure_share", "Pure share");
        OPTIONAL.put("lookup_accuracy", "Lookup accuracy");
        OPTIONAL.put("best_single_accuracy", "Best single-feature accuracy");
    }

    record Entry(String feature, String kind, double entropy, Map<String, String> extra, boolean flagged) {}

    /** Validates everything first: returns the rows per (feature set, protocol). */
    static Map<RunSection.Group, List<Entry>> read(CsvTable t) {
        t.require(REQUIRED);
        Map<RunSection.Group, List<Entry>> out = new LinkedHashMap<>();
        for (CSVRecord r : t.rows()) {
            Map<String, String> extra = new LinkedHashMap<>();
            for (String c : OPTIONAL.keySet()) {
                if (!t.has(c)) continue;
                double v = t.num(r, c);
                extra.put(c, Double.isNaN(v) ? "" : c.equals("categories") ? Long.toString(Math.round(v)) : Doc.f3(v));
            }
            out.computeIfAbsent(new RunSection.Group(t.text(r, "feature_set"), t.text(r, "protocol")), g -> new ArrayList<>())
                    .add(new Entry(t.text(r, "feature"), t.text(r, "kind"), t.num(r, "conditional_entropy_bits"), extra,
                            t.bool(r, "flagged")));
        }
        return out;
    }

    static void write(Doc doc, Map<RunSection.Group, List<Entry>> audit) {
        doc.section("Leakage audit");
        doc.para("H(target | feature) is the class entropy left once the feature is known, in bits: 0 means the feature "
                + "alone determines the class (a lookup table would be perfect). Flagged features are marked **yes** and "
                + "drawn in vermillion. Fields that do not apply to a feature's kind are blank.");
        for (var e : audit.entrySet()) {
            RunSection.Group g = e.getKey();
            List<Entry> rows = e.getValue();
            doc.para("### Feature set `" + g.featureSet() + "`, protocol `" + g.protocol() + "`");
            List<String> header = new ArrayList<>(List.of("Feature", "Kind", "H(target | feature), bits"));
            List<String> extraCols = rows.getFirst().extra().keySet().stream().toList();
            extraCols.forEach(c -> header.add(OPTIONAL.get(c)));
            header.add("Flagged");
            List<List<String>> table = new ArrayList<>();
            for (Entry a : rows) {
                List<String> row = new ArrayList<>(List.of(a.flagged() ? "**" + a.feature() + "**" : a.feature(), a.kind(),
                        Double.isNaN(a.entropy()) ? "" : Doc.f3(a.entropy())));
                extraCols.forEach(c -> row.add(a.extra().get(c)));
                row.add(a.flagged() ? "**yes**" : "no");
                table.add(row);
            }
            doc.table(header, table);
            List<Entry> drawn = rows.stream().filter(a -> !Double.isNaN(a.entropy())).toList();
            if (drawn.isEmpty()) {
                doc.para("_No feature has a conditional entropy in audit.csv for this group: no chart._");
                continue;
            }
            double[] values = drawn.stream().mapToDouble(Entry::entropy).toArray();
            double[] errors = new double[drawn.size()];
            java.util.Arrays.fill(errors, Double.NaN);
            boolean[] flagged = new boolean[drawn.size()];
            for (int i = 0; i < drawn.size(); i++) flagged[i] = drawn.get(i).flagged();
            int skipped = rows.size() - drawn.size();
            if (skipped > 0) {
                doc.para("_Without a conditional entropy in audit.csv, not drawn: " + String.join(", ",
                        rows.stream().filter(a -> Double.isNaN(a.entropy())).map(Entry::feature).toList()) + "._");
            }
            doc.figure("audit-entropy-" + Figure.slug(g.featureSet(), g.protocol()),
                    "H(target | feature) per feature, " + g.featureSet() + ", " + g.protocol(), 900, Math.max(240, 120 + 34 * drawn.size()),
                    Charts.bars("H(target | feature): " + g.featureSet() + ", " + g.protocol(),
                            "lower = more informative; 0 = determines the class. Vermillion: flagged"
                                    + (skipped > 0 ? "; " + skipped + " feature(s) without a value not drawn" : ""),
                            "conditional entropy (bits)", drawn.stream().map(a -> a.flagged() ? a.feature() + " [flagged]" : a.feature()).toList(), values, errors, flagged,
                            true, "0.000"));
        }
    }
}
