package org.crystalbench.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Csv;
import org.crystalbench.io.CsvTable;

/**
 * The across-data-set tables of {@code crystal-bench suite} (docs/suite.md): the data set × model scores,
 * the leaderboard, the model pairs and the omnibus tests. The one owner of their files and columns.
 */
public final class SuiteTables {
    private SuiteTables() {}

    public static final String SCORES = "suite-scores.csv", LEADERBOARD = "suite-leaderboard.csv", PAIRS = "suite-pairs.csv",
            TESTS = "suite-tests.csv";

    /**
     * One row of the comparison: a data set on one of its feature sets.
     *
     * @param label the row's name in every table: the data set's id, or id/feature set when it has several
     */
    public record Task(String label, String dataset, String featureSet) {}

    /**
     * One data set × model cell: mean cv macro F1 over {@code n} splits and its rank on the data set (1 = best; NaN if excluded).
     *
     * @param dataset    the {@link Task#label()}
     * @param featureSet the feature set of that row (appended last in the CSV)
     */
    public record Score(String dataset, String model, int n, double macroF1, double rank, String featureSet) {}

    /**
     * One model across the data sets compared.
     *
     * @param wins    data sets × other models where this model is significantly better (corrected paired t-test), summed
     * @param z       rank difference to the best in standard errors (NaN for the best); {@code p}, {@code pHolm} two-sided
     * @param pWorse  Bayesian signed-rank test against the best: P(this model is practically worse); NaN for the best
     */
    public record Leader(String model, double meanRank, double meanMacroF1, int wins, int ties, int losses, double z, double p,
                         double pHolm, double pWorse, double pRope, double pBetter) {}

    /** {@code model} against {@code other} over the data sets; {@code nemenyi}: |rank difference| exceeds the CD at 0.05. */
    public record Pair(String model, String other, int wins, int ties, int losses, double rankDiff, boolean nemenyi) {}

    /**
     * The omnibus tests over the data sets compared ({@code datasets}: those where every model has results).
     *
     * @param excluded data sets left out of the comparison (failed to load, or a model without results), ';'-separated
     */
    public record Tests(int datasets, int models, double chi2, double pChi2, double ff, double pF, double cd05, double cd10,
                        String best, double rope, double level, long seed, String excluded) {}

    public record Suite(List<Score> scores, List<Leader> leaderboard, List<Pair> pairs, Tests tests) {
        public Suite {
            scores = List.copyOf(scores);
            leaderboard = List.copyOf(leaderboard);
            pairs = List.copyOf(pairs);
        }
    }

    public static final List<String> SCORE_COLUMNS = List.of("dataset", "model", "n", "macro_f1_mean", "rank", "feature_set"),
            LEADER_COLUMNS = List.of("model", "mean_rank", "macro_f1_mean", "wins", "ties", "losses", "z_vs_best", "p_vs_best",
                    "p_holm_vs_best", "p_worse", "p_rope", "p_better"),
            PAIR_COLUMNS = List.of("model", "other", "wins", "ties", "losses", "rank_diff", "nemenyi_significant"),
            TEST_COLUMNS = List.of("datasets", "models", "friedman_chi2", "friedman_p", "iman_davenport_f", "iman_davenport_p",
                    "nemenyi_cd_05", "nemenyi_cd_10", "best", "rope", "level", "seed", "excluded");

    /** Writes the four tables (numbers to 6 significant digits, as every table). */
    public static void write(Path dir, Suite s) {
        List<List<?>> rows = new ArrayList<>();
        s.scores().forEach(r -> rows.add(List.of(r.dataset(), r.model(), r.n(), Csv.num(r.macroF1()), Csv.num(r.rank()), r.featureSet())));
        AtomicFiles.write(dir.resolve(SCORES), Csv.of(SCORE_COLUMNS, rows));
        rows.clear();
        s.leaderboard().forEach(r -> rows.add(List.of(r.model(), Csv.num(r.meanRank()), Csv.num(r.meanMacroF1()), r.wins(), r.ties(),
                r.losses(), Csv.num(r.z()), Csv.num(r.p()), Csv.num(r.pHolm()), Csv.num(r.pWorse()), Csv.num(r.pRope()), Csv.num(r.pBetter()))));
        AtomicFiles.write(dir.resolve(LEADERBOARD), Csv.of(LEADER_COLUMNS, rows));
        rows.clear();
        s.pairs().forEach(r -> rows.add(List.of(r.model(), r.other(), r.wins(), r.ties(), r.losses(), Csv.num(r.rankDiff()), r.nemenyi())));
        AtomicFiles.write(dir.resolve(PAIRS), Csv.of(PAIR_COLUMNS, rows));
        Tests t = s.tests();
        AtomicFiles.write(dir.resolve(TESTS), Csv.of(TEST_COLUMNS,
                List.of(List.of(t.datasets(), t.models(), Csv.num(t.chi2()), Csv.num(t.pChi2()), Csv.num(t.ff()), Csv.num(t.pF()),
                        Csv.num(t.cd05()), Csv.num(t.cd10()), t.best(), Csv.num(t.rope()), Csv.num(t.level()), t.seed(), t.excluded()))));
    }

    /**
     * The four tables of a suite folder, as {@link #write} wrote them (what suite.md and report.md are rendered from). A
     * scores table without feature_set (written before it was appended) reads as one feature set per data set.
     */
    public static Suite read(Path dir) {
        CsvTable sc = CsvTable.read(dir.resolve(SCORES), SCORE_COLUMNS.subList(0, 5));
        List<Score> scores = sc.map(r -> new Score(sc.text(r, "dataset"), sc.text(r, "model"), sc.integer(r, "n"), sc.num(r, "macro_f1_mean"),
                sc.num(r, "rank"), sc.has("feature_set") ? sc.text(r, "feature_set") : ""));
        CsvTable lb = CsvTable.read(dir.resolve(LEADERBOARD), LEADER_COLUMNS);
        List<Leader> leaders = lb.map(r -> new Leader(lb.text(r, "model"), lb.num(r, "mean_rank"), lb.num(r, "macro_f1_mean"),
                lb.integer(r, "wins"), lb.integer(r, "ties"), lb.integer(r, "losses"), lb.num(r, "z_vs_best"), lb.num(r, "p_vs_best"),
                lb.num(r, "p_holm_vs_best"), lb.num(r, "p_worse"), lb.num(r, "p_rope"), lb.num(r, "p_better")));
        CsvTable pr = CsvTable.read(dir.resolve(PAIRS), PAIR_COLUMNS);
        List<Pair> pairs = pr.map(r -> new Pair(pr.text(r, "model"), pr.text(r, "other"), pr.integer(r, "wins"), pr.integer(r, "ties"),
                pr.integer(r, "losses"), pr.num(r, "rank_diff"), pr.bool(r, "nemenyi_significant")));
        CsvTable ts = CsvTable.read(dir.resolve(TESTS), TEST_COLUMNS);
        if (ts.rows().size() != 1) throw new org.crystalbench.InputException(ts.file() + ": one row of tests expected, found " + ts.rows().size());
        var r = ts.rows().getFirst();
        Tests tests = new Tests(ts.integer(r, "datasets"), ts.integer(r, "models"), ts.num(r, "friedman_chi2"), ts.num(r, "friedman_p"),
                ts.num(r, "iman_davenport_f"), ts.num(r, "iman_davenport_p"), ts.num(r, "nemenyi_cd_05"), ts.num(r, "nemenyi_cd_10"),
                ts.text(r, "best"), ts.num(r, "rope"), ts.num(r, "level"), ts.parse(r, "seed", Long::parseLong), ts.text(r, "excluded"));
        return new Suite(scores, leaders, pairs, tests);
    }
}
