package org.crystalbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProbScoresTest {
    // 13 rows, 3 classes, with ties, a certain row and a zero probability on the true class (the last row).
    static final int[] Y = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 2, 1, 2};
    static final double[][] P = {
            {0.7, 0.2, 0.1}, {0.1, 0.8, 0.1}, {0.2, 0.2, 0.6}, {0.4, 0.4, 0.2},
            {0.5, 0.3, 0.2}, {0.0, 0.5, 0.5}, {1.0, 0.0, 0.0}, {0.3, 0.3, 0.4},
            {0.1, 0.0, 0.9}, {0.25, 0.5, 0.25}, {0.6, 0.1, 0.3}, {0.2, 0.7, 0.1}, {0.5, 0.5, 0.0}};

    /**
     * Known values from scikit-learn 1.2.1 on the same rows: {@code log_loss(y, p)},
     * {@code sum(brier_score_loss(y == c, p[:, c]) for c in range(3))},
     * {@code roc_auc_score(y, p, multi_class="ovr", average="macro")}; ECE computed by hand in numpy with the
     * same bins (top label, ceil(10 * confidence) - 1).
     */
    @Test
    void matchesScikitLearnOnKnownPredictions() {
        ProbScores s = ProbScores.of(Y, P, 3);
        assertEquals(3.400306434943419, s.logLoss(), 1e-12);
        assertEquals(0.4934615384615385, s.brier(), 1e-12);
        assertEquals(0.7902777777777779, s.rocAuc(), 1e-12);
        assertEquals(0.2538461538461539, s.ece(), 1e-12);
    }

    @Test
    void perfectCertainPredictionsScoreTheBestValues() {
        int[] y = {0, 1, 2, 1};
        double[][] p = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 1, 0}};
        ProbScores s = ProbScores.of(y, p, 3);
        assertEquals(0, s.logLoss(), 1e-14); // clipped at 1 - 2^-52: a few ulps above 0
        assertEquals(0, s.brier(), 0);
        assertEquals(1, s.rocAuc(), 0);
        assertEquals(0, s.ece(), 0);
    }

    @Test
    void aucIsNaNWhenAClassIsMissingAndTiesCountOneHalf() {
        assertTrue(Double.isNaN(ProbScores.of(new int[] {0, 0}, new double[][] {{0.6, 0.4}, {0.7, 0.3}}, 2).rocAuc()));
        assertEquals(0.5, ProbScores.auc(new double[] {0.3, 0.3}, new boolean[] {true, false}), 0);
        // positive pairs (0.4, 0.1), (0.9, 0.1), (0.9, 0.4) won, (0.4, 0.4) tied: 3.5 of 4
        assertEquals(0.875, ProbScores.auc(new double[] {0.1, 0.4, 0.4, 0.9}, new boolean[] {false, true, false, true}), 0);
    }

    /**
     * The AUC from primitive sorts (issue 30, memory) is the bits of ranking boxed row indexes (the code before it,
     * below): many ties, -0.0 beside 0.0, positives at both ends.
     */
    @Test
    void aucFromPrimitiveSortsIsTheBitsOfTheIndexSort() {
        java.util.Random random = new java.util.Random(3);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + random.nextInt(3000);
            double[] score = new double[n];
            boolean[] positive = new boolean[n];
            for (int i = 0; i < n; i++) {
                int kind = random.nextInt(5);
                score[i] = kind == 0 ? 0.0 : kind == 1 ? -0.0 : kind == 2 ? random.nextInt(7) / 7.0 : random.nextDouble();
                positive[i] = random.nextInt(3) == 0;
            }
            double want = indexSortAuc(score, positive);
            assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(ProbScores.auc(score.clone(), positive)));
        }
    }

    /** The AUC as computed before: row indexes boxed and sorted by score. */
    private static double indexSortAuc(double[] score, boolean[] positive) {
        int n = score.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double rankSum = 0;
        long pos = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && score[order[j]] == score[order[i]]) j++;
            double midRank = (i + 1 + j) / 2.0;
            for (int q = i; q < j; q++) if (positive[order[q]]) { rankSum += midRank; pos++; }
            i = j;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) return Double.NaN;
        return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    @Test
    void aNaNProbabilityGivesNaNNotAHang() {
        // A degenerate Platt fit gave NaN probabilities and the tie loop (NaN != NaN) spun forever in a grid.
        double auc = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> ProbScores.auc(new double[] {0.2, Double.NaN, 0.7}, new boolean[] {true, false, true}));
        assertTrue(Double.isNaN(auc));
    }

    @Test
    void binsAreHalfOpenOnTheLeft() {
        assertEquals(0, ProbScores.bin(0));
        assertEquals(0, ProbScores.bin(0.1));
        assertEquals(4, ProbScores.bin(0.45));
        assertEquals(9, ProbScores.bin(1));
    }
}
