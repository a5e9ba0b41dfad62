package org.crystalbench.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import libsvm.svm_model;
import libsvm.svm_parameter;
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
        return LibsvmFit.fit(this, x, y, classes, seed);
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

    /**
     * A fitted libsvm model over classes {@code 0..classes-1} (a class absent from the training rows gets probability 0
     * and is never predicted), predicting through {@link SvmDecisions}: libsvm's decision values, one-vs-one vote and
     * {@code svm_predict_probability}. libsvm's model is serializable: bundles hold it.
     */
    static final class Libsvm implements Model {
        private static final long serialVersionUID = 1L;
        private final svm_model model;
        private final int classes;
        private final transient SvmDecisions decisions;

        Libsvm(svm_model model, int classes) {
            this.model = model;
            this.classes = classes;
            decisions = new SvmDecisions(model);
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

        /** The pairwise decision values of row x in libsvm's order, and its one-vs-one vote (ties to the first class). */
        int decisions(double[] x, double[] dec) {
            return decisions.decisions(x, dec);
        }

        @Override
        public int predict(double[] x, double[] probabilities) {
            return decisions.predict(x, probabilities);
        }

        @Override
        public void predict(double[][] x, double[][] probabilities, int[] labels, int from, int to) {
            decisions.predict(x, probabilities, labels, from, to);
        }
    }

    static Model flagged(Model model, List<FitWarning> warnings) {
        return new Flagged(model, warnings);
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

        @Override
        public void predict(double[][] x, double[][] probabilities, int[] labels, int from, int to) {
            model.predict(x, probabilities, labels, from, to);
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