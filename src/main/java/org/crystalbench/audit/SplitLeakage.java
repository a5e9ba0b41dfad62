package org.crystalbench.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.crystalbench.data.Dataset;
import org.crystalbench.splits.GroupedSplits;
import org.crystalbench.splits.Protocol;
import org.crystalbench.splits.Split;

/**
 * Rows shared between training and test, per feature set and protocol: does a test row meet itself (an exact
 * duplicate of its features) or its group (another row of its formula, patient, site...) in training? A model
 * scored on such rows is partly scored on recall, not on new cases.
 *
 * @param rows                 rows of the data set
 * @param duplicateRowsSame    rows whose feature values (of this set) equal another row's, every such row with the same label
 * @param duplicateRowsConflicting rows whose feature values equal another row's with a different label (no model separates them)
 * @param testDuplicateShare   mean over the protocol's splits of the share of test rows with an exact duplicate in training
 * @param testGroupShare       mean over the protocol's splits of the share of test rows whose group has a training row
 *                             (NaN without {@code protocols.groups})
 * @param testGroupRowsMax     the largest number of such test rows on one split (0 for a grouped protocol, by construction)
 */
public record SplitLeakage(String featureSet, Protocol protocol, int rows, int duplicateRowsSame, int duplicateRowsConflicting,
                           double testDuplicateShare, double testGroupShare, int testGroupRowsMax) {

    /** Flag: some test rows meet their group in training, or at least {@value #MAX_DUPLICATE_SHARE} of them their duplicate. */
    public boolean flagged() {
        return testGroupRowsMax > 0 || testDuplicateShare >= MAX_DUPLICATE_SHARE;
    }

    /** A flag for exact duplicates from this share of the test rows on (a few repeated measurements are ordinary). */
    public static final double MAX_DUPLICATE_SHARE = 0.05;

    /**
     * @param columns per feature set, the columns it uses (groups of derived columns expanded)
     * @param groups  per row, its group key; null when the config defines no groups
     */
    public static List<SplitLeakage> of(Dataset data, Map<String, List<String>> columns, Map<Protocol, List<Split>> splits,
                                        String[] groups) {
        int[] group = groups == null ? null : GroupedSplits.index(groups);
        List<SplitLeakage> out = new ArrayList<>();
        for (var fs : columns.entrySet()) {
            int[] key = GroupedSplits.index(featureKeys(data, fs.getValue()));
            int[] counts = new int[data.size()];
            Map<Integer, Set<Integer>> labels = new HashMap<>();
            for (int i = 0; i < key.length; i++) {
                counts[key[i]]++;
                labels.computeIfAbsent(key[i], k -> new HashSet<>()).add(data.y()[i]);
            }
            int same = 0, conflicting = 0;
            for (int i = 0; i < key.length; i++) {
                if (counts[key[i]] < 2) continue;
                if (labels.get(key[i]).size() > 1) conflicting++;
                else same++;
            }
            for (var e : splits.entrySet()) {
                double dup = 0, grp = 0;
                int maxGroupRows = 0;
                for (Split s : e.getValue()) {
                    dup += GroupedSplits.testRowsWithGroupInTraining(s, key) / (double) s.test().length;
                    if (group != null) {
                        int n = GroupedSplits.testRowsWithGroupInTraining(s, group);
                        grp += n / (double) s.test().length;
                        maxGroupRows = Math.max(maxGroupRows, n);
                    }
                }
                int n = e.getValue().size();
                out.add(new SplitLeakage(fs.getKey(), e.getKey(), data.size(), same, conflicting, dup / n,
                        group == null ? Double.NaN : grp / n, maxGroupRows));
            }
        }
        return List.copyOf(out);
    }

    /** Per row, its values of {@code columns} as one text (exact: a double's shortest round-trip form). */
    static String[] featureKeys(Dataset data, List<String> columns) {
        String[] out = new String[data.size()];
        List<Integer> num = new ArrayList<>(), cat = new ArrayList<>();
        for (String c : columns) {
            int j = data.numericNames().indexOf(c);
            if (j >= 0) num.add(j);
            else if (data.categoricalNames().indexOf(c) >= 0) cat.add(data.categoricalNames().indexOf(c));
        }
        for (int i = 0; i < out.length; i++) {
            var sb = new StringBuilder();
            for (int j : num) sb.append(data.numeric()[i][j]).append('\u0001');
            for (int j : cat) sb.append(data.categorical()[i][j]).append('\u0001');
            out[i] = sb.toString();
        }
        return out;
    }
}
