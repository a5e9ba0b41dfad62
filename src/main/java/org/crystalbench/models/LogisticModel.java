package org.crystalbench.models;

/**
 * A fitted logistic regression, scikit-learn's parametrisation: for three or more classes one
 * coefficient vector and intercept per class (softmax), for two classes one vector whose score is the
 * second class's log-odds. Coefficients are stored feature-major, {@code w[j * s + c]} for feature j of
 * score c, the intercepts last, with the k scores padded with zeros to a stride s that is a multiple of 4
 * (1 for two classes): a row's scores are then one pass over its features per 4 scores, summed in
 * registers, zero features skipped (one-hot rows are mostly zeros). Each score is its intercept plus the
 * row's non-zero terms in ascending feature order, whatever the padding. Probabilities use
 * {@code StrictMath.exp}, defined to the bit.
 *
 * @param classes  number of classes
 * @param features number of encoded features
 * @param w        (features + 1) x s values, s = {@link #stride}(k), k = classes, or 1 for two classes
 */
record LogisticModel(int classes, int features, double[] w) implements Model {
    LogisticModel {
        if (w.length != (features + 1) * stride(scores(classes))) throw new IllegalArgumentException("coefficient count");
    }

    /** How many scores a model of this many classes computes: 1 for two classes (binomial), else one each. */
    static int scores(int classes) {
        return classes == 2 ? 1 : classes;
    }

    /** Values per feature in {@code w}: k rounded up to a multiple of 4, so scores are computed 4 at a time. */
    static int stride(int k) {
        return k == 1 ? 1 : (k + 3) & ~3;
    }

    /** Fills {@code z} (length k) with the row's scores: intercept, then each non-zero feature in ascending order. */
    static void scores(double[] w, int p, int k, double[] x, double[] z) {
        int s = stride(k), b = p * s;
        if (k == 1) {
            double a = w[p];
            for (int j = 0; j < p; j++) if (x[j] != 0) a += x[j] * w[j];
            z[0] = a;
            return;
        }
        for (int c = 0; c < k; c += 4) {
            // four running sums in registers (summing into z[] waits on a store and a load per term)
            double a0 = w[b + c], a1 = w[b + c + 1], a2 = w[b + c + 2], a3 = w[b + c + 3];
            for (int j = 0, o = c; j < p; j++, o += s) {
                double xj = x[j];
                if (xj == 0) continue; // adds nothing (the coefficients are finite); saves most of a one-hot row
                a0 += xj * w[o];
                a1 += xj * w[o + 1];
                a2 += xj * w[o + 2];
                a3 += xj * w[o + 3];
            }
            z[c] = a0;
            if (c + 1 < k) z[c + 1] = a1;
            if (c + 2 < k) z[c + 2] = a2;
            if (c + 3 < k) z[c + 3] = a3;
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
            scores(w, features, 1, x, probabilities);
            double z = probabilities[0], p1 = sigmoid(z);
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
        for (int c = 0; c < classes; c++) {
            // exp(0) is exactly 1: the top score needs no call (one exponential fewer per row, same bits)
            sum += (probabilities[c] = c == best ? 1 : StrictMath.exp(probabilities[c] - max));
        }
        for (int c = 0; c < classes; c++) probabilities[c] /= sum;
        return best;
    }

    /** Coefficients as scikit-learn's {@code coef_}: [k][features]. */
    double[][] coefficients() {
        int k = scores(classes), s = stride(k);
        double[][] coef = new double[k][features];
        for (int c = 0; c < k; c++) for (int j = 0; j < features; j++) coef[c][j] = w[j * s + c];
        return coef;
    }

    /** Intercepts as scikit-learn's {@code intercept_}. */
    double[] intercepts() {
        int k = scores(classes), s = stride(k);
        return java.util.Arrays.copyOfRange(w, features * s, features * s + k);
    }
}
