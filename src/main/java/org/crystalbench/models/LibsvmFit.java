package org.crystalbench.models;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import libsvm.svm;
import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_parameter;
import libsvm.svm_problem;
import org.crystalbench.InputException;
import org.crystalbench.splits.Seeds;

/**
 * {@link SvmSpec}'s fit: libsvm's {@code svm_train} one binary machine at a time on libsvm problems built here (rows in
 * class order, the kernel matrix precomputed when it fits the cache budget), the machines assembled into one libsvm
 * model as {@code svm_train} assembles it, and Platt's sigmoids fitted on our own seeded folds (SvmSpec's class comment
 * says why).
 */
final class LibsvmFit {
    private LibsvmFit() {}

    /** The training rows in class order (stable, as libsvm's svm_group_classes orders them), class by class. */
    private record Classes(int[] counts, int[] label, int[] start, Integer[] order, double[][] xs, svm_node[][] nodes) {
        int k() {
            return label.length;
        }

        /** Row {@code q} of the binary problem of classes {@code i} and {@code j}, as a position in class order. */
        int row(int i, int j, int q) {
            int ci = counts[label[i]];
            return q < ci ? start[i] + q : start[j] + q - ci;
        }
    }

    /** The binary machines, in svm_train's order: coefficients per problem row, offsets, sigmoids, training decisions. */
    private record Machines(double[][] alpha, double[] rho, double[] probA, double[] probB, double[][] trainDecisions,
            boolean[] nonzero) {}

    static Model fit(SvmSpec spec, double[][] x, int[] y, int classes, long seed) {
        int[] counts = new int[classes];
        for (int label : y) counts[label]++;
        // the last line of defence (train, grid, benchmarks): a run checks before its first fit, for all its threads
        spec.memoryRefusal(counts, Runtime.getRuntime().maxMemory(), 1).ifPresent(msg -> { throw new InputException(msg); });
        Classes c = classes(x, y, counts);
        svm_parameter param = spec.parameter(spec.gamma(x));
        double[] weight = spec.classWeight() == null ? null : spec.classWeight().of(y, classes, spec.name());
        Machines m = train(spec, c, param, weight, seed);
        svm_model model = assemble(c, m, param, y.length);
        var fitted = new SvmSpec.Libsvm(model, classes);
        List<FitWarning> warnings = checkAndPlatt(spec, c, m, fitted);
        if (spec.probability()) {
            model.probA = m.probA();
            model.probB = m.probB();
            model.param.probability = 1;
        }
        return warnings.isEmpty() ? fitted : SvmSpec.flagged(fitted, List.copyOf(warnings));
    }

    // With the classes sorted, the machines, their +1 sides and the vote ties (to the first class) are scikit-learn's,
    // which sorts the classes too.
    private static Classes classes(double[][] x, int[] y, int[] counts) {
        Integer[] boxed = new Integer[y.length];
        for (int i = 0; i < y.length; i++) boxed[i] = i;
        Arrays.sort(boxed, (a, b) -> Integer.compare(y[a], y[b]));
        double[][] xs = new double[y.length][];
        svm_node[][] nodes = new svm_node[y.length][];
        for (int i = 0; i < y.length; i++) {
            xs[i] = x[boxed[i]];
            nodes[i] = LibsvmRows.nodes(xs[i]);
        }
        int[] label = java.util.stream.IntStream.range(0, counts.length).filter(c -> counts[c] > 0).toArray();
        int[] start = new int[label.length];
        for (int i = 1; i < label.length; i++) start[i] = start[i - 1] + counts[label[i - 1]];
        return new Classes(counts, label, start, boxed, xs, nodes);
    }

    // libsvm's svm_train, one binary machine at a time (as it trains them). When the whole kernel matrix of the training
    // rows fits in the cache budget it is computed once, densely, and every machine and Platt fold reads it as
    // libsvm's precomputed kernel; libsvm's Java port would recompute each value from linked node objects.
    private static Machines train(SvmSpec spec, Classes c, svm_parameter param, double[] weight, long seed) {
        int rows = c.xs().length, k = c.k(), machines = k * (k - 1) / 2;
        boolean precomputed = 32L * rows * rows <= (long) (spec.cacheSize() * (1L << 20));
        svm_node[][] kernelRows = precomputed ? LibsvmRows.precompute(c.xs(), param) : null;
        var m = new Machines(new double[machines][], new double[machines], new double[machines], new double[machines],
                new double[machines][], new boolean[rows]);
        for (int i = 0, p = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++, p++) {
                int ci = c.counts()[c.label()[i]], n = ci + c.counts()[c.label()[j]];
                // weighted C as libsvm computes it (C x weight), given as the weights of a C = 1 problem (as libsvm's own
                // probability folds do): the same numbers
                double cp = param.C * (weight == null ? 1 : weight[c.label()[i]]), cn = param.C * (weight == null ? 1 : weight[c.label()[j]]);
                var pair = (svm_parameter) param.clone();
                pair.C = 1;
                pair.nr_weight = 2;
                pair.weight_label = new int[] {+1, -1};
                pair.weight = new double[] {cp, cn};
                var sub = new svm_problem();
                sub.l = n;
                sub.y = new double[n];
                sub.x = new svm_node[n][];
                for (int q = 0; q < n; q++) {
                    sub.y[q] = q < ci ? +1 : -1;
                    sub.x[q] = (precomputed ? kernelRows : c.nodes())[c.row(i, j, q)];
                }
                if (precomputed) pair.kernel_type = svm_parameter.PRECOMPUTED;
                machine(m, p, svm.svm_train(sub, pair), sub, c, i, j, precomputed);
                if (spec.probability() && spec.platt() == SvmSpec.Platt.CV) {
                    double[] ab = new double[2];
                    sigmoidTrain(outOfFoldDecisions(sub.x, sub.y, pair, Seeds.plattFolds(seed, p)), sub.y, ab);
                    m.probA()[p] = ab[0];
                    m.probB()[p] = ab[1];
                }
            }
        }
        return m;
    }

    /** Machine {@code p}'s coefficients and offset from libsvm's model, and its training rows' decisions when precomputed. */
    private static void machine(Machines m, int p, svm_model trained, svm_problem sub, Classes c, int i, int j, boolean precomputed) {
        if (trained.label[0] != +1) throw new IllegalStateException("libsvm put the -1 class first");
        int n = sub.l;
        double[] alpha = m.alpha()[p] = new double[n];
        for (int q = 0; q < trained.l; q++) alpha[trained.sv_indices[q] - 1] = trained.sv_coef[0][q];
        m.rho()[p] = trained.rho[0];
        for (int q = 0; q < n; q++) {
            if (Math.abs(alpha[q]) > 0) m.nonzero()[c.row(i, j, q)] = true;
        }
        if (precomputed) { // decision values of the machine's rows from its kernel matrix
            m.trainDecisions()[p] = new double[n];
            for (int r = 0; r < n; r++) {
                double sum = 0;
                for (int q = 0; q < n; q++) {
                    if (alpha[q] != 0) sum += alpha[q] * sub.x[r][(int) sub.x[q][0].value].value;
                }
                m.trainDecisions()[p][r] = sum - m.rho()[p];
            }
        }
    }

    // the model as svm_train assembles it: the support vectors of every machine, class by class, and per machine the
    // coefficients of its two classes' vectors
    private static svm_model assemble(Classes c, Machines m, svm_parameter param, int rows) {
        int k = c.k();
        int[] counts = c.counts(), label = c.label(), start = c.start();
        boolean[] nonzero = m.nonzero();
        var model = new svm_model();
        model.param = param;
        model.nr_class = k;
        model.label = label;
        model.rho = m.rho();
        model.nSV = new int[k];
        int[] nzStart = new int[k];
        for (int i = 0; i < k; i++) {
            for (int q = 0; q < counts[label[i]]; q++) if (nonzero[start[i] + q]) model.nSV[i]++;
            if (i > 0) nzStart[i] = nzStart[i - 1] + model.nSV[i - 1];
        }
        model.l = k == 0 ? 0 : nzStart[k - 1] + model.nSV[k - 1];
        model.SV = new svm_node[model.l][];
        model.sv_indices = new int[model.l];
        for (int r = 0, q = 0; r < rows; r++) {
            if (nonzero[r]) {
                model.SV[q] = c.nodes()[r];
                model.sv_indices[q++] = c.order()[r] + 1;
            }
        }
        model.sv_coef = new double[Math.max(0, k - 1)][model.l];
        for (int i = 0, p = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++, p++) {
                int ci = counts[label[i]], cj = counts[label[j]];
                double[] alpha = m.alpha()[p];
                for (int q = 0, z = nzStart[i]; q < ci; q++) if (nonzero[start[i] + q]) model.sv_coef[j - 1][z++] = alpha[q];
                for (int q = 0, z = nzStart[j]; q < cj; q++) if (nonzero[start[j] + q]) model.sv_coef[i][z++] = alpha[ci + q];
            }
        }
        return model;
    }

    /** A warning per machine that gives one class to every training row; with Platt on the training rows, its sigmoid. */
    private static List<FitWarning> checkAndPlatt(SvmSpec spec, Classes c, Machines m, SvmSpec.Libsvm fitted) {
        List<FitWarning> warnings = new ArrayList<>();
        int k = c.k();
        double[] dec = new double[k * (k - 1) / 2];
        for (int i = 0, p = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++, p++) {
                int ci = c.counts()[c.label()[i]], n = ci + c.counts()[c.label()[j]];
                if (m.trainDecisions()[p] == null) { // a machine too large to precompute: the model's own decision values
                    m.trainDecisions()[p] = new double[n];
                    for (int q = 0; q < n; q++) {
                        fitted.decisions(c.xs()[c.row(i, j, q)], dec);
                        m.trainDecisions()[p][q] = dec[p];
                    }
                }
                boolean positive = false, negative = false;
                for (double v : m.trainDecisions()[p]) {
                    if (v > 0) positive = true;
                    else negative = true;
                }
                if (!(positive && negative)) {
                    warnings.add(new FitWarning("binary machine %s vs %s gives one class to every training row", c.label()[i], c.label()[j]));
                }
                if (spec.probability() && spec.platt() == SvmSpec.Platt.TRAIN) {
                    double[] labels = new double[n], ab = new double[2];
                    for (int q = 0; q < n; q++) labels[q] = q < ci ? +1 : -1;
                    sigmoidTrain(m.trainDecisions()[p], labels, ab);
                    m.probA()[p] = ab[0];
                    m.probB()[p] = ab[1];
                }
            }
        }
        return warnings;
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
        for (int f = 0; f < SvmSpec.PLATT_FOLDS; f++) {
            int begin = f * l / SvmSpec.PLATT_FOLDS, end = (f + 1) * l / SvmSpec.PLATT_FOLDS;
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

    // libsvm's own Platt fit (Lin, Lin and Weng's sigmoid_train) is private in its Java port; it is called, not copied,
    // so the numbers are libsvm's to the bit (as SvmDecisions calls its pairwise coupling).
    private static final MethodHandle SIGMOID_TRAIN;

    static {
        svm.svm_set_print_string_function(s -> {}); // libsvm prints its progress on stdout by default
        try {
            var lookup = MethodHandles.privateLookupIn(svm.class, MethodHandles.lookup());
            SIGMOID_TRAIN = lookup.findStatic(svm.class, "sigmoid_train",
                    MethodType.methodType(void.class, int.class, double[].class, double[].class, double[].class));
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
}
