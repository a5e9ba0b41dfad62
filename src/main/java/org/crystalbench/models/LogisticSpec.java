package org.crystalbench.models;

/**
 * L2-regularised logistic regression, fitted as scikit-learn's {@code LogisticRegression(solver="lbfgs",
 * C = 1 / lambda, tol = tol, max_iter = max_iter)}: it minimises the summed cross-entropy of the training
 * rows plus {@code lambda / 2} times the squared coefficients (intercepts not penalised), multinomial
 * (softmax, one vector per class) for three or more classes and binomial (one vector) for two, with
 * {@link Lbfgs} from all-zero coefficients. The loss and gradient are computed here in one pass over the
 * rows on the calling thread: Smile's own fit (used before issue 30) evaluated its gradient on a parallel
 * stream, which took every core inside one harness lane, and for three or more classes fitted k - 1
 * vectors against a reference class, a different solution under the penalty (docs/performance.md).
 *
 * @param lambda  L2 regularisation, scikit-learn's 1 / C (default 0.1)
 * @param tol     stop when no gradient entry exceeds it in absolute value, scikit-learn's {@code tol}
 *                (default 1e-5); also stops at a relative reduction of at most {@link Lbfgs#FTOL}
 * @param maxIter maximum L-BFGS iterations (default 500)
 */
public record LogisticSpec(String name, Double lambda, Double tol, Integer maxIter) implements BaseModelSpec {
    public LogisticSpec {
        lambda = lambda == null ? 0.1 : lambda;
        tol = tol == null ? 1e-5 : tol;
        maxIter = maxIter == null ? 500 : maxIter;
        Check.inRange(name, "lambda", lambda, 0, Double.MAX_VALUE);
        Check.positive(name, "tol", tol);
        Check.positive(name, "max_iter", maxIter);
    }

    @Override
    public Model fit(double[][] x, int[] y, int classes, long seed) {
        return fitModel(x, y, classes).model();
    }

    /** The fitted model with the optimiser's account (iterations, convergence), for tests and benchmarks. */
    Fit fitModel(double[][] x, int[] y, int classes) {
        int p = x[0].length, k = LogisticModel.scores(classes);
        // The padding of LogisticModel's layout has a zero gradient, so it stays zero and changes no sum.
        Lbfgs.Result r = Lbfgs.minimize(classes == 2 ? (w, g) -> binomial(x, y, lambda, w, g)
                : (w, g) -> multinomial(x, y, k, lambda, w, g), new double[(p + 1) * LogisticModel.stride(k)], tol,
                Lbfgs.FTOL, maxIter);
        return new Fit(new LogisticModel(classes, p, r.w()), r);
    }

    record Fit(LogisticModel model, Lbfgs.Result result) {}

    /**
     * Summed softmax cross-entropy of the rows plus the penalty, and its gradient. Coefficients laid out
     * as {@link LogisticModel}: {@code w[j * s + c]}, intercepts last. Rows are read once, in order.
     */
    static double multinomial(double[][] x, int[] y, int k, double lambda, double[] w, double[] g) {
        int p = x[0].length, s = LogisticModel.stride(k);
        java.util.Arrays.fill(g, 0);
        double[] z = new double[k];
        double loss = 0;
        for (int r = 0; r < x.length; r++) {
            double[] row = x[r];
            LogisticModel.scores(w, p, k, row, z);
            double max = z[0];
            for (int c = 1; c < k; c++) max = Math.max(max, z[c]);
            int label = y[r];
            double own = z[label] - max;
            double sum = 0;
            for (int c = 0; c < k; c++) sum += (z[c] = StrictMath.exp(z[c] - max));
            loss += StrictMath.log(sum) - own; // the row's cross-entropy, -log softmax(z)[label]
            for (int c = 0; c < k; c++) z[c] = z[c] / sum - (c == label ? 1 : 0); // residual p - y
            for (int j = 0; j < p; j++) {
                double xj = row[j];
                if (xj == 0) continue;
                int o = j * s;
                for (int c = 0; c < k; c++) g[o + c] += xj * z[c];
            }
            for (int c = 0; c < k; c++) g[p * s + c] += z[c];
        }
        return loss + penalty(w, p * s, lambda, g);
    }

    /** Summed logistic loss log(1 + e^z) - y z of the rows (y in {0, 1}) plus the penalty, and its gradient. */
    static double binomial(double[][] x, int[] y, double lambda, double[] w, double[] g) {
        int p = x[0].length;
        java.util.Arrays.fill(g, 0);
        double[] score = new double[1];
        double loss = 0;
        for (int r = 0; r < x.length; r++) {
            double[] row = x[r];
            LogisticModel.scores(w, p, 1, row, score);
            double z = score[0];
            int label = y[r];
            loss += (z > 0 ? z + StrictMath.log1p(StrictMath.exp(-z)) : StrictMath.log1p(StrictMath.exp(z))) - label * z;
            double residual = LogisticModel.sigmoid(z) - label;
            for (int j = 0; j < p; j++) if (row[j] != 0) g[j] += row[j] * residual;
            g[p] += residual;
        }
        return loss + penalty(w, p, lambda, g);
    }

    /** Adds lambda w to the gradient of the first {@code n} (non-intercept) values; returns lambda / 2 |w|^2. */
    private static double penalty(double[] w, int n, double lambda, double[] g) {
        double squares = 0;
        for (int i = 0; i < n; i++) {
            squares += w[i] * w[i];
            g[i] += lambda * w[i];
        }
        return 0.5 * lambda * squares;
    }
}
