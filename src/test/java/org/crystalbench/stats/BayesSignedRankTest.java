package org.crystalbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BayesSignedRankTest {
    private static final double[] B = {0.81, 0.74, 0.92, 0.66, 0.88, 0.79, 0.71, 0.95};

    /**
     * Expected: baycomp's SignedRankTest.sample + Posterior.probs (janezd/baycomp, baycomp/multiple.py) transcribed to
     * numpy, x = B, y = a, rope 0.01, prior 0.5, 50 000 draws, RandomState(0). Different random streams: within 0.01
     * (the Monte Carlo standard error of each probability is below 0.0025).
     */
    @Test
    void matchesBaycompsAlgorithm() {
        check(new double[] {0.83, 0.75, 0.93, 0.69, 0.88, 0.80, 0.74, 0.95}, 0, 0.22162, 0.77838);
        check(new double[] {0.815, 0.735, 0.925, 0.662, 0.884, 0.787, 0.713, 0.951}, 0, 1, 0);
        check(new double[] {0.80, 0.76, 0.90, 0.67, 0.86, 0.80, 0.69, 0.96}, 0.1752, 0.68892, 0.13588);
    }

    private static void check(double[] a, double worse, double rope, double better) {
        var r = BayesSignedRank.of(a, B, 0.01, 1);
        assertEquals(worse, r.pWorse(), 0.01);
        assertEquals(rope, r.pRope(), 0.01);
        assertEquals(better, r.pBetter(), 0.01);
    }

    @Test
    void seededAndSymmetric() {
        double[] a = {0.80, 0.76, 0.90, 0.67, 0.86, 0.80, 0.69, 0.96};
        assertEquals(BayesSignedRank.of(a, B, 0.01, 7), BayesSignedRank.of(a, B, 0.01, 7));
        var ab = BayesSignedRank.of(a, B, 0.01, 7);
        var ba = BayesSignedRank.of(B, a, 0.01, 7);
        assertEquals(ab.pWorse(), ba.pBetter(), 0.01);
    }
}
