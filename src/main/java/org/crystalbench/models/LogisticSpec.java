package org.crystalbench.models;

import smile.classification.LogisticRegression;

/**
 * Logistic regression (L-BFGS; deterministic): multinomial for three or more classes, binomial for
 * two (Smile's multinomial fit refuses binary data; the binomial model is the same model with one
 * coefficient vector).
 *
 * @param lambda  L2 regularisation (default 0.1)
 * @param tol     convergence tolerance (default 1e-5)
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
        var options = new LogisticRegression.Options(lambda, tol, maxIter);
        return new SmileModel(classes == 2 ? LogisticRegression.binomial(x, y, options)
                : LogisticRegression.multinomial(x, y, options), classes);
    }
}
