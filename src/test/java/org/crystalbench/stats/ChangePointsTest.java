package org.crystalbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import smile.stat.distribution.TDistribution;

class ChangePointsTest {
    private static double[] noise(int n, double sd, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = sd * (rng.nextDouble() + rng.nextDouble() + rng.nextDouble() - 1.5) * 2;
        return x;
    }

    @Test
    void welchEqualsStudentForEqualSizesAndVariances() {
        double[] a = {1, 2, 3, 4}, b = {3, 4, 5, 6}; // s^2 = 5/3 each, t = 2 / sqrt(5/6), df = 6
        double t = 2 / Math.sqrt(5.0 / 6);
        assertEquals(2 * (1 - new TDistribution(6).cdf(t)), ChangePoints.welchP(a, b), 1e-9);
        assertEquals(1, ChangePoints.welchP(new double[] {1, 1}, new double[] {1, 1}));
        assertEquals(0, ChangePoints.welchP(new double[] {1, 1}, new double[] {2, 2}));
    }

    @Test
    void aStepIsFlaggedOnceAtItsFirstValue() {
        double[] x = noise(30, 0.01, 3);
        for (int i = 15; i < 30; i++) x[i] += Math.log(1.10);
        var cps = ChangePoints.windowed(x, 5, 0.01, Math.log(1.03));
        assertEquals(1, cps.size(), "" + cps);
        assertEquals(15, cps.get(0).index());
        assertEquals(Math.log(1.10), cps.get(0).shift(), 0.02);
        assertTrue(cps.get(0).p() < 0.01);
        // neighbours of the step are significant too at a looser level; only the best of them is flagged
        var loose = ChangePoints.windowed(x, 5, 0.2, 0);
        assertEquals(1, loose.size(), "" + loose);
        assertEquals(15, loose.get(0).index());
    }

    @Test
    void noiseAloneIsNotFlagged() {
        for (long seed = 1; seed <= 20; seed++) {
            assertEquals(0, ChangePoints.windowed(noise(40, 0.02, seed), 5, 0.01, Math.log(1.03)).size(), "seed " + seed);
        }
    }

    @Test
    void aSlowDriftOfSmallStepsIsFlagged() {
        double[] x = noise(40, 0.005, 5);
        for (int i = 10; i < 40; i++) x[i] += Math.min(i - 9, 20) * Math.log(1.01); // +1% per run for 20 runs
        var cps = ChangePoints.windowed(x, 5, 0.01, Math.log(1.03));
        assertTrue(!cps.isEmpty() && cps.stream().allMatch(c -> c.shift() > 0), "" + cps);
        assertTrue(cps.stream().allMatch(c -> c.index() >= 10 && c.index() <= 30), "" + cps);
    }

    @Test
    void aSignificantButSmallShiftIsBelowTheMinimum() {
        double[] x = noise(30, 0.001, 7);
        for (int i = 15; i < 30; i++) x[i] += Math.log(1.02);
        assertEquals(0, ChangePoints.windowed(x, 5, 0.01, Math.log(1.03)).size());
        assertEquals(1, ChangePoints.windowed(x, 5, 0.01, Math.log(1.01)).size());
    }

    @Test
    void tooShortASeriesHasNoCandidates() {
        assertEquals(0, ChangePoints.windowed(new double[] {0, 0, 0, 1, 1}, 3, 0.01, 0).size());
    }
}
