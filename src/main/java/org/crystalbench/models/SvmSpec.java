package org.crystalbench.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import libsvm.svm;
import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_parameter;
import libsvm.svm_problem;
import org.crystalbench.InputException;
import org.crystalbench.splits.Seeds;

/**
 * C-support vector classification by libsvm (Chang and Lin; the official Java port, the solver scikit-learn's
 * {@code SVC} wraps): SMO with shrinking and a kernel cache, one-vs-one machines, class probabilities by Platt
 * scaling fitted on an internal 5-fold CV and pairwise coupling (libsvm's {@code -b 1}). The mapping of every key to
 * libsvm and to scikit-learn is in docs/svm.md.
 *
 * <p>libsvm draws its probability folds from one static {@code java.util.Random} shared by every thread, so the
 * machines here are trained without libsvm's probability option and the folds are ours, from the fit's seed
 * ({@link Seeds#plattFolds}), laid out as libsvm lays out its own (a shuffle, then five contiguous blocks). A fit is
 * then a function of its rows and seed alone, whatever thread runs it.
 *
 * @param kernel      {@code rbf} (default), {@code linear} or {@code poly}
 * @param sigma       kernel width: gamma = 1 / (2 sigma²) for {@code rbf} and {@code poly}; {@code auto} (default):
 *                    scikit-learn's {@code gamma='scale'}, gamma = 1 / (columns × variance of the encoded training matrix)
 * @param c           soft-margin penalty (default 1.0)
 * @param tol         libsvm's stopping tolerance {@code eps} (default 1e-3, scikit-learn's)
 * @param degree      degree of {@code poly} (default 3)
 * @param coef0       constant term of {@code poly} (default 0)
 * @param cacheSize   libsvm's kernel cache, MB (default 200, scikit-learn's); also the memory bound {@link #memoryRefusal} checks
 * @param shrinking   libsvm's shrinking heuristic (default true)
 * @param classWeight {@link ClassWeight} (a list, a map by class name or {@code balanced}): class c is trained with
 *                    C × weight c (libsvm's {@code -wi})
 * @param probability Platt-scaled probabilities (default true); false: the probabilities reported are the shares of the
 *                    one-vs-one votes, and the fit is about five times cheaper
 * @param platt       where Platt scaling is fitted: {@code cv} (default) on decision values out of the internal 5-fold CV,
 *                    as libsvm and scikit-learn; {@code train} on the machine's own training rows (in-sample: overconfident)
 * @param strategy    {@code ovo} (the only one: libsvm's reduction)
 */
public record SvmSpec(String name, Kernel kernel, Sigma sigma, @JsonProperty("C") Double c, Double tol, Integer degree,
                      Double coef0, Double cacheSize, Boolean shrinking, ClassWeight classWeight, Boolean probability,
                      Platt platt, Strategy strategy) implements BaseModelSpec {
    public enum Kernel {
        @JsonProperty("rbf") RBF(svm_parameter.RBF),
        @JsonProperty("linear") LINEAR(svm_parameter.LINEAR),
        @JsonProperty("poly") POLY(svm_parameter.POLY);

        final int libsvm;

        Kernel(int libsvm) {
            this.libsvm = libsvm;
        }
    }

    public enum Strategy {
        @JsonProperty("ovo") OVO,
        @JsonProperty("ovr") OVR
    }

    public enum Platt {
        @JsonProperty("cv") CV,
        @JsonProperty("train") TRAIN
    }

    /** The kernel width: a number, or {@code auto} (scikit-learn's {@code gamma='scale'}). */
    public record Sigma(Double value) {
        public static final Sigma AUTO = new Sigma(null);

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Sigma of(Object v) {
            if ("auto".equals(v)) return AUTO;
            if (v instanceof Number n) return new Sigma(n.doubleValue());
            throw new IllegalArgumentException("expected a number or 'auto', found '" + v + "'");
        }

        public static Sigma of(double value) {
            return new Sigma(value);
        }

        @JsonValue
        Object json() {
            return value == null ? "auto" : value;
        }

        public boolean auto() {
            return value == null;
        }
    }

    /** Internal folds of {@code platt: cv} (libsvm's 5). */
    public static final int PLATT_FOLDS = 5;
    /** Fewest pairwise probabilities libsvm allows, and most (1 - this): keeps the coupling finite. */
    private static final double MIN_PROB = 1e-7;

    public SvmSpec {
        kernel = kernel == null ? Kernel.RBF : kernel;
        sigma = sigma == null ? Sigma.AUTO : sigma;
        c = c == null ? 1.0 : c;
        tol = tol == null ? 1e-3 : tol;
        degree = degree == null ? 3 : degree;
        coef0 = coef0 == null ? 0.0 : coef0;
        cacheSize = cacheSize == null ? 200.0 : cacheSize;
        shrinking = shrinking == null || shrinking;
        probability = probability == null || probability;
        platt = platt == null ? Platt.CV : platt;
        strategy = strategy == null ? Strategy.OVO : strategy;
        if (!sigma.auto()) Check.positive(name, "sigma", sigma.value());
        Check.positive(name, "C", c);
        Check.positive(name, "tol", tol);
        Check.positive(name, "cache_size", cacheSize);
        if (degree < 1) throw Check.bad(name, "degree", degree, "must be >= 1");
        if (strategy == Strategy.OVR) {
            throw Check.bad(name, "strategy", "ovr", "is not offered: libsvm (scikit-learn's SVC too) trains one-vs-one machines; use ovo");
        }
    }

    @Override
    public void checkClasses(java.util.List<String> classes) {
        if (classWeight != null) classWeight.check(classes, name);
    }

    @Override
    public SvmSpec forClasses(java.util.List<String> classes) {
        if (classWeight == null) return this;
        return new SvmSpec(name, kernel, sigma, c, tol, degree, coef0, cacheSize, shrinking, classWeight.bind(classes, name),
                probability, platt, strategy);
    }

    /** An RBF SVM of the given width and C, every other key at its default. */
    public static SvmSpec rbf(String name, double sigma, double c) {
        return new SvmSpec(name, null, Sigma.of(sigma), c, null, null, null, null, null, null, null, null, null);
    }

    @Override
    public Model fit(double[][] x, int[] y, int classes, long seed) {
        int[] counts = new int[classes];
        for (int label : y) counts[label]++;
        // the last line of defence (train, grid, benchmarks): a run checks before its first fit, for all its threads
        memoryRefusal(counts, Runtime.getRuntime().maxMemory(), 1).ifPresent(msg -> { throw new InputException(msg); });
        // Rows in class order, stable, as libsvm's svm_group_classes orders them; with the classes sorted, the machines,
        // their +1 sides and the vote ties (to the first class) are scikit-learn's, which sorts the classes too.
        Integer[] boxed = new Integer[y.length];
        for (int i = 0; i < y.length; i++) boxed[i] = i;
        Arrays.sort(boxed, (a, b) -> Integer.compare(y[a], y[b]));
        double[][] xs = new double[y.length][];
        svm_node[][] nodes = new svm_node[y.length][];
        for (int i = 0; i < y.length; i++) {
            xs[i] = x[boxed[i]];
            nodes[i] = nodes(xs[i]);
        }
        int[] label = java.util.stream.IntStream.range(0, classes).filter(c -> counts[c] > 0).toArray();
        int k = label.length;
        int[] start = new int[k];
        for (int i = 1; i < k; i++) start[i] = start[i - 1] + counts[label[i - 1]];
        svm_parameter param = parameter(gamma(x));
        double[] weight = classWeight == null ? null : classWeight.of(y, classes, name);

        // libsvm's svm_train, one binary machine at a time (as it trains them). When the whole kernel matrix of the training
        // rows fits in the cache budget it is computed once, densely, and every machine and Platt fold reads it as
        // libsvm's precomputed kernel; libsvm's Java port would recompute each value from linked node objects.
        boolean precomputed = 32L * y.length * y.length <= (long) (cacheSize * (1L << 20));
        svm_node[][] kernelRows = precomputed ? precompute(xs, param) : null;
        int machines = k * (k - 1) / 2;
        double[][] alpha = new double[machines][];
        double[] rho = new double[machines], probA = new double[machines], probB = new double[machines];
        double[][] trainDecisions = new double[machines][];
        boolean[] nonzero = new boolean[y.length];
        for (int i = 0, p = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++, p++) {
                int si = start[i], sj = start[j], ci = counts[label[i]], cj = counts[label[j]], n = ci + cj;
                // weighted C as libsvm computes it (C x weight), given as the weights of a C = 1 problem (as libsvm's own
                // probability folds do): the same numbers
                double cp = param.C * (weight == null ? 1 : weight[label[i]]), cn = param.C * (weight == null ? 1 : weight[label[j]]);
                var pair = (svm_parameter) param.clone();
                pair.C = 1;
                pair.nr_weight = 2;
                pair.weight_label = new int[] {+1, -1};
                pair.weight = new double[] {cp, cn};
                var sub = new svm_problem();
                sub.l = n;
                sub.y = new double[n];
                for (int q = 0; q < n; q++) sub.y[q] = q < ci ? +1 : -1;
                sub.x = new svm_node[n][];
                for (int q = 0; q < n; q++) sub.x[q] = (precomputed ? kernelRows : nodes)[q < ci ? si + q : sj + q - ci];
                if (precomputed) pair.kernel_type = svm_parameter.PRECOMPUTED;
                svm_model m = svm.svm_train(sub, pair);
                if (m.label[0] != +1) throw new IllegalStateException("libsvm put the -1 class first");
                alpha[p] = new double[n];
                for (int q = 0; q < m.l; q++) alpha[p][m.sv_indices[q] - 1] = m.sv_coef[0][q];
                rho[p] = m.rho[0];
                for (int q = 0; q < n; q++) {
                    if (Math.abs(alpha[p][q]) > 0) nonzero[q < ci ? si + q : sj + q - ci] = true;
                }
                if (precomputed) { // decision values of the machine's rows from its kernel matrix
                    trainDecisions[p] = new double[n];
                    for (int r = 0; r < n; r++) {
                        double sum = 0;
                        for (int q = 0; q < n; q++) {
                            if (alpha[p][q] != 0) sum += alpha[p][q] * sub.x[r][(int) sub.x[q][0].value].value;
                        }
                        trainDecisions[p][r] = sum - rho[p];
                    }
                }
                if (probability && platt == Platt.CV) {
                    double[] ab = new double[2];
                    sigmoidTrain(outOfFoldDecisions(sub.x, sub.y, pair, Seeds.plattFolds(seed, p)), sub.y, ab);
                    probA[p] = ab[0];
                    probB[p] = ab[1];
                }
            }
        }

        // the model as svm_train assembles it: the support vectors of every machine, class by class, and per machine the
        // coefficients of its two classes' vectors
        var model = new svm_model();
        model.param = param;
        model.nr_class = k;
        model.label = label;
        model.rho = rho;
        model.nSV = new int[k];
        int[] nzStart = new int[k];
        for (int i = 0; i < k; i++) {
            for (int q = 0; q < counts[label[i]]; q++) if (nonzero[start[i] + q]) model.nSV[i]++;
            if (i > 0) nzStart[i] = nzStart[i - 1] + model.nSV[i - 1];
        }
        model.l = k == 0 ? 0 : nzStart[k - 1] + model.nSV[k - 1];
        model.SV = new svm_node[model.l][];
        model.sv_indices = new int[model.l];
        for (int r = 0, q = 0; r < y.length; r++) {
            if (nonzero[r]) {
                model.SV[q] = nodes[r];
                model.sv_indices[q++] = boxed[r] + 1;
            }
        }
        model.sv_coef = new double[Math.max(0, k - 1)][model.l];
        for (int i = 0, p = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++, p++) {
                int ci = counts[label[i]], cj = counts[label[j]];
                for (int q = 0, z = nzStart[i]; q < ci; q++) if (nonzero[start[i] + q]) model.sv_coef[j - 1][z++] = alpha[p][q];
                for (int q = 0, z = nzStart[j]; q < cj; q++) if (nonzero[start[j] + q]) model.sv_coef[i][z++] = alpha[p][ci + q];
            }
        }
        var fitted = new Libsvm(model, classes);

        List<FitWarning> warnings = new ArrayList<>();
        double[] dec = new double[machines];
        for (int i = 0, p = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++, p++) {
                int si = start[i], sj = start[j], ci = counts[label[i]], n = ci + counts[label[j]];
                if (trainDecisions[p] == null) { // a machine too large to precompute: the model's own decision values
                    trainDecisions[p] = new double[n];
                    for (int q = 0; q < n; q++) {
                        fitted.decisions(xs[q < ci ? si + q : sj + q - ci], dec);
                        trainDecisions[p][q] = dec[p];
                    }
                }
                boolean positive = false, negative = false;
                for (double v : trainDecisions[p]) {
                    if (v > 0) positive = true;
                    else negative = true;
                }
                if (!(positive && negative)) {
                    warnings.add(new FitWarning("binary machine %s vs %s gives one class to every training row", label[i], label[j]));
                }
                if (probability && platt == Platt.TRAIN) {
                    double[] labels = new double[n], ab = new double[2];
                    for (int q = 0; q < n; q++) labels[q] = q < ci ? +1 : -1;
                    sigmoidTrain(trainDecisions[p], labels, ab);
                    probA[p] = ab[0];
                    probB[p] = ab[1];
                }
            }
        }
        if (probability) {
            model.probA = probA;
            model.probB = probB;
            model.param.probability = 1;
        }
        return warnings.isEmpty() ? fitted : new Flagged(fitted, List.copyOf(warnings));
    }

    /**
     * Rows in libsvm's precomputed-kernel form: row r is {@code [0: r + 1, 1: K(r, 0), ..., n: K(r, n - 1)]}, each value
     * computed as libsvm's training kernel ({@code Kernel.kernel_function}) computes it from the same rows, so the solver
     * sees the same numbers. K(r, q) and K(q, r) are one node: libsvm reads only the value of a precomputed entry (its
     * index only of the serial number at position 0), and the two values are the same (+ and x commute).
     */
    static svm_node[][] precompute(double[][] x, svm_parameter p) {
        int n = x.length;
        double[] square = new double[n];
        for (int r = 0; r < n; r++) square[r] = dot(x[r], x[r]);
        svm_node[][] out = new svm_node[n][n + 1];
        for (int r = 0; r < n; r++) {
            out[r][0] = node(0, r + 1);
            for (int q = 0; q <= r; q++) {
                double d = dot(x[r], x[q]);
                double v = switch (p.kernel_type) {
                    case svm_parameter.RBF -> Math.exp(-p.gamma * (square[r] + square[q] - 2 * d));
                    case svm_parameter.LINEAR -> d;
                    default -> Libsvm.powi(p.gamma * d + p.coef0, p.degree);
                };
                out[r][q + 1] = out[q][r + 1] = node(q + 1, v);
            }
        }
        return out;
    }

    /** libsvm's sparse dot product over the non-zero entries, in index order: the same sum over a dense row. */
    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) sum += a[j] * b[j];
        return sum;
    }

    private static svm_node node(int index, double value) {
        var n = new svm_node();
        n.index = index;
        n.value = value;
        return n;
    }

    /** libsvm's parameters for this spec, gamma resolved. */
    svm_parameter parameter(double gamma) {
        var p = new svm_parameter();
        p.svm_type = svm_parameter.C_SVC;
        p.kernel_type = kernel.libsvm;
        p.degree = degree;
        p.gamma = gamma;
        p.coef0 = coef0;
        p.cache_size = cacheSize;
        p.eps = tol;
        p.C = c;
        p.nr_weight = 0;
        p.weight_label = new int[0];
        p.weight = new double[0];
        p.nu = 0.5;
        p.p = 0.1;
        p.shrinking = shrinking ? 1 : 0;
        p.probability = 0;
        return p;
    }

    /**
     * The kernel's gamma on these encoded training rows: 1 / (2 sigma²), or for {@code auto} scikit-learn's
     * {@code gamma='scale'}: 1 / (columns × X.var()), the population variance of every entry, 1 when that is 0.
     */
    public double gamma(double[][] x) {
        if (!sigma.auto()) return 1 / (2 * sigma.value() * sigma.value());
        int p = x.length == 0 ? 0 : x[0].length;
        double n = (double) x.length * p;
        if (n == 0) return 1;
        double sum = 0;
        for (double[] row : x) for (double v : row) sum += v;
        double mean = sum / n, ss = 0;
        for (double[] row : x) for (double v : row) ss += (v - mean) * (v - mean);
        double var = ss / n;
        return var == 0 ? 1 : 1 / (p * var);
    }

    /** A row in libsvm's sparse form: the non-zero entries, 1-based indices. Zeros add nothing to a kernel. */
    static svm_node[] nodes(double[] x) {
        int nz = 0;
        for (double v : x) if (v != 0) nz++;
        svm_node[] out = new svm_node[nz];
        for (int i = 0, q = 0; i < x.length; i++) {
            if (x[i] != 0) {
                var node = new svm_node();
                node.index = i + 1;
                node.value = x[i];
                out[q++] = node;
            }
        }
        return out;
    }

    /**
     * Decision values of every row of one binary machine ({@code x}, labels {@code y} = ±1, trained with {@code param})
     * from a machine that did not train on it: libsvm's {@code svm_binary_svc_probability}, step for step (a shuffle,
     * five contiguous folds, a constant decision when a fold's training part holds one class), with the shuffle drawn from
     * {@code foldSeed} instead of libsvm's static generator. With a precomputed kernel the fold machines reuse the
     * machine's kernel matrix.
     */
    static double[] outOfFoldDecisions(svm_node[][] x, double[] y, svm_parameter param, long foldSeed) {
        int l = y.length;
        var rng = new SplittableRandom(foldSeed);
        int[] perm = new int[l];
        for (int i = 0; i < l; i++) perm[i] = i;
        for (int i = 0; i < l; i++) {
            int j = i + rng.nextInt(l - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        double[] dec = new double[l];
        for (int f = 0; f < PLATT_FOLDS; f++) {
            int begin = f * l / PLATT_FOLDS, end = (f + 1) * l / PLATT_FOLDS;
            var prob = new svm_problem();
            prob.l = l - (end - begin);
            prob.x = new svm_node[prob.l][];
            prob.y = new double[prob.l];
            int q = 0;
            for (int j = 0; j < l; j++) {
                if (j >= begin && j < end) continue;
                prob.x[q] = x[perm[j]];
                prob.y[q++] = y[perm[j]];
            }
            int pos = 0, neg = 0;
            for (double v : prob.y) if (v > 0) pos++; else neg++;
            if (pos == 0 && neg == 0) {
                for (int j = begin; j < end; j++) dec[perm[j]] = 0;
            } else if (pos > 0 && neg == 0) {
                for (int j = begin; j < end; j++) dec[perm[j]] = 1;
            } else if (pos == 0) {
                for (int j = begin; j < end; j++) dec[perm[j]] = -1;
            } else {
                svm_model m = svm.svm_train(prob, param);
                double[] v = new double[1];
                for (int j = begin; j < end; j++) {
                    svm.svm_predict_values(m, x[perm[j]], v);
                    dec[perm[j]] = v[0] * m.label[0]; // the fold machine's +1 side is the class it saw first
                }
            }
        }
        return dec;
    }

    // libsvm's own Platt fit (Lin, Lin and Weng's sigmoid_train) and pairwise coupling (Wu, Lin and Weng's second
    // method) are private in its Java port; they are called, not copied, so the numbers are libsvm's to the bit.
    private static final MethodHandle SIGMOID_TRAIN, COUPLE;

    static {
        svm.svm_set_print_string_function(s -> {}); // libsvm prints its progress on stdout by default
        try {
            var lookup = MethodHandles.privateLookupIn(svm.class, MethodHandles.lookup());
            SIGMOID_TRAIN = lookup.findStatic(svm.class, "sigmoid_train",
                    MethodType.methodType(void.class, int.class, double[].class, double[].class, double[].class));
            COUPLE = lookup.findStatic(svm.class, "multiclass_probability",
                    MethodType.methodType(void.class, int.class, double[][].class, double[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Platt's sigmoid P(+1 | f) = 1 / (1 + exp(A f + B)) fitted to decision values {@code dec}: {@code ab = {A, B}}. */
    static void sigmoidTrain(double[] dec, double[] labels, double[] ab) {
        try {
            SIGMOID_TRAIN.invokeExact(dec.length, dec, labels, ab);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Class probabilities {@code p} from pairwise ones {@code r[i][j] = P(i | i or j)}: libsvm's coupling. */
    static void couple(double[][] r, double[] p) {
        try {
            COUPLE.invokeExact(p.length, r, p);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A fitted libsvm model over classes {@code 0..classes-1} (a class absent from the training rows gets probability 0
     * and is never predicted). The class is the one-vs-one vote, ties to the lowest class, as scikit-learn's
     * {@code SVC.predict}; the probabilities are libsvm's {@code svm_predict_probability} (clipped pairwise Platt
     * probabilities, coupled), or the vote shares without probabilities. libsvm's model is serializable: bundles hold it.
     *
     * <p>Decision values are libsvm's {@code svm_predict_values} on a dense copy of the support vectors: libsvm's Java
     * port walks a linked list of objects per row, several times slower than a loop over an array. The arithmetic is
     * libsvm's, term for term in the same order (a zero entry it skips adds exactly 0 here), so the values are its bits.
     */
    static final class Libsvm implements Model {
        private static final long serialVersionUID = 1L;
        private final svm_model model;
        private final int classes;
        private final transient double[][] sv;
        private final transient int[] start;

        Libsvm(svm_model model, int classes) {
            this.model = model;
            this.classes = classes;
            int width = 0;
            for (svm_node[] row : model.SV) for (svm_node n : row) width = Math.max(width, n.index);
            sv = new double[model.l][width];
            for (int i = 0; i < model.l; i++) for (svm_node n : model.SV[i]) sv[i][n.index - 1] = n.value;
            start = new int[model.nr_class];
            for (int i = 1; i < model.nr_class; i++) start[i] = start[i - 1] + model.nSV[i - 1];
        }

        private Object readResolve() {
            return new Libsvm(model, classes); // rebuilds the dense copy
        }

        svm_model model() {
            return model;
        }

        @Override
        public int classes() {
            return classes;
        }

        /** libsvm's kernel of row x and support vector i ({@code Kernel.k_function}). */
        private double kernel(double[] x, int i) {
            double[] v = sv[i];
            svm_parameter p = model.param;
            int n = Math.min(x.length, v.length);
            if (p.kernel_type == svm_parameter.RBF) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    double d = x[j] - v[j];
                    sum += d * d;
                }
                for (int j = n; j < x.length; j++) sum += x[j] * x[j];
                return Math.exp(-p.gamma * sum);
            }
            double dot = 0;
            for (int j = 0; j < n; j++) dot += x[j] * v[j];
            return p.kernel_type == svm_parameter.LINEAR ? dot : powi(p.gamma * dot + p.coef0, p.degree);
        }

        /** libsvm's {@code powi}. */
        static double powi(double base, int times) {
            double tmp = base, ret = 1.0;
            for (int t = times; t > 0; t /= 2) {
                if (t % 2 == 1) ret *= tmp;
                tmp = tmp * tmp;
            }
            return ret;
        }

        /** The pairwise decision values of row x in libsvm's order, and its one-vs-one vote (ties to the first class). */
        int decisions(double[] x, double[] dec) {
            int k = model.nr_class;
            double[] kvalue = new double[model.l];
            for (int i = 0; i < model.l; i++) kvalue[i] = kernel(x, i);
            int[] vote = new int[k];
            for (int i = 0, p = 0; i < k; i++) {
                for (int j = i + 1; j < k; j++, p++) {
                    double sum = 0;
                    int si = start[i], sj = start[j], ci = model.nSV[i], cj = model.nSV[j];
                    double[] coef1 = model.sv_coef[j - 1], coef2 = model.sv_coef[i];
                    for (int q = 0; q < ci; q++) sum += coef1[si + q] * kvalue[si + q];
                    for (int q = 0; q < cj; q++) sum += coef2[sj + q] * kvalue[sj + q];
                    sum -= model.rho[p];
                    dec[p] = sum;
                    vote[dec[p] > 0 ? i : j]++;
                }
            }
            int best = 0;
            for (int i = 1; i < k; i++) if (vote[i] > vote[best]) best = i;
            return model.label[best];
        }

        @Override
        public int predict(double[] x, double[] probabilities) {
            int k = model.nr_class;
            double[] dec = new double[k * (k - 1) / 2];
            int label = decisions(x, dec);
            Arrays.fill(probabilities, 0);
            if (model.probA == null) {
                for (int i = 0, p = 0; i < k; i++) {
                    for (int j = i + 1; j < k; j++, p++) probabilities[model.label[dec[p] > 0 ? i : j]] += 2.0 / (k * (k - 1));
                }
                return label;
            }
            double[][] r = new double[k][k];
            for (int i = 0, p = 0; i < k; i++) {
                for (int j = i + 1; j < k; j++, p++) {
                    double f = dec[p] * model.probA[p] + model.probB[p];
                    // libsvm's sigmoid_predict, written to avoid overflow
                    double q = f >= 0 ? Math.exp(-f) / (1 + Math.exp(-f)) : 1 / (1 + Math.exp(f));
                    r[i][j] = Math.min(Math.max(q, MIN_PROB), 1 - MIN_PROB);
                    r[j][i] = 1 - r[i][j];
                }
            }
            double[] pk = new double[k];
            if (k == 1) pk[0] = 1;
            else couple(r, pk);
            for (int i = 0; i < k; i++) probabilities[model.label[i]] = pk[i];
            return label;
        }
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

    // Memory: libsvm's kernel cache is bounded by cache_size; the rest of a fit is linear in rows.

    /** Bytes per training row of a binary machine outside the cache: the solver's arrays and the cache's row heads. */
    static final long BYTES_PER_ROW = 96;

    /**
     * Most bytes a fit whose largest binary machine has {@code machineRows} rows holds for its kernel: at most
     * {@link #cacheSize} MB, and never more than 32 bytes per pair of rows. Either the fit's whole kernel matrix as libsvm's
     * precomputed rows (node objects, about 16 bytes a pair, taken only when 32 bytes a pair of all training rows fit
     * in the cache size) with libsvm's float cache beside it (4 bytes a pair), or libsvm's float cache alone, one machine
     * at a time (the Platt folds too). Plus the solver's per-row arrays.
     */
    public long kernelBytes(long machineRows) {
        long cache = (long) (cacheSize * (1L << 20));
        return Math.min(cache, 32 * machineRows * machineRows) + BYTES_PER_ROW * machineRows;
    }

    /** Rows of the largest binary machine: the two largest classes. */
    public long largestMachine(int[] classCounts) {
        int[] sorted = classCounts.clone();
        Arrays.sort(sorted);
        if (sorted.length < 2) return Arrays.stream(sorted).asLongStream().sum();
        return (long) sorted[sorted.length - 1] + sorted[sorted.length - 2];
    }

    /**
     * Why this SVM must not be fitted on training rows of these class counts, or empty: when {@code concurrentFits}
     * fits' kernel caches and solver arrays ({@link #kernelBytes}) exceed half of {@code heapBytes} (the other half holds
     * the data, the encoded split and the other models). One line, for an exit-2 error before any fit starts.
     */
    public Optional<String> memoryRefusal(int[] classCounts, long heapBytes, int concurrentFits) {
        long rows = largestMachine(classCounts);
        long need = kernelBytes(rows) * Math.max(1, concurrentFits);
        if (need <= heapBytes / 2) return Optional.empty();
        long train = Arrays.stream(classCounts).asLongStream().sum();
        return Optional.of(String.format(Locale.ROOT, "model '%s': a kernel SVM on %d training rows "
                        + "(largest binary machine %d rows) may need %s for libsvm's kernel cache (cache_size %s MB) and solver, "
                        + "%d fit%s at once, more than half of the %s heap; lower cache_size, drop the model, use fewer rows%s, "
                        + "or give Java more with CRYSTAL_BENCH_JAVA_OPTS=-Xmx<size>",
                name(), train, rows, size(need), new java.math.BigDecimal(cacheSize).stripTrailingZeros().toPlainString(),
                Math.max(1, concurrentFits), concurrentFits > 1 ? "s" : "", size(heapBytes), concurrentFits > 1 ? " or --threads" : ""));
    }

    private static String size(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
}
