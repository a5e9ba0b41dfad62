package org.crystalbench.models;

import smile.classification.NaiveBayes;
import smile.stat.distribution.GaussianDistribution;

/**
 * Gaussian naive Bayes prediction over flat arrays: the arithmetic of Smile's
 * {@link NaiveBayes#predict(double[], double[])} with {@code GaussianDistribution.logp}, operation
 * for operation in the same order, so results are bit-identical (see GaussianNbModelTest), without
 * one distribution object per (class, feature) and one {@code log(prior)} per class and call.
 * It keeps Smile's division by the variance: multiplying by a precomputed reciprocal would be faster
 * but changes the last bits.
 *
 * @param logPrior    log of each class prior
 * @param mean        [class][feature]
 * @param variance    [class][feature], sigma * sigma as Smile stores it
 * @param logConstant [class][feature], log(sigma) + log(2 pi) / 2 as Smile stores it
 */
record GaussianNbModel(double[] logPrior, double[][] mean, double[][] variance, double[][] logConstant) implements Model {
    /** The same model as {@code new NaiveBayes(prior, dist)}, whose values it reads back from Smile. */
    static GaussianNbModel of(double[] prior, GaussianDistribution[][] dist) {
        int k = prior.length, p = dist[0].length;
        double[] logPrior = new double[k];
        double[][] mean = new double[k][p], variance = new double[k][p], logConstant = new double[k][p];
        for (int c = 0; c < k; c++) {
            logPrior[c] = Math.log(prior[c]);
            for (int j = 0; j < p; j++) {
                GaussianDistribution d = dist[c][j];
                if (!(d.sigma > 0)) throw new IllegalArgumentException("sigma must be > 0"); // Smile special-cases 0
                mean[c][j] = d.mu;
                variance[c][j] = d.variance();
                logConstant[c][j] = -d.logp(d.mu); // logp(mu) = 0 / variance - pdfConstant, exactly -pdfConstant
            }
        }
        return new GaussianNbModel(logPrior, mean, variance, logConstant);
    }

    @Override
    public int classes() {
        return logPrior.length;
    }

    @Override
    public int predict(double[] x, double[] probabilities) {
        int k = logPrior.length;
        if (x.length != mean[0].length) {
            throw new IllegalArgumentException("input has " + x.length + " features, the model " + mean[0].length);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double[] mu = mean[c], var = variance[c], lc = logConstant[c];
            double logp = logPrior[c];
            for (int j = 0; j < mu.length; j++) {
                double d = x[j] - mu[j];
                logp += -0.5 * d * d / var[j] - lc[j];
            }
            probabilities[c] = logp;
            if (logp > max) max = logp;
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            probabilities[c] = Math.exp(probabilities[c] - max);
            sum += probabilities[c];
        }
        int best = 0;
        double top = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            probabilities[c] /= sum;
            if (probabilities[c] > top) { // strict: the first of equal maxima, as MathEx.whichMax
                top = probabilities[c];
                best = c;
            }
        }
        return best;
    }
}
