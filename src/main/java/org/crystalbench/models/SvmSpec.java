package org.crystalbench.models;

import com.fasterxml.jackson.annotation.JsonProperty;
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
 * @param epochs   passes of the LASVM solver (default 1)
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
        epochs = epochs == null ? 1 : epochs;
        strategy = strategy == null ? Strategy.OVO : strategy;
        Check.positive(name, "sigma", sigma);
        Check.positive(name, "C", c);
        Check.positive(name, "tol", tol);
        Check.positive(name, "epochs", epochs);
    }

    @Override
    public Model fit(double[][] x, int[] y, int classes, long seed) {
        var kernel = new GaussianKernel(sigma);
        var options = new SVM.Options(c, tol, epochs);
        IntSet labels = IntSet.of(classes);
        if (strategy == Strategy.OVR) {
            @SuppressWarnings("unchecked")
            Classifier<double[]>[] machines = new Classifier[classes];
            PlattScaling[] platt = new PlattScaling[classes];
            for (int i = 0; i < classes; i++) {
                int[] yi = new int[y.length];
                for (int r = 0; r < y.length; r++) yi[r] = y[r] == i ? +1 : -1;
                MathEx.setSeed(seed + i);
                machines[i] = SVM.fit(x, yi, kernel, options);
                platt[i] = PlattScaling.fit(machines[i], x, yi);
            }
            return new SmileModel(new OneVersusRest<>(machines, platt, labels), classes);
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
                MathEx.setSeed(seed + pair++);
                machines[i][j] = SVM.fit(xij, yij, kernel, options);
                platt[i][j] = PlattScaling.fit(machines[i][j], xij, yij);
            }
        }
        return new OvoModel(new OneVersusOne<>(machines, platt, labels), classes);
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
