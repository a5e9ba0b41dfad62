package org.crystalbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.audit.AuditReport;
import org.crystalbench.audit.FeatureAudit;
import org.crystalbench.audit.LeakageAudit;
import org.crystalbench.audit.SplitLeakage;
import org.crystalbench.splits.Protocol;

/** The leakage audit ({@link AuditReport}) as Markdown: summary.md's section and the {@code audit} command's output. */
public final class AuditMarkdown {
    private AuditMarkdown() {}

    /** A Markdown section: one row per feature, the test accuracies per protocol side by side, then the shared rows. */
    public static String of(AuditReport a, String heading) {
        List<Protocol> protocols = a.features().stream().map(FeatureAudit::protocol).distinct().toList();
        var md = new StringBuilder(heading).append("\n\n");
        md.append("Each feature alone against `").append(a.target()).append("`. Categorical: H(target | feature) and the pure "
                + "share (rows whose value occurs with one class) on all rows; *test accuracy* is a value -> majority-class "
                + "lookup fitted on each split's training rows (unseen values predict the training majority). Numeric: "
                + "*test accuracy* of the best split of the feature's axis into at most as many intervals as classes, "
                + "fitted on the training rows. Accuracies are means over the protocol's test splits; always predicting "
                + "the training majority scores ");
        md.append(String.join(", ", protocols.stream().filter(a.majorityAccuracy()::containsKey)
                .map(p -> f3(a.majorityAccuracy().get(p)) + " (" + p + ")").toList()));
        md.append(". **Flagged** (⚠): test accuracy >= ").append(f3(LeakageAudit.MIN_ACCURACY))
                .append(", or H <= ").append(f3(LeakageAudit.MAX_ENTROPY_BITS)).append(" bits with at least ")
                .append((int) LeakageAudit.MIN_ROWS_PER_CATEGORY)
                .append(" rows per category (a low H over mostly one-row categories is no evidence).\n\n");
        List<String> header = new ArrayList<>(List.of("Feature", "Kind", "Categories", "H(target | feature), bits", "Pure share"));
        for (Protocol p : protocols) header.add("Test accuracy, " + p);
        header.addAll(List.of("Flag", "In feature sets"));
        Map<String, List<FeatureAudit>> byFeature = new LinkedHashMap<>();
        for (FeatureAudit f : a.features()) byFeature.computeIfAbsent(f.feature(), x -> new ArrayList<>()).add(f);
        List<List<String>> rows = new ArrayList<>();
        for (var e : byFeature.entrySet()) {
            FeatureAudit f = e.getValue().getFirst();
            boolean cat = f.kind() == FeatureAudit.Kind.CATEGORICAL;
            List<String> row = new ArrayList<>(List.of(e.getKey(), f.kind().label(), cat ? f.categories().toString() : "",
                    cat ? f3(f.conditionalEntropyBits()) : "", cat ? f3(f.pureShare()) : ""));
            for (Protocol p : protocols) {
                row.add(e.getValue().stream().filter(x -> x.protocol().equals(p)).findFirst().map(x -> f3(x.testAccuracy())).orElse(""));
            }
            row.add(e.getValue().stream().anyMatch(FeatureAudit::flagged) ? "⚠ **flagged**" : "");
            row.add(String.join(", ", a.setsWith(e.getKey())));
            rows.add(row);
        }
        md.append(Cells.table(header, rows));
        List<String> flagged = a.flaggedFeatures();
        if (!flagged.isEmpty()) {
            md.append("\n**Warning:** ").append(String.join(", ", flagged.stream().map(f -> "`" + f + "`").toList()))
                    .append(flagged.size() == 1 ? " nearly determines" : " nearly determine").append(" the target; "
                            + "scores of feature sets that use ").append(flagged.size() == 1 ? "it" : "them")
                    .append(" measure a lookup of the label, not a model that generalises.\n");
        }
        return md.append(leakage(a)).toString();
    }

    /** The shared-rows section: duplicates and groups across training and test, per feature set and protocol. */
    static String leakage(AuditReport a) {
        if (a.leakage().isEmpty()) return "";
        var md = new StringBuilder("\n### Rows shared between training and test\n\n");
        md.append("*Duplicates*: rows whose values of the feature set equal another row's, all with the same label / with "
                + "different labels. *Test rows with a duplicate in training*: mean share over the protocol's splits. ");
        md.append(a.groups() == null ? "No `protocols.groups` is configured, so shared groups are not counted. "
                : "*Test rows with their group in training*: mean share over splits of test rows whose group (" + a.groups()
                        + ") has a training row, and the most on one split. ");
        md.append("**Flagged** (⚠): any test row meets its group in training, or at least ")
                .append(f3(SplitLeakage.MAX_DUPLICATE_SHARE)).append(" of test rows meet an exact duplicate.\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (SplitLeakage l : a.leakage()) {
            boolean noGroups = Double.isNaN(l.testGroupShare());
            rows.add(List.of(l.featureSet(), l.protocol().toString(), String.valueOf(l.rows()), String.valueOf(l.duplicateRowsSame()),
                    String.valueOf(l.duplicateRowsConflicting()), f3(l.testDuplicateShare()), noGroups ? "–" : f3(l.testGroupShare()),
                    noGroups ? "–" : String.valueOf(l.testGroupRowsMax()), l.flagged() ? "⚠ **flagged**" : ""));
        }
        return md.append(Cells.table(List.of("Feature set", "Protocol", "Rows", "Duplicates, same label",
                "Duplicates, different labels", "Test rows with a duplicate in training", "Test rows with their group in training",
                "Most on one split", "Flag"), rows)).toString();
    }

    /** Three decimals, NaN as "NaN" (not {@link Cells#f3}'s "–"): the audit's numbers are never missing. */
    private static String f3(double v) {
        return Cells.fmt("%.3f", v);
    }
}
