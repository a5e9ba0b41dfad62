package org.crystalbench.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
        int[] y = data.y();
        List<SplitLeakage> out = new ArrayList<>();
        for (var fs : columns.entrySet()) {
            // Primitive keys, sorted and searched: no per-row objects, so a large file costs 16 bytes a row here.
            long[] key = featureKeys(data, fs.getValue());
            long[] withLabel = new long[key.length];
            for (int i = 0; i < key.length; i++) withLabel[i] = org.crystalbench.splits.Seeds.mix(key[i], 0, y[i]);
            // Each row's key as an index into the sorted distinct keys, with each key's row count: linear after one sort
            // (counting equal neighbours per row was quadratic in a key's duplicates: minutes on a million synth rows).
            Runs keys = Runs.of(key), labelled = Runs.of(withLabel);
            int[] kid = keys.ids(key), lid = labelled.ids(withLabel);
            int same = 0, conflicting = 0;
            for (int i = 0; i < key.length; i++) {
                int n = keys.count[kid[i]];
                if (n < 2) continue;
                if (labelled.count[lid[i]] < n) conflicting++;
                else same++;
            }
            int[] inTraining = new int[keys.count.length]; // per distinct key, the last split (1-based) with it in training
            int stamp = 0;
            for (var e : splits.entrySet()) {
                double dup = 0, grp = 0;
                int maxGroupRows = 0;
                for (Split s : e.getValue()) {
                    stamp++;
                    for (int i : s.train()) inTraining[kid[i]] = stamp;
                    int d = 0;
                    for (int i : s.test()) if (inTraining[kid[i]] == stamp) d++;
                    dup += d / (double) s.test().length;
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

    /** Sorted distinct values with their counts; {@link #ids} maps values to their index. */
    private record Runs(long[] distinct, int[] count) {
        static Runs of(long[] v) {
            long[] sorted = v.clone();
            Arrays.sort(sorted);
            int d = 0;
            int[] count = new int[sorted.length];
            for (int i = 0; i < sorted.length; i++) {
                if (i == 0 || sorted[i] != sorted[i - 1]) sorted[d++] = sorted[i];
                count[d - 1]++;
            }
            return new Runs(Arrays.copyOf(sorted, d), Arrays.copyOf(count, d));
        }

        int[] ids(long[] v) {
            int[] out = new int[v.length];
            for (int i = 0; i < v.length; i++) out[i] = Arrays.binarySearch(distinct, v[i]);
            return out;
        }
    }

    /**
     * Per row, a 64-bit hash of its values of {@code columns} (a double's bits, a category's text): equal rows have
     * equal keys; two different rows share one with probability about 2^-64 per pair.
     */
    static long[] featureKeys(Dataset data, List<String> columns) {
        long[] out = new long[data.size()];
        List<Integer> num = new ArrayList<>(), cat = new ArrayList<>();
        for (String c : columns) {
            int j = data.numericNames().indexOf(c);
            if (j >= 0) num.add(j);
            else if (data.categoricalNames().indexOf(c) >= 0) cat.add(data.categoricalNames().indexOf(c));
        }
        for (int i = 0; i < out.length; i++) {
            long h = 0x5EED;
            for (int j : num) h = org.crystalbench.splits.Seeds.mix(h, 1, Double.doubleToLongBits(data.numeric().get(i, j) + 0.0));
            for (int j : cat) h = org.crystalbench.splits.Seeds.mix(h, 2, data.categorical()[i][j].hashCode());
            out[i] = h;
        }
        return out;
    }
}
