package org.crystalbench.stats;

import java.util.SplittableRandom;

/**
 * The Bayesian signed-rank test with a region of practical equivalence (Benavoli, Corani, Demšar, Zaffalon,
 * "Time for a change", JMLR 18, 2017), as the baycomp package computes it: the differences z_1..z_n (one per
 * data set, a − b) get a pseudo-observation z_0 = 0 of Dirichlet weight {@code prior}; for each Dirichlet draw
 * w the posterior mass of the three regions is Σ_ij w_i w_j over the pairs whose Walsh average (z_i + z_j)/2 is
 * below −rope (b better), within ±rope, or above rope (a better); the reported probabilities are the shares
 * of draws in which each region has the largest mass (baycomp's {@code probs}).
 *
 * @param pWorse  P(a is practically worse than b)
 * @param pRope   P(practically equivalent)
 * @param pBetter P(a is practically better than b)
 */
public record BayesSignedRank(double pWorse, double pRope, double pBetter) {

    public static final double DEFAULT_PRIOR = 0.5;
    public static final int DEFAULT_SAMPLES = 50_000;

    public static BayesSignedRank of(double[] a, double[] b, double rope, long seed) {
        return of(a, b, rope, DEFAULT_PRIOR, DEFAULT_SAMPLES, seed);
    }

    public static BayesSignedRank of(double[] a, double[] b, double rope, double prior, int samples, long seed) {
        if (a.length != b.length || a.length == 0) throw new IllegalArgumentException("paired samples of equal, non-zero length");
        if (!(rope >= 0) || !(prior > 0) || samples < 1) throw new IllegalArgumentException("rope >= 0, prior > 0, samples >= 1");
        int m = a.length + 1;
        double[] z = new double[m];
        for (int i = 1; i < m; i++) z[i] = a[i - 1] - b[i - 1];
        // baycomp's Heaviside: a Walsh sum exactly on a boundary counts half to each side
        double[][] above = new double[m][m], below = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double s = z[i] + z[j];
                above[i][j] = heaviside(s, 2 * rope);
                below[i][j] = heaviside(-s, 2 * rope);
            }
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] w = new double[m];
        long[] wins = new long[3];
        for (int t = 0; t < samples; t++) {
            double total = 0;
            for (int i = 0; i < m; i++) total += w[i] = gamma(i == 0 ? prior : 1, rng);
            double[] mass = new double[3];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    double wij = w[i] * w[j] / (total * total);
                    mass[0] += wij * below[i][j];
                    mass[2] += wij * above[i][j];
                }
            }
            mass[1] = 1 - mass[0] - mass[2];
            // numpy's argmax: the first of equal maxima
            int win = mass[0] >= mass[1] && mass[0] >= mass[2] ? 0 : mass[1] >= mass[2] ? 1 : 2;
            wins[win]++;
        }
        return new BayesSignedRank(wins[0] / (double) samples, wins[1] / (double) samples, wins[2] / (double) samples);
    }

    private static double heaviside(double a, double threshold) {
        return a > threshold ? 1 : a == threshold ? 0.5 : 0;
    }

    /**
     * Gamma(shape, 1) by Marsaglia and Tsang (2000); shape below 1 by Gamma(shape + 1) · U^(1/shape).
     * Hand-written because the draws must come from one seeded stream (Smile's samplers use a global generator).
     */
    static double gamma(double shape, SplittableRandom rng) {
        if (shape < 1) return gamma(shape + 1, rng) * Math.pow(rng.nextDouble(), 1 / shape);
        if (shape == 1) return -Math.log(1 - rng.nextDouble());
        double d = shape - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x, v;
            do {
                x = normal(rng);
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = rng.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
        }
    }

    private static double normal(SplittableRandom rng) {
        double u1 = 1 - rng.nextDouble(), u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
