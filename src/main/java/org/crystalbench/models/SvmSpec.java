package org.crystalbench.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import org.crystalbench.InputException;
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
 * @param platt    where each binary machine's Platt scaling is fitted: {@code cv} (default) on decision values
 *                 out of an internal stratified {@value #PLATT_FOLDS}-fold CV of the machine's training rows, as
 *                 libsvm does; {@code train} on the training rows themselves (in-sample: overconfident; the
 *                 behaviour before 2026-12). The machines, and so the predicted classes, are the same either way.
 */
public record SvmSpec(String name, Double sigma, @JsonProperty("C") Double c, Double tol, Integer epochs,
                      Strategy strategy, Platt platt) implements BaseModelSpec {
    public enum Strategy {
        @JsonProperty("ovo") OVO,
        @JsonProperty("ovr") OVR
    }

    public enum Platt {
        @JsonProperty("cv") CV,
        @JsonProperty("train") TRAIN
    }

    /** Internal folds of {@code platt: cv} (libsvm's 5). */
    public static final int PLATT_FOLDS = 5;
    /** Mixed into a machine's seed for its Platt folds and fold machines: randomness of the fit, from the fit's seed. */
    private static final long PLATT_STREAM = 0x504C_4154_5443_5621L;

    public SvmSpec(String name, Double sigma, Double c, Double tol, Integer epochs, Strategy strategy) {
        this(name, sigma, c, tol, epochs, strategy, null);
    }

    public SvmSpec {
        sigma = sigma == null ? 1.0 : sigma;
        c = c == null ? 1.0 : c;
        tol = tol == null ? 1e-3 : tol;
        epochs = epochs == null ? 0 : epochs;
        strategy = strategy == null ? Strategy.OVO : strategy;
        platt = platt == null ? Platt.CV : platt;
        Check.positive(name, "sigma", sigma);
        Check.positive(name, "C", c);
        Check.positive(name, "tol", tol);
        if (epochs < 0) throw Check.bad(name, "epochs", epochs, "must be >= 0 (0: until the machines settle)");
    }

    @Override
    public Model fit(double[][] x, int[] y, int classes, long seed) {
        int[] counts = new int[classes];
        for (int label : y) counts[label]++;
        // the last line of defence (train, grid, benchmarks): a run checks before its first fit, for all its threads
        memoryRefusal(counts, Runtime.getRuntime().maxMemory(), 1).ifPresent(msg -> { throw new InputException(msg); });
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
                Machine m = machine(x, yi, kernel, seed + i, i, -1, warnings);
                machines[i] = m.classifier();
                platt[i] = scaling(m, x, yi, kernel, seed + i);
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
                long machineSeed = seed + pair++;
                Machine m = machine(xij, yij, kernel, machineSeed, i, j, warnings);
                machines[i][j] = m.classifier();
                platt[i][j] = scaling(m, xij, yij, kernel, machineSeed);
            }
        }
        return flagged(new OvoModel(new OneVersusOne<>(machines, platt, labels), machines, platt, classes), warnings);
    }

    // Memory: kernel SVMs are quadratic in rows by nature.

    /**
     * Worst-case bytes of one binary machine's kernel cache: Smile 6.3.0's LASVM ({@code smile.model.svm.LASVM})
     * keeps, per current support vector, a row of kernel values against all of the machine's rows
     * ({@code double[n]}, freed when the vector is evicted), so at most n rows of n doubles: 8 n² bytes.
     */
    public static long kernelBytes(long machineRows) {
        return 8 * machineRows * machineRows;
    }

    /** Rows of the largest binary machine: the two largest classes one-vs-one, every row one-vs-rest. */
    public long largestMachine(int[] classCounts) {
        int[] sorted = classCounts.clone();
        java.util.Arrays.sort(sorted);
        if (strategy == Strategy.OVR || sorted.length < 2) return java.util.Arrays.stream(sorted).asLongStream().sum();
        return (long) sorted[sorted.length - 1] + sorted[sorted.length - 2];
    }

    /**
     * Why this SVM must not be fitted on training rows of these class counts, or empty: when {@code concurrentFits}
     * machines' worst-case kernel caches ({@link #kernelBytes}) exceed half of {@code heapBytes} (the other half holds
     * the data, the encoded split and the other models). One line, for an exit-2 error before any fit starts.
     */
    public java.util.Optional<String> memoryRefusal(int[] classCounts, long heapBytes, int concurrentFits) {
        long rows = largestMachine(classCounts);
        long need = kernelBytes(rows) * Math.max(1, concurrentFits);
        if (need <= heapBytes / 2) return java.util.Optional.empty();
        long train = java.util.Arrays.stream(classCounts).asLongStream().sum();
        return java.util.Optional.of(String.format(java.util.Locale.ROOT, "model '%s': a kernel SVM on %d training rows "
                        + "(largest binary machine %d rows) may need %s for its kernel cache (8 bytes x rows², %d fit%s at once), "
                        + "more than half of the %s heap; drop the model, use fewer rows%s, or give Java more with "
                        + "CRYSTAL_BENCH_JAVA_OPTS=-Xmx<size>",
                name(), train, rows, size(need), Math.max(1, concurrentFits), concurrentFits > 1 ? "s" : "", size(heapBytes),
                concurrentFits > 1 ? " or --threads" : ""));
    }

    private static String size(long bytes) {
        return bytes >= 1L << 30 ? String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
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
    private Machine machine(double[][] x, int[] y, GaussianKernel kernel, long seed, int positive, int negative,
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
        return new Machine(m, passes);
    }

    /** A trained binary machine and the passes it took (its Platt folds are trained with as many). */
    private record Machine(Classifier<double[]> classifier, int passes) {}

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

    /** The Platt scaling of a binary machine fitted on {@code (x, y)}, y in {-1, +1}, by {@link #platt}. */
    private PlattScaling scaling(Machine machine, double[][] x, int[] y, GaussianKernel kernel, long machineSeed) {
        int folds = Math.min(PLATT_FOLDS, Math.min(count(y, +1), count(y, -1)));
        if (platt == Platt.TRAIN || folds < 2) return PlattScaling.fit(machine.classifier(), x, y); // too few rows for folds: in-sample
        var options = new SVM.Options(c, tol, machine.passes());
        return PlattScaling.fit(outOfFoldScores(x, y, kernel, options, folds, machineSeed), y);
    }

    /**
     * Decision values of every row from a machine that did not train on it: rows dealt into {@code folds}
     * stratified folds (shuffled within each class), one machine per fold trained on the other folds. Platt
     * scaling fitted on these is not fitted to the machine's own training fit (libsvm's {@code -b 1}).
     */
    static double[] outOfFoldScores(double[][] x, int[] y, GaussianKernel kernel, SVM.Options options, int folds, long machineSeed) {
        var rng = new java.util.SplittableRandom(machineSeed ^ PLATT_STREAM);
        int[] fold = new int[y.length];
        for (int label : new int[] {-1, +1}) {
            java.util.List<Integer> rows = new java.util.ArrayList<>();
            for (int r = 0; r < y.length; r++) if (y[r] == label) rows.add(r);
            for (int k = rows.size() - 1; k > 0; k--) java.util.Collections.swap(rows, k, rng.nextInt(k + 1));
            for (int k = 0; k < rows.size(); k++) fold[rows.get(k)] = k % folds;
        }
        double[] score = new double[y.length];
        for (int f = 0; f < folds; f++) {
            int n = 0;
            for (int v : fold) if (v != f) n++;
            double[][] xt = new double[n][];
            int[] yt = new int[n];
            for (int r = 0, q = 0; r < y.length; r++) {
                if (fold[r] != f) {
                    xt[q] = x[r];
                    yt[q++] = y[r];
                }
            }
            MathEx.setSeed(rng.nextLong());
            Classifier<double[]> m = SVM.fit(xt, yt, kernel, options);
            for (int r = 0; r < y.length; r++) if (fold[r] == f) score[r] = m.score(x[r]);
        }
        return score;
    }

    private static int count(int[] y, int label) {
        int n = 0;
        for (int v : y) if (v == label) n++;
        return n;
    }

    /**
     * The class is the one-vs-one vote (the SVM's decision); probabilities are Smile's pairwise coupling of
     * the Platt-scaled machines. When a machine's Platt probability is exactly 0 or 1 (a machine that puts
     * every training row on one side, e.g. a tiny C), Smile's coupling gives NaN: the pairwise probabilities
     * are then clipped to [1e-7, 1 - 1e-7], as libsvm does, and coupled again by {@link #couple}.
     */
    private record OvoModel(OneVersusOne<double[]> ovo, Classifier<double[]>[][] machines, PlattScaling[][] platt,
                            int classes) implements Model {
        @Override
        public int predict(double[] x, double[] probabilities) {
            ovo.predict(x, probabilities);
            if (!java.util.Arrays.stream(probabilities).allMatch(Double::isFinite)) {
                double[][] r = new double[classes][classes];
                for (int i = 1; i < classes; i++) {
                    for (int j = 0; j < i; j++) {
                        double q = Math.min(1 - 1e-7, Math.max(1e-7, platt[i][j].scale(machines[i][j].score(x))));
                        r[i][j] = q;
                        r[j][i] = 1 - q;
                    }
                }
                couple(r, probabilities);
            }
            return ovo.predict(x);
        }
    }


    /**
     * Class probabilities from pairwise ones, {@code r[i][j] = P(i | i or j)}: the second method of Wu, Lin
     * and Weng (JMLR 2004), minimising {@code sum_i sum_{j != i} (r[j][i] p_i - r[i][j] p_j)^2} subject to
     * {@code sum p = 1} by their fixed-point iteration. Exact when the r are consistent with some p.
     */
    static void couple(double[][] r, double[] p) {
        int k = p.length;
        double[][] q = new double[k][k];
        for (int t = 0; t < k; t++) {
            for (int j = 0; j < k; j++) {
                if (j == t) continue;
                q[t][t] += r[j][t] * r[j][t];
                q[t][j] = -r[j][t] * r[t][j];
            }
        }
        java.util.Arrays.fill(p, 1.0 / k);
        double[] qp = new double[k];
        for (int iter = 0; iter < Math.max(100, k); iter++) {
            double pqp = 0;
            for (int t = 0; t < k; t++) {
                qp[t] = 0;
                for (int j = 0; j < k; j++) qp[t] += q[t][j] * p[j];
                pqp += p[t] * qp[t];
            }
            double worst = 0;
            for (int t = 0; t < k; t++) worst = Math.max(worst, Math.abs(qp[t] - pqp));
            if (worst < 0.005 / k) break;
            for (int t = 0; t < k; t++) {
                double d = (pqp - qp[t]) / q[t][t];
                p[t] += d;
                pqp = (pqp + d * (d * q[t][t] + 2 * qp[t])) / ((1 + d) * (1 + d));
                for (int j = 0; j < k; j++) {
                    qp[j] = (qp[j] + d * q[t][j]) / (1 + d);
                    p[j] /= 1 + d;
                }
            }
        }
    }
}
