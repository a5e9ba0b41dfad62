package org.crystalbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BayesSignedRankTest {
    private static final double[] B = {0.81, 0.74, 0.92, 0.66, 0.88, 0.79, 0.71, 0.95};

    /**
     * Expected: baycomp 1.0.3 itself (janezd/baycomp at 0ce309b, run from its source with numpy's seed 0):
     * {@code SignedRankTest.probs(B, a, rope=0.01, nsamples=50000)}, whose (left, rope, right) are (P(a worse), P(rope),
     * P(a better)). Different random streams: within 0.01 (each probability's Monte Carlo standard error is below 0.0025).
     * On baycomp's documented example (docs/code: nbc against j48 over 54 data sets, rope 1; third-party data, not committed)
     * both give (0.232, 0.007, 0.761) with 400 000 draws (docs/suite.md).
     */
    @Test
    void matchesBaycomp() {
        check(new double[] {0.83, 0.75, 0.93, 0.69, 0.88, 0.80, 0.74, 0.95}, 0, 0.22096, 0.77904);
        check(new double[] {0.815, 0.735, 0.925, 0.662, 0.884, 0.787, 0.713, 0.951}, 0, 1, 0);
        check(new double[] {0.80, 0.76, 0.90, 0.67, 0.86, 0.80, 0.69, 0.96}, 0.17268, 0.69094, 0.13638);
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
