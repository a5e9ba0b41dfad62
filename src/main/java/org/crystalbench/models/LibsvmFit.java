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

    static Model fit(SvmSpec spec, double[][] x, int[] y, int classes, long seed) {
        int[] counts = new int[classes];
        for (int label : y) counts[label]++;
        // the last line of defence (train, grid, benchmarks): a run checks before its first fit, for all its threads
        spec.memoryRefusal(counts, Runtime.getRuntime().maxMemory(), 1).ifPresent(msg -> { throw new InputException(msg); });
        // Rows in class order, stable, as libsvm's svm_group_classes orders them; with the classes sorted, the machines,
        // their +1 sides and the vote ties (to the first class) are scikit-learn's, which sorts the classes too.
        Integer[] boxed = new Integer[y.length];
        for (int i = 0; i < y.length; i++) boxed[i] = i;
        Arrays.sort(boxed, (a, b) -> Integer.compare(y[a], y[b]));
        double[][] xs = new double[y.length][];
        svm_node[][] nodes = new svm_node[y.length][];
        for (int i = 0; i < y.length; i++) {
            xs[i] = x[boxed[i]];
            nodes[i] = LibsvmRows.nodes(xs[i]);
        }
        int[] label = java.util.stream.IntStream.range(0, classes).filter(c -> counts[c] > 0).toArray();
        int k = label.length;
        int[] start = new int[k];
        for (int i = 1; i < k; i++) start[i] = start[i - 1] + counts[label[i - 1]];
        svm_parameter param = spec.parameter(spec.gamma(x));
        double[] weight = spec.classWeight() == null ? null : spec.classWeight().of(y, classes, spec.name());

        // libsvm's svm_train, one binary machine at a time (as it trains them). When the whole kernel matrix of the training
        // rows fits in the cache budget it is computed once, densely, and every machine and Platt fold reads it as
        // libsvm's precomputed kernel; libsvm's Java port would recompute each value from linked node objects.
        boolean precomputed = 32L * y.length * y.length <= (long) (spec.cacheSize() * (1L << 20));
        svm_node[][] kernelRows = precomputed ? LibsvmRows.precompute(xs, param) : null;
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
                if (spec.probability() && spec.platt() == SvmSpec.Platt.CV) {
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
        var fitted = new SvmSpec.Libsvm(model, classes);

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
                if (spec.probability() && spec.platt() == SvmSpec.Platt.TRAIN) {
                    double[] labels = new double[n], ab = new double[2];
                    for (int q = 0; q < n; q++) labels[q] = q < ci ? +1 : -1;
                    sigmoidTrain(trainDecisions[p], labels, ab);
                    probA[p] = ab[0];
                    probB[p] = ab[1];
                }
            }
        }
        if (spec.probability()) {
            model.probA = probA;
            model.probB = probB;
            model.param.probability = 1;
        }
        return warnings.isEmpty() ? fitted : SvmSpec.flagged(fitted, List.copyOf(warnings));
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
