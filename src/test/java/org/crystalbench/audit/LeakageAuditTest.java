package org.crystalbench.audit;

import org.crystalbench.splits.SplitId;
import org.crystalbench.splits.Protocol;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.crystalbench.data.Dataset;
import org.crystalbench.splits.Split;
import org.crystalbench.splits.StratifiedSplits;
import org.junit.jupiter.api.Test;

class LeakageAuditTest {
    @Test
    void conditionalEntropyAndPureShareByHand() {
        // a -> {0, 1}: H = 1 bit, weight 1/2; b -> {0, 0}: H = 0. H(Y|X) = 0.5 bits; b's two rows are pure.
        String[] x = {"a", "a", "b", "b"};
        int[] y = {0, 1, 0, 0};
        assertEquals(0.5, LeakageAudit.conditionalEntropyBits(x, y, 2), 1e-12);
        assertEquals(0.5, LeakageAudit.pureShare(x, y), 1e-12);
        // Three equally likely classes, value unrelated: H = log2(3).
        assertEquals(Math.log(3) / Math.log(2),
                LeakageAudit.conditionalEntropyBits(new String[] {"u", "u", "u"}, new int[] {0, 1, 2}, 3), 1e-12);
    }

    @Test
    void lookupIsFittedOnTrainAndUnseenValuesGetTheTrainMajority() {
        String[] x = {"a", "a", "a", "b", "b", "c"};
        int[] y = {0, 0, 1, 1, 1, 2};
        // train rows 0-3: a -> 0 (2 of 3), b -> 1; overall majority is a tie 0/1 -> class 0.
        // test: row 4 (b -> 1, right), row 5 (c unseen -> 0, wrong)
        Split split = new Split(SplitId.of(Protocol.HOLDOUT, 0, 0), new int[] {0, 1, 2, 3}, new int[] {4, 5});
        assertEquals(0.5, LeakageAudit.lookupAccuracy(x, y, 3, split), 1e-12);
    }

    @Test
    void intervalPartitionFindsOrderedClasses() {
        double[] x = {1, 2, 3, 4, 5, 6};
        int[] y = {0, 0, 1, 1, 2, 2};
        Split all = new Split(SplitId.of(Protocol.HOLDOUT, 0, 0), new int[] {0, 1, 2, 3, 4, 5}, new int[] {0, 1, 2, 3, 4, 5});
        assertEquals(1.0, LeakageAudit.intervalAccuracy(x, y, 3, all, 3), 1e-12);
        assertEquals(4.0 / 6, LeakageAudit.intervalAccuracy(x, y, 3, all, 2), 1e-12); // one threshold: two classes at most
        var p = Partition.fit(x, y, 3, all.train(), 3);
        assertEquals(List.of(2.5, 4.5), java.util.Arrays.stream(p.thresholds()).boxed().toList());
        // Threshold fitted on train only: test value 3.9 falls left of 4.5 whatever its label.
        Split part = new Split(SplitId.of(Protocol.HOLDOUT, 0, 0), new int[] {0, 1, 2, 4, 5}, new int[] {3});
        assertEquals(1.0, LeakageAudit.intervalAccuracy(new double[] {1, 2, 3, 3.9, 5, 6}, y, 3, part, 3), 1e-12);
    }

    /** 150 rows, 3 balanced classes; columns: one determines the class, the rest are noise or an id. */
    static Dataset constructed() {
        int n = 150;
        SplittableRandom rng = new SplittableRandom(11);
        int[] y = new int[n];
        String[][] cat = new String[n][];
        double[][] num = new double[n][];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            // 15 values, 10 rows each, each value within one class
            cat[i] = new String[] {"g" + (y[i] * 5 + (i / 3) % 5), "n" + rng.nextInt(4), "id" + i};
            num[i] = new double[] {y[i] * 10 + 5 * rng.nextDouble(), rng.nextGaussian()};
        }
        return new Dataset("constructed", "", org.crystalbench.data.RowIds.of(new String[n]), List.of("ordered", "noise-num"), num,
                List.of("determines", "noise", "id"), cat, List.of("a", "b", "c"), y, new int[n], n, 0);
    }

    /** Both protocols on the constructed data (3 classes, seed 5), holdout first. */
    static Map<Protocol, List<Split>> holdoutAndCv(Dataset d, int holdouts, int cvRepeats, int folds) {
        Map<Protocol, List<Split>> splits = new java.util.LinkedHashMap<>();
        splits.put(Protocol.HOLDOUT, StratifiedSplits.holdout(d.y(), 3, holdouts, 0.2, 5));
        splits.put(Protocol.CV, StratifiedSplits.crossValidation(d.y(), 3, cvRepeats, folds, 5));
        return splits;
    }

    @Test
    void flagsTheDeterminingColumnsAndNotTheNoise() {
        Dataset d = constructed();
        Map<Protocol, List<Split>> splits = Map.of(Protocol.HOLDOUT, StratifiedSplits.holdout(d.y(), 3, 10, 0.2, 5));
        List<FeatureAudit> audit = LeakageAudit.of(d, splits);
        Map<String, FeatureAudit> by = new java.util.HashMap<>();
        audit.forEach(a -> by.put(a.feature(), a));

        FeatureAudit det = by.get("determines");
        assertEquals(15, det.categories());
        assertEquals(0.0, det.conditionalEntropyBits(), 1e-12);
        assertEquals(1.0, det.pureShare(), 1e-12);
        assertEquals(1.0, det.lookupAccuracy(), 1e-12);
        assertTrue(det.flagged());

        FeatureAudit noise = by.get("noise");
        assertEquals(4, noise.categories());
        assertTrue(noise.conditionalEntropyBits() > 1.3, "near log2(3) = 1.585: " + noise.conditionalEntropyBits());
        assertTrue(noise.lookupAccuracy() < 0.6, "near chance: " + noise.lookupAccuracy());
        assertFalse(noise.flagged());

        // One row per value: H = 0 and every row "pure", yet no evidence; the lookup sees that out of sample.
        FeatureAudit id = by.get("id");
        assertEquals(0.0, id.conditionalEntropyBits(), 1e-12);
        assertEquals(1.0, id.pureShare(), 1e-12);
        assertTrue(id.lookupAccuracy() < 0.5, "unseen ids fall back to the majority: " + id.lookupAccuracy());
        assertFalse(id.flagged());

        assertEquals(1.0, by.get("ordered").bestSingleAccuracy(), 1e-12);
        assertTrue(by.get("ordered").flagged());
        assertTrue(by.get("noise-num").bestSingleAccuracy() < 0.6);
        assertFalse(by.get("noise-num").flagged());
        assertEquals(null, by.get("ordered").conditionalEntropyBits());
    }

    @Test
    void reportRendersCsvWarningsAndMarkdown() {
        Dataset d = constructed();
        Map<Protocol, List<Split>> splits = holdoutAndCv(d, 3, 1, 3);
        var sets = new java.util.LinkedHashMap<String, List<String>>();
        sets.put("leaky", List.of("determines", "noise"));
        sets.put("clean", List.of("noise", "noise-num"));
        var report = new AuditReport("class", LeakageAudit.of(d, splits), sets, Map.of(Protocol.HOLDOUT, 0.33, Protocol.CV, 0.33));
        List<String> csv = AuditTable.csv(AuditTable.rows(report)).lines().toList();
        assertEquals(String.join(",", AuditTable.COLUMNS), csv.get(0));
        assertEquals("feature_set,protocol,feature,kind,categories,conditional_entropy_bits,pure_share,lookup_accuracy,"
                + "best_single_accuracy,flagged", csv.get(0));
        // leaky: 2 features x 2 protocols; clean: 2 x 2; ordered and id are in no set: no rows
        assertEquals(1 + 4 + 4, csv.size());
        assertTrue(csv.contains("leaky,holdout,determines,categorical,15,0,1,1,,true"), csv.toString());
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("clean,cv,noise-num,numeric,,,,,") && l.endsWith(",false")));
        assertTrue(csv.stream().noneMatch(l -> l.contains(",ordered,") || l.contains(",id,")));
        assertEquals(List.of("ordered", "determines"), report.flaggedFeatures());
        assertEquals(2, report.warnings().size());
        assertTrue(report.warnings().get(1).startsWith("WARNING: feature 'determines'"), report.warnings().get(1));
        String md = org.crystalbench.report.AuditMarkdown.of(report, "## Leakage audit");
        assertTrue(md.contains("| determines | categorical | 15 | 0.000 | 1.000 | 1.000 | 1.000 | ⚠ **flagged** | leaky |"), md);
        assertTrue(md.contains("| noise | categorical | 4 |"), md);
        assertTrue(md.contains("| id | categorical | 150 | 0.000 | 1.000 |"), md); // shown, though in no feature set
    }

    @Test
    void theLinearPartitionEqualsTheQuadraticOneItReplaced() {
        var rng = new SplittableRandom(5);
        for (int round = 0; round < 300; round++) {
            int n = 5 + rng.nextInt(200), k = 2 + rng.nextInt(3), distinct = 1 + rng.nextInt(n);
            double[] x = new double[n];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                x[i] = rng.nextInt(distinct) * 0.5 - 3;
                y[i] = rng.nextDouble() < 0.6 ? (int) Math.min(k - 1, (x[i] + 3) * k / (distinct * 0.5)) : rng.nextInt(k);
            }
            int[] rows = java.util.stream.IntStream.range(0, n).filter(i -> rng.nextDouble() < 0.7).toArray();
            if (rows.length == 0) continue;
            for (int intervals = 1; intervals <= 4; intervals++) {
                var fast = Partition.fit(x, y, k, rows, intervals);
                var slow = quadratic(x, y, k, rows, intervals);
                assertEquals(java.util.Arrays.toString(slow.thresholds()) + java.util.Arrays.toString(slow.labels()),
                        java.util.Arrays.toString(fast.thresholds()) + java.util.Arrays.toString(fast.labels()), "round " + round);
            }
        }
    }

    /** Training rows the partition gets right. */
    private static int hits(Partition p, double[] x, int[] y, int[] rows) {
        int n = 0;
        for (int i : rows) if (p.predict(x[i]) == y[i]) n++;
        return n;
    }

    /** A continuous column (every value distinct) whose class follows it loosely, and a 70% training subset. */
    private static double[] continuous(SplittableRandom rng, int n, int k, int[] y) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble() * 100;
            y[i] = rng.nextDouble() < 0.5 ? (int) Math.min(k - 1, x[i] * k / 100) : rng.nextInt(k);
        }
        return x;
    }

    @Test
    void binsChangeNothingUpToBinsDistinctValuesAndCostLittleAbove() {
        var rng = new SplittableRandom(17);
        int n = 20_000, k = 3;
        int[] y = new int[n];
        double[] x = continuous(rng, n, k, y);
        int[] rows = java.util.stream.IntStream.range(0, n).filter(i -> rng.nextDouble() < 0.7).toArray();
        var exact = Partition.fit(Ranked.of(x), y, k, rows, k);
        // as many bins as distinct values: the very same partition
        var same = Partition.fit(Ranked.of(x, n), y, k, rows, k);
        assertEquals(Arrays.toString(exact.thresholds()) + Arrays.toString(exact.labels()),
                Arrays.toString(same.thresholds()) + Arrays.toString(same.labels()));
        // 64 bins: never better than exact on the training rows, and within (K - 1) bins of rows of it
        for (int bins : new int[] {64, 1024}) {
            var ranked = Ranked.of(x, bins);
            var binned = Partition.fit(ranked, y, k, rows, k);
            for (double t : binned.thresholds()) { // between two bins, never inside one: a bin's rows stay together
                boolean between = false;
                for (int b = 0; b + 1 < ranked.ranks(); b++) between |= ranked.hi()[b] < t && t < ranked.lo()[b + 1];
                assertTrue(between, bins + " bins: threshold " + t + " inside a bin");
            }
            int lost = hits(exact, x, y, rows) - hits(binned, x, y, rows);
            assertTrue(lost >= 0 && lost <= (k - 1) * (n / bins + 1), bins + " bins lost " + lost + " training hits");
        }
    }

    @Test
    void aLargeColumnIsRankedIntoAtMostBinsOfAboutEqualRows() {
        // Work per split is O(training rows + ranks x K x L): the ranks must not grow with the rows.
        var rng = new SplittableRandom(3);
        int n = 200_000;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = i < n / 4 ? 7.0 : rng.nextGaussian(); // a quarter tied at one value
        var r = Ranked.of(x, LeakageAudit.BINS);
        assertTrue(r.ranks() <= LeakageAudit.BINS, "ranks " + r.ranks());
        int[] rowsPerRank = new int[r.ranks()];
        for (int v : r.rank()) rowsPerRank[v]++;
        int tied = rowsPerRank[r.rank()[0]];
        // ties are never split: 7.0's rows share one bin, with fewer than n / BINS rows of other values
        assertTrue(tied >= n / 4 && tied < n / 4 + n / LeakageAudit.BINS + 1, "tied bin: " + tied);
        for (int b = 0; b < r.ranks(); b++) {
            assertTrue(r.lo()[b] <= r.hi()[b] && (b == 0 || r.hi()[b - 1] < r.lo()[b]), "bins ordered and disjoint at " + b);
            if (b != r.rank()[0]) assertTrue(rowsPerRank[b] <= 2 * n / LeakageAudit.BINS + 1, "bin " + b + ": " + rowsPerRank[b]);
        }
        // few distinct values: ranks are the values themselves
        var small = Ranked.of(new double[] {3, 1, 2, 1}, LeakageAudit.BINS);
        assertEquals(List.of(1.0, 2.0, 3.0), Arrays.stream(small.lo()).boxed().toList());
        assertEquals(List.of(2, 0, 1, 0), Arrays.stream(small.rank()).boxed().toList());
    }

    @Test
    void theAuditIsTheSameOnAnyNumberOfThreads() {
        Dataset d = constructed();
        Map<Protocol, List<Split>> splits = holdoutAndCv(d, 6, 2, 5);
        List<FeatureAudit> one = LeakageAudit.of(d, splits, 1);
        assertEquals(2 * 5, one.size());
        assertEquals(List.of("ordered", "noise-num", "determines", "noise", "id"),
                one.subList(0, 5).stream().map(FeatureAudit::feature).toList()); // per protocol: numeric, then categorical
        assertEquals(Protocol.CV, one.get(5).protocol());
        for (int threads : new int[] {2, 3, 8}) assertEquals(one, LeakageAudit.of(d, splits, threads), threads + " threads");
    }

    /** The O(L m^2) programme the audit used until issue 15 (minutes on a million rows), kept as the reference. */
    static Partition quadratic(double[] x, int[] y, int k, int[] rows, int maxIntervals) {
        Integer[] order = Arrays.stream(rows).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        // Groups of equal values: the only places a threshold can go is between groups.
        List<Double> values = new ArrayList<>();
        List<int[]> groupCounts = new ArrayList<>();
        for (int r : order) {
            if (values.isEmpty() || Double.compare(values.getLast(), x[r]) != 0) {
                values.add(x[r]);
                groupCounts.add(new int[k]);
            }
            groupCounts.getLast()[y[r]]++;
        }
        int m = values.size();
        int[][] prefix = new int[m + 1][k];
        for (int g = 0; g < m; g++) for (int c = 0; c < k; c++) prefix[g + 1][c] = prefix[g][c] + groupCounts.get(g)[c];
        int L = Math.max(1, Math.min(maxIntervals, m));
        // best[j][g]: most training hits covering groups [0, g) with exactly j intervals; cut[j][g]: start of the last
        int[][] best = new int[L + 1][m + 1];
        int[][] cut = new int[L + 1][m + 1];
        for (int[] row : best) Arrays.fill(row, -1);
        best[0][0] = 0;
        for (int j = 1; j <= L; j++) {
            for (int g = j; g <= m; g++) {
                for (int s = j - 1; s < g; s++) {
                    if (best[j - 1][s] < 0) continue;
                    int v = best[j - 1][s] + segmentHits(prefix, s, g, k);
                    if (v > best[j][g]) {
                        best[j][g] = v;
                        cut[j][g] = s;
                    }
                }
            }
        }
        int bestJ = 1;
        for (int j = 2; j <= L; j++) if (best[j][m] > best[bestJ][m]) bestJ = j; // fewer intervals on ties
        double[] thresholds = new double[bestJ - 1];
        int[] labels = new int[bestJ];
        for (int j = bestJ, g = m; j >= 1; j--) {
            int s = cut[j][g];
            labels[j - 1] = argmaxRange(prefix, s, g, k);
            if (j > 1) thresholds[j - 2] = (values.get(s - 1) + values.get(s)) / 2;
            g = s;
        }
        return new Partition(thresholds, labels);
    }

    private static int segmentHits(int[][] prefix, int from, int to, int k) {
        int max = 0;
        for (int c = 0; c < k; c++) max = Math.max(max, prefix[to][c] - prefix[from][c]);
        return max;
    }

    private static int argmaxRange(int[][] prefix, int from, int to, int k) {
        int best = 0;
        for (int c = 1; c < k; c++) if (prefix[to][c] - prefix[from][c] > prefix[to][best] - prefix[from][best]) best = c;
        return best;
    }
}
