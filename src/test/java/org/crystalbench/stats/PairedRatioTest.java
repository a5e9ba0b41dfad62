package org.crystalbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PairedRatioTest {
    private static double[] ones(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @Test
    void signedRankDistributionMatchesTheTables() {
        assertEquals(1 / 64.0, PairedRatio.cdf(6, 0), 1e-15);
        assertEquals(3 / 64.0, PairedRatio.cdf(6, 2), 1e-15); // {}, {1}, {2}
        assertEquals(0.0244, PairedRatio.cdf(10, 8), 5e-5);    // n = 10: two-sided 5% critical value 8
        assertEquals(0.0322, PairedRatio.cdf(10, 9), 5e-5);
        assertEquals(9, PairedRatio.lowerRank(10, 0.025));
        assertEquals(1, PairedRatio.lowerRank(6, 0.025));     // only the extreme Walsh averages
        assertEquals(1, PairedRatio.lowerRank(6, 1 / 64.0));  // a tail exactly P(T <= 0) is allowed
        assertEquals(0, PairedRatio.lowerRank(5, 0.025));     // 1/32 > 2.5%: no 95% interval from 5 pairs
        assertEquals(1.0, PairedRatio.cdf(4, 10), 0);
        // the normal approximation beyond EXACT_MAX is close to the exact tail
        assertEquals(0.5, PairedRatio.cdf(80, 80 * 81 / 4), 0.01);
    }

    @Test
    void hodgesLehmannOfKnownLogRatios() {
        double[] before = ones(3, 1), after = {Math.exp(1), Math.exp(2), Math.exp(3)};
        // Walsh averages 1, 1.5, 2, 2, 2.5, 3: median 2
        assertEquals(Math.exp(2), PairedRatio.of(before, after, 0.5).ratio(), 1e-12);
    }

    @Test
    void aConstantTenPercentSlowdownIsExactlyThat() {
        PairedRatio r = PairedRatio.of(ones(6, 100), ones(6, 110), 0.95);
        assertEquals(1.1, r.ratio(), 1e-12);
        assertEquals(1.1, r.interval().low(), 1e-12);
        assertEquals(1.1, r.interval().high(), 1e-12);
        assertEquals(1 - 2 / 64.0, r.confidence(), 1e-15);
        assertEquals(6, r.n());
    }

    @Test
    void tenPairsGiveTheNinthWalshAverages() {
        double[] before = ones(10, 1), after = new double[10];
        for (int i = 0; i < 10; i++) after[i] = Math.exp(i + 1); // d = 1..10; Walsh averages of 1..10
        PairedRatio r = PairedRatio.of(before, after, 0.95);
        // sorted Walsh averages of 1..10: 1, 1.5, 2, 2, 2.5, 2.5, 3, 3, 3, ... the 9th is 3
        assertEquals(Math.exp(3), r.interval().low(), 1e-9);
        assertEquals(Math.exp(8), r.interval().high(), 1e-9);
        assertEquals(Math.exp(5.5), r.ratio(), 1e-9);
        assertEquals(1 - 2 * PairedRatio.cdf(10, 8), r.confidence(), 1e-15);
    }

    @Test
    void oneDisturbedPairMovesTheEstimateLittle() {
        double[] before = ones(8, 100), after = {101, 99, 100, 102, 98, 100, 101, 400};
        PairedRatio r = PairedRatio.of(before, after, 0.95);
        assertTrue(r.ratio() < 1.02, "" + r);
        assertTrue(r.interval().contains(1.0), "" + r);
    }

    @Test
    void fivePairsHaveNoNinetyFivePercentInterval() {
        PairedRatio r = PairedRatio.of(ones(5, 1), ones(5, 2), 0.95);
        assertEquals(0, r.interval().low());
        assertEquals(Double.POSITIVE_INFINITY, r.interval().high());
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> PairedRatio.of(ones(3, 1), ones(4, 1), 0.95));
        assertThrows(IllegalArgumentException.class, () -> PairedRatio.of(new double[0], new double[0], 0.95));
        assertThrows(IllegalArgumentException.class, () -> PairedRatio.of(ones(6, 1), ones(6, 0), 0.95));
        assertThrows(IllegalArgumentException.class, () -> PairedRatio.of(ones(6, 1), ones(6, Double.NaN), 0.95));
        assertThrows(IllegalArgumentException.class, () -> PairedRatio.of(ones(6, 1), ones(6, 1), 1.0));
    }
}
