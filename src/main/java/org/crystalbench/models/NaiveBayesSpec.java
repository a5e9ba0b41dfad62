package org.crystalbench.models;

import smile.stat.distribution.GaussianDistribution;

/**
 * Gaussian naive Bayes: one Gaussian per class and feature, class priors from the training
 * frequencies. Smile has the classifier but no fit for it, so the fit is here: every variance gets
 * {@code varSmoothing x} the largest feature variance added (scikit-learn's convention), which keeps
 * one-hot columns that are constant within a class from giving zero variance.
 *
 * @param varSmoothing share of the largest variance added to all variances (default 1e-9)
 */
public record NaiveBayesSpec(String name, Double varSmoothing) implements BaseModelSpec {
    public NaiveBayesSpec {
        varSmoothing = varSmoothing == null ? 1e-9 : varSmoothing;
        Check.inRange(name, "var_smoothing", varSmoothing, 0, Double.MAX_VALUE);
    }

    /** Reads the rows where they are: no copy (bundle calibration's path, tests). */
    @Override
    public Model fit(double[][] x, int[] y, int classes, long seed) {
        int n = x.length, p = n == 0 ? 0 : x[0].length;
        double[] count = new double[classes], m = new double[p], s = new double[p];
        double[][] mean = new double[classes][p], var = new double[classes][p];
        // m, s: the overall mean and squared deviations, for the largest feature variance (the smoothing). Two passes;
        // each accumulator adds its rows in row order, as four separate passes did (the same bits).
        for (int r = 0; r < n; r++) {
            double[] row = x[r], mc = mean[y[r]];
            count[y[r]]++;
            for (int j = 0; j < p; j++) {
                mc[j] += row[j];
                m[j] += row[j];
            }
        }
        divide(count, mean, m, n);
        for (int r = 0; r < n; r++) {
            double[] row = x[r], mc = mean[y[r]], vc = var[y[r]];
            for (int j = 0; j < p; j++) {
                double d = row[j] - mc[j];
                vc[j] += d * d;
                s[j] += (row[j] - m[j]) * (row[j] - m[j]);
            }
        }
        return model(count, mean, var, s, n);
    }

    /** The run's path: the compact rows read where they are ({@link NaiveBayesMoments}), no row copies. */
    @Override
    public Model fit(TrainingRows x, int[] y, int classes, long seed) {
        int n = x.size(), p = x.width();
        double[] count = new double[classes], m = new double[p], s = new double[p];
        double[][] mean = new double[classes][p], var = new double[classes][p];
        NaiveBayesMoments.sums(x, y, count, mean, m);
        divide(count, mean, m, n);
        NaiveBayesMoments.deviations(x, y, mean, m, var, s);
        return model(count, mean, var, s, n);
    }

    private static void divide(double[] count, double[][] mean, double[] m, int n) {
        for (int c = 0; c < count.length; c++) for (int j = 0; j < m.length; j++) mean[c][j] /= Math.max(count[c], 1);
        for (int j = 0; j < m.length; j++) m[j] /= n;
    }

    private Model model(double[] count, double[][] mean, double[][] var, double[] s, int n) {
        int classes = count.length, p = s.length;
        double maxVar = 0;
        for (int j = 0; j < p; j++) maxVar = Math.max(maxVar, s[j] / n);
        double epsilon = varSmoothing * maxVar;
        double[] prior = new double[classes];
        GaussianDistribution[][] dist = new GaussianDistribution[classes][p];
        for (int c = 0; c < classes; c++) {
            prior[c] = count[c] / n;
            for (int j = 0; j < p; j++) {
                double v = var[c][j] / Math.max(count[c], 1) + epsilon;
                dist[c][j] = new GaussianDistribution(mean[c][j], Math.sqrt(v > 0 ? v : Double.MIN_NORMAL));
            }
        }
        // Smile's NaiveBayes would predict the same bits; the flat-array model is faster (docs/performance.md).
        return GaussianNbModel.of(prior, dist);
    }
}
