package org.crystalbench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import smile.classification.NaiveBayes;
import smile.stat.distribution.Distribution;
import smile.stat.distribution.GaussianDistribution;

/** The flat-array Gaussian naive Bayes must give exactly Smile's bits: class and every probability. */
class GaussianNbModelTest {
    @Test
    void predictsTheSameBitsAsSmilesNaiveBayes() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int trial = 0; trial < 20; trial++) {
            int k = 2 + rng.nextInt(3), p = 1 + rng.nextInt(150);
            double[] prior = new double[k];
            double total = 0;
            for (int c = 0; c < k; c++) total += prior[c] = 0.05 + rng.nextDouble();
            for (int c = 0; c < k; c++) prior[c] /= total;
            GaussianDistribution[][] dist = new GaussianDistribution[k][p];
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < p; j++) {
                    // tiny sigmas as var_smoothing leaves on one-hot columns that are constant in a class
                    double sigma = rng.nextInt(10) == 0 ? 1e-5 * rng.nextDouble() + 1e-12 : 0.1 + 2 * rng.nextDouble();
                    dist[c][j] = new GaussianDistribution(rng.nextGaussian(), sigma);
                }
            }
            Distribution[][] asSmile = new Distribution[k][];
            for (int c = 0; c < k; c++) asSmile[c] = dist[c];
            NaiveBayes smile = new NaiveBayes(prior, asSmile);
            GaussianNbModel flat = GaussianNbModel.of(prior, dist);
            for (int r = 0; r < 50; r++) {
                double[] x = new double[p];
                for (int j = 0; j < p; j++) x[j] = rng.nextInt(3) == 0 ? rng.nextInt(2) : 2 * rng.nextGaussian();
                double[] expected = new double[k], actual = new double[k];
                int expectedClass = smile.predict(x, expected);
                assertEquals(expectedClass, flat.predict(x, actual));
                for (int c = 0; c < k; c++) {
                    assertEquals(Double.doubleToRawLongBits(expected[c]), Double.doubleToRawLongBits(actual[c]),
                            "trial " + trial + " row " + r + " class " + c + ": " + expected[c] + " vs " + actual[c]);
                }
            }
        }
    }
}
