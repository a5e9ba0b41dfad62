package org.crystalbench.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import smile.validation.metric.Averaging;
import smile.validation.metric.FScore;

class ScoresTest {
    @Test
    void handComputedThreeClassMatrix() {
        // rows = true class, columns = predicted
        int[][] cm = {{5, 1, 0}, {2, 3, 1}, {0, 0, 4}};
        Scores s = Scores.of(cm);
        // precision: 5/7, 3/4, 4/5 ; recall: 5/6, 3/6, 4/4
        assertArrayEquals(new double[] {5.0 / 7, 0.75, 0.8}, s.precision(), 1e-12);
        assertArrayEquals(new double[] {5.0 / 6, 0.5, 1.0}, s.recall(), 1e-12);
        double mp = (5.0 / 7 + 0.75 + 0.8) / 3, mr = (5.0 / 6 + 0.5 + 1.0) / 3;
        assertEquals(mp, s.macroPrecision(), 1e-12);
        assertEquals(mr, s.macroRecall(), 1e-12);
        assertEquals(mr, s.balancedAccuracy(), 1e-12);
        assertEquals(12.0 / 16, s.accuracy(), 1e-12);
        double f0 = 2 * (5.0 / 7) * (5.0 / 6) / (5.0 / 7 + 5.0 / 6), f1 = 2 * 0.75 * 0.5 / 1.25, f2 = 2 * 0.8 / 1.8;
        assertEquals((f0 + f1 + f2) / 3, s.macroF1(), 1e-12);
        assertEquals(2 * mp * mr / (mp + mr), s.paperF1(), 1e-12);
    }

    /** The case: five rows of one class, all right: 1 over the present class, 1/3 over all three. */
    @Test
    void macroAveragesOverPresentClassesOrAll() {
        int[][] cm = {{0, 0, 0}, {0, 5, 0}, {0, 0, 0}};
        Scores all = Scores.of(cm), present = Scores.ofPresent(cm);
        assertEquals(1.0, all.accuracy());
        assertEquals(1.0 / 3, all.macroF1(), 1e-12);
        assertEquals(1.0, present.macroF1());
        assertEquals(1.0, present.macroPrecision());
        assertEquals(1, all.presentClasses());
        // A wrong prediction into an absent class still costs the present class its recall.
        Scores missed = Scores.ofPresent(new int[][] {{0, 0, 0}, {1, 4, 0}, {0, 0, 0}});
        assertEquals(0.8, missed.macroRecall(), 1e-12);
        assertEquals(1.0, missed.macroPrecision(), 1e-12);
        int[][] full = {{5, 1, 0}, {2, 3, 1}, {0, 0, 4}};
        assertEquals(Scores.of(full).macroF1(), Scores.ofPresent(full).macroF1(), "every class present: the same");
    }

    @Test
    void theTwoF1DefinitionsDiffer() {
        // A lopsided classifier: everything predicted as class 0 except one row.
        int[] truth = {0, 0, 0, 1, 1, 1, 2, 2, 2};
        int[] pred = {0, 0, 0, 0, 0, 1, 0, 0, 0};
        Scores s = Scores.of(truth, pred, 3);
        assertNotEquals(s.macroF1(), s.paperF1(), 0.05);
        // precision: 3/8, 1, 0 (never predicted) ; recall: 1, 1/3, 0
        assertEquals((3.0 / 8 + 1 + 0) / 3, s.macroPrecision(), 1e-12);
        assertEquals((1 + 1.0 / 3 + 0) / 3, s.macroRecall(), 1e-12);
        double f0 = 2 * (3.0 / 8) / (3.0 / 8 + 1), f1 = 2 * (1.0 / 3) / (1 + 1.0 / 3);
        assertEquals((f0 + f1 + 0) / 3, s.macroF1(), 1e-12);
        assertEquals(2 * s.macroPrecision() * s.macroRecall() / (s.macroPrecision() + s.macroRecall()), s.paperF1(), 1e-12);
    }

    /**
     * Pins what Smile 6.3.0 actually computes: FScore with macro averaging averages the per-class
     * F1 (our macro_f1); it is not the harmonic mean of macro P and R (our paper_f1). Checked on
     * random predictions so that the match is not a coincidence of one matrix.
     */
    @Test
    void smilesMacroFScoreIsTheMeanOfPerClassF1NotThePaperFormula() {
        var rng = new java.util.SplittableRandom(4);
        for (int trial = 0; trial < 50; trial++) {
            int n = 30 + rng.nextInt(50);
            int[] truth = new int[n], pred = new int[n];
            for (int i = 0; i < n; i++) {
                truth[i] = i % 3;
                pred[i] = rng.nextDouble() < 0.6 ? truth[i] : rng.nextInt(3);
            }
            Scores s = Scores.of(truth, pred, 3);
            double smile = FScore.of(truth, pred, 1.0, Averaging.Macro);
            assertEquals(s.macroF1(), smile, 1e-12);
            if (Math.abs(s.macroF1() - s.paperF1()) > 1e-9) assertNotEquals(s.paperF1(), smile, 1e-12);
        }
    }

    @Test
    void aClassNeverPredictedHasPrecisionZeroAndCountsInTheMacroAverage() {
        int[] truth = {0, 1, 2, 2};
        int[] pred = {0, 1, 1, 1};
        Scores s = Scores.of(truth, pred, 3);
        assertEquals(0.0, s.precision()[2]);
        assertEquals(0.0, s.recall()[2]);
        assertEquals(0.0, s.f1()[2]);
        assertEquals((1 + 1.0 / 3 + 0) / 3, s.macroPrecision(), 1e-12);
    }

    @Test
    void aClassAbsentFromTheTestPartHasRecallZero() {
        Scores s = Scores.of(new int[] {0, 0, 1}, new int[] {0, 2, 1}, 3);
        assertEquals(0.0, s.recall()[2]);
        assertEquals(0.0, s.precision()[2]);
        assertArrayEquals(new int[] {1, 0, 1}, s.confusion()[0]);
    }
}
