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

    /** Reads the rows where they are: no copy (TrainBench's path, and bundle calibration's). */
    @Override
    public Model fit(double[][] x, int[] y, int classes, long seed) {
        return fit(r -> x[r], x.length, x.length == 0 ? 0 : x[0].length, y, classes);
    }

    /** Reads the rows one at a time into one buffer ({@link TrainingRows#copyRowOver}): no {@code double[][]} copy. */
    @Override
    public Model fit(TrainingRows x, int[] y, int classes, long seed) {
        double[] buffer = new double[x.width()];
        int[] previous = {-1};
        return fit(r -> {
            x.copyRowOver(r, previous[0], buffer);
            previous[0] = r;
            return buffer;
        }, x.size(), x.width(), y, classes);
    }

    /**
     * Two passes over the rows: per class and overall sums, then per class and overall squared deviations. Each
     * accumulator adds its rows in row order, as four separate passes did (the same bits; a pass costs a row copy on
     * the compact path, so two passes instead of four).
     */
    private Model fit(java.util.function.IntFunction<double[]> rows, int n, int p, int[] y, int classes) {
        double[] count = new double[classes];
        double[][] mean = new double[classes][p];
        double[][] var = new double[classes][p];
        // m, s: the overall mean and squared deviations, for the largest feature variance (the smoothing)
        double[] m = new double[p], s = new double[p];
        for (int r = 0; r < n; r++) {
            double[] row = rows.apply(r), mc = mean[y[r]];
            count[y[r]]++;
            for (int j = 0; j < p; j++) {
                mc[j] += row[j];
                m[j] += row[j];
            }
        }
        for (int c = 0; c < classes; c++) for (int j = 0; j < p; j++) mean[c][j] /= Math.max(count[c], 1);
        for (int j = 0; j < p; j++) m[j] /= n;
        for (int r = 0; r < n; r++) {
            double[] row = rows.apply(r), mc = mean[y[r]], vc = var[y[r]];
            for (int j = 0; j < p; j++) {
                double d = row[j] - mc[j];
                vc[j] += d * d;
                s[j] += (row[j] - m[j]) * (row[j] - m[j]);
            }
        }
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
