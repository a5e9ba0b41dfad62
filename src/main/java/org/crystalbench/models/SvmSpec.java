package org.crystalbench.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import smile.classification.Classifier;
import smile.classification.OneVersusOne;
import smile.classification.OneVersusRest;
import smile.classification.PlattScaling;
import smile.classification.SVM;
import smile.math.MathEx;
import smile.math.kernel.GaussianKernel;
import smile.util.IntSet;

/**
 * Support vector machine with a Gaussian kernel, reduced to binary machines one-vs-one or
 * one-vs-rest, with Platt scaling for class probabilities.
 *
 * <p>Smile's {@code OneVersusOne.fit} trains the binary machines on a parallel stream, and
 * {@code MathEx.setSeed} seeds only the calling thread, so the same seed would give different SVMs.
 * We train the binary machines here, in order, each from its own seed, and hand them to Smile's
 * combiners.
 *
 * @param sigma    Gaussian kernel width: k(x, y) = exp(-|x-y|^2 / (2 sigma^2)) (default 1.0)
 * @param c        soft-margin penalty (default 1.0)
 * @param tol      convergence tolerance (default 1e-3)
 * @param epochs   passes of the LASVM solver; 0 (the default) trains until converged: 1, 2, 4, ... passes,
 *                 until the machine's decisions on its training rows stop changing (at most
 *                 {@value #MAX_EPOCHS}). Smile's LASVM makes one pass per epoch, and one pass can
 *                 leave a machine far from the optimum (even giving one class to every row).
 * @param strategy {@code ovo} (default) or {@code ovr}
 */
public record SvmSpec(String name, Double sigma, @JsonProperty("C") Double c, Double tol, Integer epochs,
                      Strategy strategy) implements BaseModelSpec {
    public enum Strategy {
        @JsonProperty("ovo") OVO,
        @JsonProperty("ovr") OVR
    }

    public SvmSpec {
        sigma = sigma == null ? 1.0 : sigma;
        c = c == null ? 1.0 : c;
        tol = tol == null ? 1e-3 : tol;
        epochs = epochs == null ? 0 : epochs;
        strategy = strategy == null ? Strategy.OVO : strategy;
        Check.positive(name, "sigma", sigma);
        Check.positive(name, "C", c);
        Check.positive(name, "tol", tol);
        if (epochs < 0) throw Check.bad(name, "epochs", epochs, "must be >= 0 (0: until the machines settle)");
    }

    @Override
    public Model fit(double[][] x, int[] y, int classes, long seed) {
        var kernel = new GaussianKernel(sigma);
        List<FitWarning> warnings = new ArrayList<>();
        IntSet labels = IntSet.of(classes);
        if (strategy == Strategy.OVR) {
            @SuppressWarnings("unchecked")
            Classifier<double[]>[] machines = new Classifier[classes];
            PlattScaling[] platt = new PlattScaling[classes];
            for (int i = 0; i < classes; i++) {
                int[] yi = new int[y.length];
                for (int r = 0; r < y.length; r++) yi[r] = y[r] == i ? +1 : -1;
                machines[i] = machine(x, yi, kernel, seed + i, i, -1, warnings);
                platt[i] = PlattScaling.fit(machines[i], x, yi);
            }
            return flagged(new SmileModel(new OneVersusRest<>(machines, platt, labels), classes), warnings);
        }
        @SuppressWarnings("unchecked")
        Classifier<double[]>[][] machines = new Classifier[classes][];
        PlattScaling[][] platt = new PlattScaling[classes][];
        long pair = 0;
        for (int i = 1; i < classes; i++) {
            machines[i] = new Classifier[i];
            platt[i] = new PlattScaling[i];
            for (int j = 0; j < i; j++) {
                int n = 0;
                for (int label : y) if (label == i || label == j) n++;
                double[][] xij = new double[n][];
                int[] yij = new int[n];
                for (int r = 0, q = 0; r < y.length; r++) {
                    if (y[r] == i || y[r] == j) {
                        xij[q] = x[r];
                        yij[q++] = y[r] == i ? +1 : -1;
                    }
                }
                machines[i][j] = machine(xij, yij, kernel, seed + pair++, i, j, warnings);
                platt[i][j] = PlattScaling.fit(machines[i][j], xij, yij);
            }
        }
        return flagged(new OvoModel(new OneVersusOne<>(machines, platt, labels), classes), warnings);
    }

    // Convergence and degenerate machines: kept apart from the reduction and the probability
    // calibration above.

    /** Most passes the automatic schedule tries. */
    public static final int MAX_EPOCHS = 32;

    /**
     * One binary machine (labels +1 = class {@code positive}, -1 = {@code negative}) from its own
     * seed: {@code epochs} passes, or doubling passes until its decisions on the training rows stop
     * changing. A machine that gives one class to every training row, or that never settles, is
     * flagged in {@code warnings}.
     */
    private Classifier<double[]> machine(double[][] x, int[] y, GaussianKernel kernel, long seed, int positive, int negative,
                                         List<FitWarning> warnings) {
        int passes = epochs > 0 ? epochs : 1;
        Classifier<double[]> m = train(x, y, kernel, seed, passes);
        int[] decisions = decisions(m, x);
        boolean settled = epochs > 0;
        while (!settled && passes < MAX_EPOCHS) {
            passes *= 2;
            Classifier<double[]> next = train(x, y, kernel, seed, passes);
            int[] nextDecisions = decisions(next, x);
            settled = java.util.Arrays.equals(decisions, nextDecisions);
            m = next;
            decisions = nextDecisions;
        }
        if (!settled) {
            warnings.add(new FitWarning("binary machine %s vs %s still changed its training decisions after "
                    + MAX_EPOCHS + " passes", positive, negative));
        }
        if (java.util.Arrays.stream(decisions).distinct().count() == 1) {
            warnings.add(new FitWarning("binary machine %s vs %s gives one class to every training row", positive, negative));
        }
        return m;
    }

    private Classifier<double[]> train(double[][] x, int[] y, GaussianKernel kernel, long seed, int passes) {
        MathEx.setSeed(seed);
        return SVM.fit(x, y, kernel, new SVM.Options(c, tol, passes));
    }

    private static int[] decisions(Classifier<double[]> m, double[][] x) {
        int[] d = new int[x.length];
        for (int i = 0; i < x.length; i++) d[i] = m.predict(x[i]);
        return d;
    }

    private static Model flagged(Model model, List<FitWarning> warnings) {
        return warnings.isEmpty() ? model : new Flagged(model, List.copyOf(warnings));
    }

    /** A fitted SVM that carries what its fit flagged. */
    private record Flagged(Model model, List<FitWarning> warnings) implements Model {
        @Override
        public int classes() {
            return model.classes();
        }

        @Override
        public int predict(double[] x, double[] probabilities) {
            return model.predict(x, probabilities);
        }
    }

    /** The class is the one-vs-one vote (the SVM's decision); probabilities are Platt-coupled. */
    private record OvoModel(OneVersusOne<double[]> ovo, int classes) implements Model {
        @Override
        public int predict(double[] x, double[] probabilities) {
            ovo.predict(x, probabilities);
            return ovo.predict(x);
        }
    }
}
