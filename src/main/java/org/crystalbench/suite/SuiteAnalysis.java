package org.crystalbench.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crystalbench.metrics.Metric;
import org.crystalbench.results.SuiteTables;
import org.crystalbench.stats.BayesSignedRank;
import org.crystalbench.stats.MultiDataset;
import org.crystalbench.stats.Resampling;
import org.crystalbench.stats.Sample;

/**
 * The across-data-set comparison of a suite, from each data set's per-split cv scores (pure; docs/suite.md).
 * Only data sets on which every model has at least two finished splits are compared; the others are listed.
 */
public final class SuiteAnalysis {
    private SuiteAnalysis() {}

    /** Data sets named by their labels only (one feature set each). */
    static SuiteTables.Suite ofDatasets(List<String> datasets, List<String> models, Map<String, Map<String, Sample>> samples,
                                       double rope, double level, long seed) {
        return of(datasets.stream().map(d -> new SuiteTables.Task(d, d, "")).toList(), models, samples, rope, level, seed);
    }

    /**
     * @param tasks   the rows of the comparison, in suite order: each (data set, feature set)
     * @param samples per task label, per model: its cv sample (absent: no results)
     * @param level   confidence level of the per-data-set paired tests (wins/ties/losses)
     */
    public static SuiteTables.Suite of(List<SuiteTables.Task> tasks, List<String> models, Map<String, Map<String, Sample>> samples,
                                       double rope, double level, long seed) {
        Metric f1 = Metric.MACRO_F1;
        List<String> datasets = tasks.stream().map(SuiteTables.Task::label).toList();
        int k = models.size();
        List<String> used = new ArrayList<>(), excluded = new ArrayList<>();
        for (String d : datasets) {
            Map<String, Sample> byModel = samples.getOrDefault(d, Map.of());
            boolean complete = models.stream().allMatch(m -> byModel.containsKey(m) && byModel.get(m).n() >= 2);
            (complete ? used : excluded).add(d);
        }
        int n = used.size();
        double[][] means = new double[n][k];
        for (int i = 0; i < n; i++) for (int j = 0; j < k; j++) means[i][j] = samples.get(used.get(i)).get(models.get(j)).mean(f1);
        double[][] ranks = n == 0 ? new double[0][k] : MultiDataset.ranks(means);

        List<SuiteTables.Score> scores = scores(tasks, models, samples, used, ranks);
        int[][][] tally = tally(used, models, samples, level);
        int[][] wins = tally[0], ties = tally[1];

        double[] meanRank = new double[k];
        for (double[] row : ranks) for (int j = 0; j < k; j++) meanRank[j] += row[j] / n;
        boolean testable = n >= 2 && k >= 2;
        MultiDataset.Friedman fr = testable ? MultiDataset.friedman(means) : null;
        MultiDataset.VersusBest vb = testable ? MultiDataset.holmVersusBest(meanRank, n) : null;
        double cd05 = testable && k <= MultiDataset.MAX_K ? MultiDataset.criticalDifference(k, n, 0.05) : Double.NaN;
        double cd10 = testable && k <= MultiDataset.MAX_K ? MultiDataset.criticalDifference(k, n, 0.10) : Double.NaN;
        int best = vb == null ? -1 : vb.best();

        List<SuiteTables.Leader> leaders = leaders(models, means, meanRank, wins, ties, vb, rope, seed);

        List<SuiteTables.Pair> pairs = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                if (a == b) continue;
                double diff = n == 0 ? Double.NaN : meanRank[a] - meanRank[b];
                pairs.add(new SuiteTables.Pair(models.get(a), models.get(b), wins[a][b], ties[a][b], wins[b][a], diff,
                        !Double.isNaN(cd05) && Math.abs(diff) > cd05));
            }
        }
        var tests = new SuiteTables.Tests(n, k, fr == null ? Double.NaN : fr.chi2(), fr == null ? Double.NaN : fr.pChi2(),
                fr == null ? Double.NaN : fr.ff(), fr == null ? Double.NaN : fr.pF(), cd05, cd10, best < 0 ? "" : models.get(best),
                rope, level, seed, String.join(";", excluded));
        return new SuiteTables.Suite(scores, leaders, pairs, tests);
    }

    /** Every task's row per model: its splits, mean macro F1 and rank (NaN unless the task is compared). */
    private static List<SuiteTables.Score> scores(List<SuiteTables.Task> tasks, List<String> models, Map<String, Map<String, Sample>> samples,
                                                  List<String> used, double[][] ranks) {
        Metric f1 = Metric.MACRO_F1;
        int k = models.size();
        List<SuiteTables.Score> scores = new ArrayList<>();
        for (SuiteTables.Task task : tasks) {
            String d = task.label();
            int i = used.indexOf(d);
            Map<String, Sample> byModel = samples.getOrDefault(d, Map.of());
            for (int j = 0; j < k; j++) {
                Sample s = byModel.get(models.get(j));
                scores.add(new SuiteTables.Score(d, models.get(j), s == null ? 0 : s.n(), s == null || s.n() == 0 ? Double.NaN : s.mean(f1),
                        i < 0 ? Double.NaN : ranks[i][j], task.featureSet()));
            }
        }
        return scores;
    }

    /** {wins, ties}: wins[a][b] counts the data sets where a is significantly better than b by the corrected resampled paired t-test. */
    private static int[][][] tally(List<String> used, List<String> models, Map<String, Map<String, Sample>> samples, double level) {
        Metric f1 = Metric.MACRO_F1;
        int k = models.size();
        int[][] wins = new int[k][k], ties = new int[k][k];
        for (String d : used) {
            Map<String, Sample> byModel = samples.get(d);
            for (int a = 0; a < k; a++) {
                for (int b = a + 1; b < k; b++) {
                    Sample sa = byModel.get(models.get(a)), sb = byModel.get(models.get(b));
                    var common = sa.common(sb);
                    if (common.size() < 2) { ties[a][b]++; ties[b][a]++; continue; }
                    var t = Resampling.correctedPairedT(sa.on(f1, common), sb.on(f1, common), sb.testTrainRatio(), level);
                    if (t.p() < 1 - level && t.meanDiff() > 0) wins[a][b]++;
                    else if (t.p() < 1 - level && t.meanDiff() < 0) wins[b][a]++;
                    else { ties[a][b]++; ties[b][a]++; }
                }
            }
        }
        return new int[][][] {wins, ties};
    }

    /** Per model, its mean rank, mean macro F1, wins/ties/losses, test against the best and Bayesian signed-rank; by mean rank. */
    private static List<SuiteTables.Leader> leaders(List<String> models, double[][] means, double[] meanRank, int[][] wins, int[][] ties,
                                                    MultiDataset.VersusBest vb, double rope, long seed) {
        int k = models.size(), n = means.length, best = vb == null ? -1 : vb.best();
        List<SuiteTables.Leader> leaders = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            int w = 0, t = 0, l = 0;
            for (int o = 0; o < k; o++) {
                if (o == j) continue;
                w += wins[j][o];
                t += ties[j][o];
                l += wins[o][j];
            }
            double meanF1 = 0;
            for (double[] row : means) meanF1 += row[j] / n;
            BayesSignedRank b = null;
            if (best >= 0 && j != best) b = BayesSignedRank.of(column(means, j), column(means, best), rope, seed);
            leaders.add(new SuiteTables.Leader(models.get(j), n == 0 ? Double.NaN : meanRank[j], n == 0 ? Double.NaN : meanF1, w, t, l,
                    vb == null ? Double.NaN : vb.z()[j], vb == null ? Double.NaN : vb.p()[j], vb == null ? Double.NaN : vb.pHolm()[j],
                    b == null ? Double.NaN : b.pWorse(), b == null ? Double.NaN : b.pRope(), b == null ? Double.NaN : b.pBetter()));
        }
        leaders.sort(java.util.Comparator.comparingDouble(SuiteTables.Leader::meanRank));
        return leaders;
    }

    private static double[] column(double[][] t, int j) {
        double[] c = new double[t.length];
        for (int i = 0; i < t.length; i++) c[i] = t[i][j];
        return c;
    }
}
