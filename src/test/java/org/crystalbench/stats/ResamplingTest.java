package org.crystalbench.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ResamplingTest {
    // Five splits, test/train = 0.25 (8:2). mean 0.8, s^2 = 0.0025 computed by hand:
    // deviations -0.05, 0, 0.05, -0.05, 0.05 -> sum of squares 0.01 -> / 4 = 0.0025.
    static final double[] V = {0.75, 0.80, 0.85, 0.75, 0.85};

    @Test
    void correctedVarianceIsTheNadeauBengioFactorTimesTheSampleVariance() {
        // (1/5 + 0.25) * 0.0025 = 0.001125
        assertEquals(0.001125, Resampling.correctedVarianceOfMean(V, 0.25), 1e-15);
    }

    @Test
    void correctedIntervalUsesStudentQuantileWithJMinusOneDf() {
        // t_{0.975, 4} = 2.7764451 (tables); half-width = 2.7764451 * sqrt(0.001125)
        double half = 2.7764451051977987 * Math.sqrt(0.001125);
        Interval ci = Resampling.correctedT(V, 0.25, 0.95);
        assertEquals(0.8 - half, ci.low(), 1e-9);
        assertEquals(0.8 + half, ci.high(), 1e-9);
    }

    @Test
    void plainIntervalIsNarrowerThanTheCorrectedOne() {
        double half = 2.7764451051977987 * Math.sqrt(0.0025 / 5);
        Interval ci = Resampling.t(V, 0.95);
        assertEquals(0.8 - half, ci.low(), 1e-9);
        assertEquals(0.8 + half, ci.high(), 1e-9);
    }

    @Test
    void bootstrapIsDeterministicFromItsSeed() {
        double[] v = new double[30];
        for (int i = 0; i < v.length; i++) v[i] = 0.7 + 0.2 * Math.sin(i * 1.7) * Math.sin(i * 0.3);
        Interval a = Resampling.bootstrap(v, 0.95, 7, 2000);
        Interval b = Resampling.bootstrap(v, 0.95, 7, 2000);
        Interval c = Resampling.bootstrap(v, 0.95, 8, 2000);
        assertEquals(a, b);
        assertNotEquals(a, c);
        double mean = Describe.mean(v);
        assertEquals(true, a.low() < mean && a.high() > mean);
    }

    @Test
    void pairedTestMatchesHandComputedStatistic() {
        double[] a = {0.80, 0.82, 0.78, 0.85, 0.80};
        double[] b = {0.75, 0.80, 0.70, 0.80, 0.80};
        // d = .05 .02 .08 .05 0 -> mean .04, s^2 = (.0001+.0004+.0016+.0001+.0016)/4 = .00095
        double se = Math.sqrt((0.2 + 0.25) * 0.00095);
        var test = Resampling.correctedPairedT(a, b, 0.25, 0.95);
        assertEquals(0.04, test.meanDiff(), 1e-12);
        assertEquals(0.04 / se, test.t(), 1e-9);
        // t = 1.934603; two-sided p with 4 df = 0.1251512 (numerical integration of the t density)
        assertEquals(0.1251512, test.p(), 1e-6);
    }

    @Test
    void holmOnTextbookExample() {
        // Holm (1979)-style example: p = 0.01, 0.04, 0.03, 0.005 -> sorted .005 .01 .03 .04
        // adjusted: .005*4=.02, .01*3=.03, .03*2=.06, max(.06,.04*1)=.06
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02},
                Resampling.holm(new double[] {0.01, 0.04, 0.03, 0.005}), 1e-12);
    }
}
