package org.crystalbench.models;

/**
 * A fitted logistic regression, scikit-learn's parametrisation: for three or more classes one
 * coefficient vector and intercept per class (softmax), for two classes one vector whose score is the
 * second class's log-odds. Coefficients are stored feature-major, {@code w[j * k + c]} for feature j of
 * score c, the k intercepts last, so a row's scores are one pass over its features (zero features
 * skipped: one-hot rows are mostly zeros). Probabilities use {@code StrictMath.exp}, defined to the bit.
 *
 * @param classes  number of classes
 * @param features number of encoded features
 * @param w        (features + 1) x k values, k = classes, or 1 for two classes
 */
record LogisticModel(int classes, int features, double[] w) implements Model {
    LogisticModel {
        if (w.length != (features + 1) * scores(classes)) throw new IllegalArgumentException("coefficient count");
    }

    /** How many scores a model of this many classes computes: 1 for two classes (binomial), else one each. */
    static int scores(int classes) {
        return classes == 2 ? 1 : classes;
    }

    /** Fills {@code z} (length k) with the row's scores: intercept, then each non-zero feature in ascending order. */
    static void scores(double[] w, int p, int k, double[] x, double[] z) {
        System.arraycopy(w, p * k, z, 0, k);
        for (int j = 0; j < p; j++) {
            double xj = x[j];
            if (xj == 0) continue; // adds nothing (the coefficients are finite); saves most of a one-hot row
            int o = j * k;
            for (int c = 0; c < k; c++) z[c] += xj * w[o + c];
        }
    }

    /** Probability of the positive class for score z, without overflow: 1 / (1 + e^-z). */
    static double sigmoid(double z) {
        if (z >= 0) return 1 / (1 + StrictMath.exp(-z));
        double e = StrictMath.exp(z);
        return e / (1 + e);
    }

    @Override
    public int predict(double[] x, double[] probabilities) {
        if (x.length != features) throw new IllegalArgumentException("input has " + x.length + " features, the model " + features);
        if (classes == 2) {
            double z = w[features];
            for (int j = 0; j < features; j++) if (x[j] != 0) z += x[j] * w[j];
            double p1 = sigmoid(z);
            probabilities[0] = 1 - p1;
            probabilities[1] = p1;
            return z > 0 ? 1 : 0; // as scikit-learn: the positive class when its score is > 0
        }
        scores(w, features, classes, x, probabilities);
        double max = Double.NEGATIVE_INFINITY;
        int best = 0;
        for (int c = 0; c < classes; c++) {
            if (probabilities[c] > max) { // strict: the first of equal maxima
                max = probabilities[c];
                best = c;
            }
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) sum += (probabilities[c] = StrictMath.exp(probabilities[c] - max));
        for (int c = 0; c < classes; c++) probabilities[c] /= sum;
        return best;
    }

    /** Coefficients as scikit-learn's {@code coef_}: [k][features]. */
    double[][] coefficients() {
        int k = scores(classes);
        double[][] coef = new double[k][features];
        for (int c = 0; c < k; c++) for (int j = 0; j < features; j++) coef[c][j] = w[j * k + c];
        return coef;
    }

    /** Intercepts as scikit-learn's {@code intercept_}. */
    double[] intercepts() {
        int k = scores(classes);
        return java.util.Arrays.copyOfRange(w, features * k, features * k + k);
    }
}
