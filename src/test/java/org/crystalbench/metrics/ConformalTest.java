package org.crystalbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConformalTest {
    @Test
    void quantileIsTheCeilOfNPlusOneTimesLevelThSmallest() {
        double[] s = {0.9, 0.1, 0.5, 0.3, 0.7, 0.2, 0.8, 0.4, 0.6}; // n = 9
        assertEquals(0.9, Conformal.quantile(s, 0.1), 0); // rank ceil(10 * 0.9) = 9
        assertEquals(0.8, Conformal.quantile(s, 0.2), 0); // rank 8
        assertEquals(Double.POSITIVE_INFINITY, Conformal.quantile(java.util.Arrays.copyOf(s, 8), 0.1)); // rank 9 > 8
    }

    /**
     * An imperfect model on exchangeable rows: features give class probabilities through a noisy softmax whose
     * temperature differs from the truth, so the model is miscalibrated. Returns [row][class] probabilities, the labels
     * drawn from the true ones.
     */
    static double[][] rows(SplittableRandom rng, int n, int[] y) {
        double[][] p = new double[n][3];
        for (int i = 0; i < n; i++) {
            double[] logit = {rng.nextGaussian(), rng.nextGaussian() * 1.5, rng.nextGaussian() * 0.5 - 0.5};
            double[] truth = softmax(logit, 1.0), model = softmax(logit, 2.5); // overconfident model
            double u = rng.nextDouble();
            y[i] = u < truth[0] ? 0 : u < truth[0] + truth[1] ? 1 : 2;
            p[i] = model;
        }
        return p;
    }

    static double[] softmax(double[] z, double scale) {
        double[] e = new double[z.length];
        double sum = 0;
        for (int c = 0; c < z.length; c++) sum += e[c] = Math.exp(scale * z[c]);
        for (int c = 0; c < z.length; c++) e[c] /= sum;
        return e;
    }

    /**
     * The guarantee: over many draws of calibration and test rows, mean coverage >= 1 - alpha, and for split
     * conformal with continuous scores also <= 1 - alpha + 1 / (n + 1). Mondrian: the same within each class.
     */
    @Test
    void coverageMeetsTheGuaranteeOnAverageOverManySeeds() {
        for (double alpha : new double[] {0.1, 0.2}) {
            int seeds = 2000, n = 60, m = 40;
            double split = 0, splitSize = 0;
            double[] mondrianByClass = new double[3];
            int[] mondrianN = new int[3];
            for (int seed = 0; seed < seeds; seed++) {
                SplittableRandom rng = new SplittableRandom(seed * 31L + 7);
                int[] yc = new int[n], yt = new int[m];
                double[][] pc = rows(rng, n, yc), pt = rows(rng, m, yt);
                double[] t = Conformal.thresholds(pc, yc, 3, alpha, Conformal.Method.SPLIT);
                Conformal.Sets sets = Conformal.evaluate(pt, yt, t);
                split += sets.coverage();
                splitSize += sets.size();
                double[] tm = Conformal.thresholds(pc, yc, 3, alpha, Conformal.Method.MONDRIAN);
                for (int i = 0; i < m; i++) {
                    mondrianN[yt[i]]++;
                    if (Conformal.set(pt[i], tm)[yt[i]]) mondrianByClass[yt[i]]++;
                }
            }
            double coverage = split / seeds;
            // the mean of 2000 seeds' coverage has SD about sqrt(alpha (1 - alpha) / (m seeds)) plus calibration noise: < 0.005
            assertTrue(coverage >= 1 - alpha - 0.005, "split coverage " + coverage + " at alpha " + alpha);
            assertTrue(coverage <= 1 - alpha + 1.0 / (n + 1) + 0.005, "split coverage " + coverage + " too high");
            assertTrue(splitSize / seeds < 3, "sets are informative: " + splitSize / seeds);
            for (int c = 0; c < 3; c++) {
                double cc = mondrianByClass[c] / mondrianN[c];
                assertTrue(cc >= 1 - alpha - 0.01, "Mondrian coverage of class " + c + ": " + cc + " at alpha " + alpha);
            }
        }
    }

    @Test
    void aPoorlyCalibratedModelWithoutConformalUndercoversWhileConformalDoesNot() {
        // The naive set "classes until 90% of the model's probability" undercovers for an overconfident model.
        SplittableRandom rng = new SplittableRandom(5);
        int n = 5000;
        int[] y = new int[n];
        double[][] p = rows(rng, n, y);
        int naive = 0;
        for (int i = 0; i < n; i++) {
            Integer[] order = {0, 1, 2};
            int row = i;
            java.util.Arrays.sort(order, (a, b) -> Double.compare(p[row][b], p[row][a]));
            double mass = 0;
            for (int c : order) {
                mass += p[i][c];
                if (c == y[i]) naive++;
                if (mass >= 0.9) break;
            }
        }
        assertTrue(naive / (double) n < 0.88, "the naive sets undercover: " + naive / (double) n);
    }
}
