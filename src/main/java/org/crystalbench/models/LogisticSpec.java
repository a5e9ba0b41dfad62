package org.crystalbench.models;

/**
 * L2-regularised logistic regression, fitted as scikit-learn's {@code LogisticRegression(solver="lbfgs",
 * C = 1 / lambda, tol = tol, max_iter = max_iter)}: it minimises the summed cross-entropy of the training
 * rows plus {@code lambda / 2} times the squared coefficients (intercepts not penalised), multinomial
 * (softmax, one vector per class) for three or more classes and binomial (one vector) for two, with
 * {@link Lbfgs} from all-zero coefficients. The loss and gradient ({@link LogisticLoss}) are one pass over the
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
        return fit(TrainingRows.of(x), y, classes, seed);
    }

    @Override
    public Model fit(TrainingRows x, int[] y, int classes, long seed) {
        return fitModel(x, y, classes).model();
    }

    /** The fitted model with the optimiser's account (iterations, convergence), for tests and benchmarks. */
    Fit fitModel(TrainingRows x, int[] y, int classes) {
        int p = x.width(), k = LogisticModel.scores(classes);
        // The padding of LogisticModel's layout has a zero gradient, so it stays zero and changes no sum.
        Lbfgs.Result r = Lbfgs.minimize(classes == 2 ? (w, g) -> LogisticLoss.binomial(x, y, lambda, w, g)
                : (w, g) -> LogisticLoss.multinomial(x, y, k, lambda, w, g), new double[(p + 1) * LogisticModel.stride(k)], tol,
                Lbfgs.FTOL, maxIter);
        return new Fit(new LogisticModel(classes, p, r.w()), r);
    }

    /** Fits and says how the optimiser went ("86 iterations, 94 evaluations, converged"), for benchmarks. */
    public String account(TrainingRows x, int[] y, int classes) {
        Lbfgs.Result r = fitModel(x, y, classes).result();
        return r.iterations() + " iterations, " + r.evaluations() + " evaluations, " + (r.converged() ? "converged" : "not converged");
    }

    record Fit(LogisticModel model, Lbfgs.Result result) {}
}
