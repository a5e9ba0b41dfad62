package org.crystalbench.audit;

import org.crystalbench.splits.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.crystalbench.evaluation.Experiment;

/**
 * The leakage audit of an experiment's data on its splits and one warning per flagged feature ({@link AuditTable}
 * writes audit.csv; {@code report.AuditMarkdown} renders it, also as the {@code audit} command's output).
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

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
