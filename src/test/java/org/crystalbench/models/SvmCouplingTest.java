package org.crystalbench.models;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** libsvm's pairwise coupling, called through its private method (a libsvm upgrade that renames it fails here). */
class SvmCouplingTest {
    @Test
    void consistentPairwiseProbabilitiesGiveBackTheClassProbabilities() {
        double[] truth = {0.5, 0.3, 0.2};
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) if (i != j) r[i][j] = truth[i] / (truth[i] + truth[j]);
        double[] p = new double[3];
        SvmDecisions.couple(r, p);
        assertArrayEquals(truth, p, 1e-3);
    }

    @Test
    void clippedCertaintiesGiveFiniteProbabilitiesThatSumToOne() {
        // class 2 beats 0 and 1 with certainty, 0 beats 1 with certainty (as clipped to 1e-7)
        double lo = 1e-7, hi = 1 - 1e-7;
        double[][] r = {{0, hi, lo}, {lo, 0, lo}, {hi, hi, 0}};
        double[] p = new double[3];
        SvmDecisions.couple(r, p);
        double sum = 0;
        for (double v : p) {
            assertTrue(Double.isFinite(v) && v >= 0, java.util.Arrays.toString(p));
            sum += v;
        }
        assertEquals(1, sum, 1e-9);
        assertTrue(p[2] > 0.99, java.util.Arrays.toString(p));
    }

    @Test
    void plattsSigmoidFitsSeparatedScoresSteeply() {
        double[] dec = {-2, -1.5, -1, -0.5, 0.5, 1, 1.5, 2};
        double[] labels = {-1, -1, -1, -1, +1, +1, +1, +1};
        double[] ab = new double[2];
        LibsvmFit.sigmoidTrain(dec, labels, ab);
        assertTrue(ab[0] < -1, "P(+1|f) = 1/(1+exp(A f + B)) rises with f: A < 0, found " + ab[0]);
        assertEquals(0, ab[1], 1e-6, "symmetric scores: B = 0");
    }
}
