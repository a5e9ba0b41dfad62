package org.crystalbench.models;

/**
 * Limited-memory BFGS for smooth unconstrained minimisation, single-threaded and deterministic
 * (Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed., 2006: the two-loop recursion of
 * Algorithm 7.4 with the scaling H0 = s'y / y'y of eq. 7.20, inside Algorithm 7.5; the step from the
 * line search of Algorithms 3.5 and 3.6, which returns a step satisfying the strong Wolfe conditions
 * with c1 = 1e-4, c2 = 0.9, using cubic interpolation (eq. 3.59) safeguarded to the inner 80% of the
 * bracket).
 *
 * <p>It stops the way scipy's L-BFGS-B (which scikit-learn's {@code LogisticRegression(solver="lbfgs")}
 * calls with {@code gtol = tol}) does without bounds: when the largest absolute gradient entry is at most
 * {@code gtol}, when an iteration lowers f by at most {@code ftol * max(|f_k|, |f_k+1|, 1)} (scipy's
 * default {@code ftol}, 2.22e-9, is {@link #FTOL}), or after {@code maxIter} iterations. Like scipy, the
 * first iteration's trial step is 1 / ||g|| and later ones 1, with at most {@link #MAX_LINE_SEARCH}
 * evaluations per line search and 10 stored pairs. Written here rather than taken from a library:
 * Smile's {@code BFGS} stops on a relative gradient and its line search only backtracks (Armijo), so it
 * cannot stop where scikit-learn stops, and we found no maintained optimiser on Maven Central that
 * promises both scipy's stopping rule and a fixed order of operations (results must be the same bits on
 * every machine, docs/reproducibility.md).
 */
final class Lbfgs {
    /** scipy.optimize.minimize(method="L-BFGS-B")'s default relative-reduction tolerance. */
    static final double FTOL = 2.2204460492503131e-09;
    static final int MEMORY = 10, MAX_LINE_SEARCH = 20;
    private static final double C1 = 1e-4, C2 = 0.9;

    private Lbfgs() {}

    /** f(w), writing the gradient at w into {@code gradient}. */
    interface Objective {
        double valueAndGradient(double[] w, double[] gradient);
    }

    /**
     * @param w          the minimiser found
     * @param value      f(w)
     * @param iterations iterations done
     * @param converged  whether a tolerance was met (false: {@code maxIter} reached or the line search failed)
     */
    record Result(double[] w, double value, int iterations, int evaluations, boolean converged) {}

    /** One point of the line search: step, value, directional derivative, and the point with its gradient. */
    private record Trial(double step, double f, double slope, double[] w, double[] g) {}

    /** Two-loop recursion (Nocedal & Wright, Algorithm 7.4): d = -H g from the {@code stored} newest curvature pairs. */
    private static double[] direction(double[] g, double[][] s, double[][] y, double[] rho, double[] alpha, int stored, int newest) {
        int n = g.length;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = -g[i];
        for (int k = 0; k < stored; k++) {
            int m = Math.floorMod(newest - k, MEMORY);
            alpha[m] = rho[m] * dot(s[m], d);
            axpy(-alpha[m], y[m], d);
        }
        if (stored > 0) {
            double gamma = dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
            for (int i = 0; i < n; i++) d[i] *= gamma;
        }
        for (int k = stored - 1; k >= 0; k--) {
            int m = Math.floorMod(newest - k, MEMORY);
            double beta = rho[m] * dot(y[m], d);
            axpy(alpha[m] - beta, s[m], d);
        }
        return d;
    }

    static Result minimize(Objective objective, double[] start, double gtol, double ftol, int maxIter) {
        int n = start.length;
        int[] evaluations = {0};
        Objective counted = (x, gradient) -> {
            evaluations[0]++;
            return objective.valueAndGradient(x, gradient);
        };
        double[] w = start.clone(), g = new double[n];
        double f = counted.valueAndGradient(w, g);
        double[][] s = new double[MEMORY][], y = new double[MEMORY][];
        double[] rho = new double[MEMORY];
        int stored = 0, newest = -1;
        if (maxAbs(g) <= gtol) return new Result(w, f, 0, evaluations[0], true);
        double[] alpha = new double[MEMORY];
        boolean restarted = false;
        for (int iter = 1; iter <= maxIter; iter++) {
            double[] d = direction(g, s, y, rho, alpha, stored, newest);
            double slope = dot(g, d);
            if (!(slope < 0)) { // not a descent direction (round-off): fall back to steepest descent
                for (int i = 0; i < n; i++) d[i] = -g[i];
                slope = -dot(g, g);
                stored = 0;
            }
            double first = stored == 0 ? 1 / Math.sqrt(dot(d, d)) : 1;
            Trial t = lineSearch(counted, w, f, slope, d, first);
            if (t == null) {
                // As L-BFGS-B: forget the curvature pairs and try steepest descent once before giving up.
                if (restarted || stored == 0) return new Result(w, f, iter, evaluations[0], false);
                restarted = true;
                stored = 0;
                iter--;
                continue;
            }
            restarted = false;
            double[] sk = new double[n], yk = new double[n];
            for (int i = 0; i < n; i++) {
                sk[i] = t.w()[i] - w[i];
                yk[i] = t.g()[i] - g[i];
            }
            double sy = dot(sk, yk);
            if (sy > 2.2e-16 * dot(yk, yk)) { // curvature condition (strong Wolfe guarantees it in exact arithmetic)
                newest = (newest + 1) % MEMORY;
                s[newest] = sk;
                y[newest] = yk;
                rho[newest] = 1 / sy;
                stored = Math.min(stored + 1, MEMORY);
            }
            double previous = f;
            w = t.w();
            g = t.g();
            f = t.f();
            if ((previous - f) <= ftol * Math.max(Math.max(Math.abs(previous), Math.abs(f)), 1)
                    || maxAbs(g) <= gtol) {
                return new Result(w, f, iter, evaluations[0], true);
            }
        }
        return new Result(w, f, maxIter, evaluations[0], false);
    }

    /**
     * Algorithm 3.5: a step satisfying the strong Wolfe conditions along {@code d}, or null when
     * {@link #MAX_LINE_SEARCH} evaluations found none with sufficient decrease.
     */
    private static Trial lineSearch(Objective objective, double[] w, double f0, double slope0, double[] d,
                                    double firstStep) {
        Trial zero = new Trial(0, f0, slope0, w, null), previous = zero;
        double step = firstStep;
        for (int eval = 0; eval < MAX_LINE_SEARCH; eval++) {
            Trial t = trial(objective, w, d, step);
            if (!(t.f() <= f0 + C1 * step * slope0) || (eval > 0 && t.f() >= previous.f())) { // NaN counts as too high
                return zoom(objective, w, f0, slope0, d, previous, t, eval + 1);
            }
            if (Math.abs(t.slope()) <= -C2 * slope0) return t;
            if (t.slope() >= 0) return zoom(objective, w, f0, slope0, d, t, previous, eval + 1);
            previous = t;
            step *= 2; // extrapolate: the next trial lies beyond the current one (Algorithm 3.5's a_max unbounded)
        }
        return previous == zero ? null : previous; // sufficient decrease holds at previous
    }

    /** Algorithm 3.6, between {@code lo} (sufficient decrease, lowest f so far) and {@code hi}. */
    private static Trial zoom(Objective objective, double[] w, double f0, double slope0, double[] d, Trial lo,
                              Trial hi, int used) {
        for (int eval = used; eval < MAX_LINE_SEARCH; eval++) {
            double a = cubicMinimum(lo, hi);
            double low = Math.min(lo.step(), hi.step()), width = Math.abs(hi.step() - lo.step());
            if (!(a >= low + 0.1 * width && a <= low + 0.9 * width)) a = low + 0.5 * width; // safeguard: bisect
            Trial t = trial(objective, w, d, a);
            if (!(t.f() <= f0 + C1 * a * slope0) || t.f() >= lo.f()) {
                hi = t;
            } else {
                if (Math.abs(t.slope()) <= -C2 * slope0) return t;
                if (t.slope() * (hi.step() - lo.step()) >= 0) hi = lo;
                lo = t;
            }
        }
        return lo.step() > 0 ? lo : null; // the best point with sufficient decrease, if any
    }

    /** Minimiser of the cubic through both points' values and slopes (N&amp;W eq. 3.59); NaN if none. */
    static double cubicMinimum(Trial a, Trial b) {
        double d1 = a.slope() + b.slope() - 3 * (a.f() - b.f()) / (a.step() - b.step());
        double disc = d1 * d1 - a.slope() * b.slope();
        if (!(disc >= 0)) return Double.NaN;
        double d2 = Math.signum(b.step() - a.step()) * Math.sqrt(disc);
        return b.step() - (b.step() - a.step()) * (b.slope() + d2 - d1) / (b.slope() - a.slope() + 2 * d2);
    }

    private static Trial trial(Objective objective, double[] w, double[] d, double step) {
        int n = w.length;
        double[] x = new double[n], g = new double[n];
        for (int i = 0; i < n; i++) x[i] = w[i] + step * d[i];
        double f = objective.valueAndGradient(x, g);
        return new Trial(step, f, dot(g, d), x, g);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) y[i] += a * x[i];
    }

    static double maxAbs(double[] g) {
        double m = 0;
        for (double v : g) m = Math.max(m, Math.abs(v));
        return m;
    }
}
