package org.crystalbench.audit;

import org.crystalbench.splits.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.crystalbench.evaluation.Experiment;

/**
 * The leakage audit of an experiment's data on its splits, with its renderings ({@link AuditTable} writes
 * audit.csv): the Markdown section (also the {@code audit} command's output) and one warning per flagged feature.
 *
 * @param majorityAccuracy per protocol, the mean test accuracy of always predicting the training majority
 * @param leakage          per feature set and protocol, test rows that meet a duplicate or their group in training
 * @param groups           what the groups are ("Formula (reduced composition)"), or null without {@code protocols.groups}
 */
public record AuditReport(String target, List<FeatureAudit> features, Map<String, List<String>> featureSets,
                          Map<Protocol, Double> majorityAccuracy, List<SplitLeakage> leakage, String groups) {

    public AuditReport {
        leakage = leakage == null ? List.of() : List.copyOf(leakage);
    }

    /** A report without the shared-rows part. */
    public AuditReport(String target, List<FeatureAudit> features, Map<String, List<String>> featureSets,
                       Map<Protocol, Double> majorityAccuracy) {
        this(target, features, featureSets, majorityAccuracy, List.of(), null);
    }

    public static AuditReport of(Experiment exp) {
        return of(exp, 1);
    }

    /** The audit with one feature per task on {@code threads} threads; the same report for every thread count. */
    public static AuditReport of(Experiment exp, int threads) {
        Map<Protocol, Double> majority = new LinkedHashMap<>();
        exp.splits().forEach((p, ss) -> majority.put(p,
                LeakageAudit.majorityAccuracy(exp.data().y(), exp.data().classes().size(), ss)));
        var columns = columns(exp.config().featureSets(), exp.data().groups());
        var g = exp.config().protocols().groups();
        return new AuditReport(exp.config().dataset().target(), LeakageAudit.of(exp.data(), exp.splits(), threads), columns, majority,
                SplitLeakage.of(exp.data(), columns, exp.splits(), exp.groups()),
                g == null ? null : g.column() + (g.key() == org.crystalbench.config.ProtocolSpec.GroupKey.COMPOSITION ? ", reduced composition" : ""));
    }

    /**
     * Feature sets as the columns they use: a group of derived columns ("element fractions") stands for its
     * columns, each audited on its own, so a derived column that leaks is flagged like any other.
     */
    static Map<String, List<String>> columns(Map<String, List<String>> featureSets, Map<String, List<String>> groups) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        featureSets.forEach((name, features) -> out.put(name, features.stream()
                .flatMap(f -> groups.getOrDefault(f, List.of(f)).stream()).toList()));
        return out;
    }

    /** Flagged feature names, each once, in audit order. */
    public List<String> flaggedFeatures() {
        return features.stream().filter(FeatureAudit::flagged).map(FeatureAudit::feature).distinct().toList();
    }

    /** Feature sets that contain {@code feature}, in config order. */
    public List<String> setsWith(String feature) {
        return featureSets.entrySet().stream().filter(e -> e.getValue().contains(feature)).map(Map.Entry::getKey).toList();
    }

    /** One line per flagged feature, for stderr. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        for (String f : flaggedFeatures()) {
            List<FeatureAudit> rows = features.stream().filter(a -> a.feature().equals(f)).toList();
            FeatureAudit first = rows.getFirst();
            var sb = new StringBuilder("WARNING: feature '").append(f).append("' nearly determines '").append(target).append("': ");
            if (first.kind() == FeatureAudit.Kind.CATEGORICAL) {
                sb.append("H(target|feature) = ").append(fmt(first.conditionalEntropyBits())).append(" bits, lookup accuracy ");
            } else {
                sb.append("best single-feature accuracy ");
            }
            sb.append(String.join(", ", rows.stream().map(a -> fmt(a.testAccuracy()) + " (" + a.protocol() + ")").toList()));
            List<String> sets = setsWith(f);
            sb.append(sets.isEmpty() ? "; no feature set uses it" : "; used by feature sets: " + String.join(", ", sets));
            out.add(sb.toString());
        }
        // Shared groups: one line per protocol (the share is the same for every feature set).
        Map<Protocol, SplitLeakage> byProtocol = new LinkedHashMap<>();
        for (SplitLeakage l : leakage) if (l.testGroupRowsMax() > 0) byProtocol.putIfAbsent(l.protocol(), l);
        byProtocol.forEach((p, l) -> out.add(String.format(Locale.ROOT, "WARNING: protocol '%s': %.0f%% of test rows have "
                + "their group (%s) in training on average: its scores are for known groups, not new ones (a grouped "
                + "protocol keeps groups apart)", p, 100 * l.testGroupShare(), groups)));
        for (SplitLeakage l : leakage) {
            if (l.testDuplicateShare() >= SplitLeakage.MAX_DUPLICATE_SHARE) {
                out.add(String.format(Locale.ROOT, "WARNING: feature set '%s', protocol '%s': %.0f%% of test rows have an "
                        + "exact duplicate of their features in training", l.featureSet(), l.protocol(), 100 * l.testDuplicateShare()));
            }
        }
        return out;
    }

    /** The shared-rows section: duplicates and groups across training and test, per feature set and protocol. */
    public String leakageMarkdown() {
        if (leakage.isEmpty()) return "";
        var md = new StringBuilder("\n### Rows shared between training and test\n\n");
        md.append("*Duplicates*: rows whose values of the feature set equal another row's, all with the same label / with "
                + "different labels. *Test rows with a duplicate in training*: mean share over the protocol's splits. ");
        md.append(groups == null ? "No `protocols.groups` is configured, so shared groups are not counted. "
                : "*Test rows with their group in training*: mean share over splits of test rows whose group (" + groups
                        + ") has a training row, and the most on one split. ");
        md.append("**Flagged** (⚠): any test row meets its group in training, or at least ")
                .append(fmt(SplitLeakage.MAX_DUPLICATE_SHARE)).append(" of test rows meet an exact duplicate.\n\n");
        md.append("| Feature set | Protocol | Rows | Duplicates, same label | Duplicates, different labels | "
                + "Test rows with a duplicate in training | Test rows with their group in training | Most on one split | Flag |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (SplitLeakage l : leakage) {
            md.append("| ").append(l.featureSet()).append(" | ").append(l.protocol()).append(" | ").append(l.rows()).append(" | ")
                    .append(l.duplicateRowsSame()).append(" | ").append(l.duplicateRowsConflicting()).append(" | ")
                    .append(fmt(l.testDuplicateShare())).append(" | ")
                    .append(Double.isNaN(l.testGroupShare()) ? "–" : fmt(l.testGroupShare())).append(" | ")
                    .append(Double.isNaN(l.testGroupShare()) ? "–" : String.valueOf(l.testGroupRowsMax())).append(" | ")
                    .append(l.flagged() ? "⚠ **flagged**" : "").append(" |\n");
        }
        return md.toString();
    }

    /** A Markdown section: one row per feature, the test accuracies per protocol side by side. */
    public String markdown(String heading) {
        List<Protocol> protocols = features.stream().map(FeatureAudit::protocol).distinct().toList();
        var md = new StringBuilder(heading).append("\n\n");
        md.append("Each feature alone against `").append(target).append("`. Categorical: H(target | feature) and the pure "
                + "share (rows whose value occurs with one class) on all rows; *test accuracy* is a value -> majority-class "
                + "lookup fitted on each split's training rows (unseen values predict the training majority). Numeric: "
                + "*test accuracy* of the best split of the feature's axis into at most as many intervals as classes, "
                + "fitted on the training rows. Accuracies are means over the protocol's test splits; always predicting "
                + "the training majority scores ");
        md.append(String.join(", ", protocols.stream().filter(majorityAccuracy::containsKey)
                .map(p -> fmt(majorityAccuracy.get(p)) + " (" + p + ")").toList()));
        md.append(". **Flagged** (⚠): test accuracy >= ").append(fmt(LeakageAudit.MIN_ACCURACY))
                .append(", or H <= ").append(fmt(LeakageAudit.MAX_ENTROPY_BITS)).append(" bits with at least ")
                .append((int) LeakageAudit.MIN_ROWS_PER_CATEGORY)
                .append(" rows per category (a low H over mostly one-row categories is no evidence).\n\n");
        md.append("| Feature | Kind | Categories | H(target \\| feature), bits | Pure share |");
        for (Protocol p : protocols) md.append(" Test accuracy, ").append(p).append(" |");
        md.append(" Flag | In feature sets |\n|---|---|---|---|---|");
        md.append("---|".repeat(protocols.size())).append("---|---|\n");
        Map<String, List<FeatureAudit>> byFeature = new LinkedHashMap<>();
        for (FeatureAudit a : features) byFeature.computeIfAbsent(a.feature(), f -> new ArrayList<>()).add(a);
        for (var e : byFeature.entrySet()) {
            FeatureAudit a = e.getValue().getFirst();
            boolean cat = a.kind() == FeatureAudit.Kind.CATEGORICAL;
            md.append("| ").append(e.getKey()).append(" | ").append(a.kind().label()).append(" | ")
                    .append(cat ? a.categories().toString() : "").append(" | ")
                    .append(cat ? fmt(a.conditionalEntropyBits()) : "").append(" | ")
                    .append(cat ? fmt(a.pureShare()) : "").append(" |");
            for (Protocol p : protocols) {
                md.append(' ').append(e.getValue().stream().filter(x -> x.protocol().equals(p)).findFirst()
                        .map(x -> fmt(x.testAccuracy())).orElse("")).append(" |");
            }
            boolean flagged = e.getValue().stream().anyMatch(FeatureAudit::flagged);
            md.append(flagged ? " ⚠ **flagged**" : "").append(" | ").append(String.join(", ", setsWith(e.getKey()))).append(" |\n");
        }
        List<String> flagged = flaggedFeatures();
        if (!flagged.isEmpty()) {
            md.append("\n**Warning:** ").append(String.join(", ", flagged.stream().map(f -> "`" + f + "`").toList()))
                    .append(flagged.size() == 1 ? " nearly determines" : " nearly determine").append(" the target; "
                            + "scores of feature sets that use ").append(flagged.size() == 1 ? "it" : "them")
                    .append(" measure a lookup of the label, not a model that generalises.\n");
        }
        md.append(leakageMarkdown());
        return md.toString();
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
