package org.crystalbench.models;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import libsvm.svm;
import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_parameter;

/**
 * Prediction of a fitted libsvm model ({@link SvmSpec.Libsvm}): decision values as libsvm's {@code svm_predict_values},
 * on a dense copy of the support vectors. libsvm's Java port walks a linked list of objects per row, several times
 * slower than a loop over an array. The arithmetic is libsvm's, term for term in the same order (a zero entry it skips
 * adds exactly 0 here), so the values are its bits.
 *
 * <p>Kernels are computed for four support vectors per pass over the row: four independent sums, each over its own
 * vector's terms in libsvm's order, so each is the single loop's sum (the four only fill the CPU's pipeline, which one
 * chain of dependent additions leaves mostly idle). The class is the one-vs-one vote, ties to the lowest class, as
 * scikit-learn's {@code SVC.predict}; the probabilities are libsvm's {@code svm_predict_probability} (clipped pairwise
 * Platt probabilities, coupled), or the vote shares without probabilities.
 */
final class SvmDecisions {
    /** Fewest pairwise probabilities libsvm allows, and most (1 - this): keeps the coupling finite. */
    private static final double MIN_PROB = 1e-7;
    private final svm_model model;
    private final double[][] sv;
    private final int[] start;

    SvmDecisions(svm_model model) {
        this.model = model;
        int width = 0;
        for (svm_node[] row : model.SV) for (svm_node n : row) width = Math.max(width, n.index);
        sv = new double[model.l][width];
        for (int i = 0; i < model.l; i++) for (svm_node n : model.SV[i]) sv[i][n.index - 1] = n.value;
        start = new int[model.nr_class];
        for (int i = 1; i < model.nr_class; i++) start[i] = start[i - 1] + model.nSV[i - 1];
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
        return finish(dot);
    }

    private double finish(double dot) {
        svm_parameter p = model.param;
        return p.kernel_type == svm_parameter.LINEAR ? dot : powi(p.gamma * dot + p.coef0, p.degree);
    }

    /** {@code kvalue[i]} = the kernel of row x and support vector i, for every i: four vectors per pass, as {@link #kernel}. */
    private void kernels(double[] x, double[] kvalue) {
        int l = sv.length, i = 0;
        if (l > 0) {
            int n = Math.min(x.length, sv[0].length); // every dense vector has the same width
            boolean rbf = model.param.kernel_type == svm_parameter.RBF;
            double gamma = model.param.gamma;
            for (; i + 4 <= l; i += 4) {
                double[] v0 = sv[i], v1 = sv[i + 1], v2 = sv[i + 2], v3 = sv[i + 3];
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                if (rbf) {
                    for (int j = 0; j < n; j++) {
                        double xj = x[j], d0 = xj - v0[j], d1 = xj - v1[j], d2 = xj - v2[j], d3 = xj - v3[j];
                        s0 += d0 * d0;
                        s1 += d1 * d1;
                        s2 += d2 * d2;
                        s3 += d3 * d3;
                    }
                    for (int j = n; j < x.length; j++) {
                        double t = x[j] * x[j];
                        s0 += t;
                        s1 += t;
                        s2 += t;
                        s3 += t;
                    }
                    kvalue[i] = Math.exp(-gamma * s0);
                    kvalue[i + 1] = Math.exp(-gamma * s1);
                    kvalue[i + 2] = Math.exp(-gamma * s2);
                    kvalue[i + 3] = Math.exp(-gamma * s3);
                } else {
                    for (int j = 0; j < n; j++) {
                        double xj = x[j];
                        s0 += xj * v0[j];
                        s1 += xj * v1[j];
                        s2 += xj * v2[j];
                        s3 += xj * v3[j];
                    }
                    kvalue[i] = finish(s0);
                    kvalue[i + 1] = finish(s1);
                    kvalue[i + 2] = finish(s2);
                    kvalue[i + 3] = finish(s3);
                }
            }
        }
        for (; i < l; i++) kvalue[i] = kernel(x, i);
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
        return decisions(x, dec, new double[model.l]);
    }

    private int decisions(double[] x, double[] dec, double[] kvalue) {
        int k = model.nr_class;
        kernels(x, kvalue);
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

    int predict(double[] x, double[] probabilities) {
        int k = model.nr_class;
        return predict(x, probabilities, new double[k * (k - 1) / 2], new double[model.l]);
    }

    /** Rows {@code from .. to-1}, each as {@link #predict(double[], double[])}, with the buffers allocated once. */
    void predict(double[][] x, double[][] probabilities, int[] labels, int from, int to) {
        int k = model.nr_class;
        double[] dec = new double[k * (k - 1) / 2], kvalue = new double[model.l];
        for (int i = from; i < to; i++) labels[i] = predict(x[i], probabilities[i], dec, kvalue);
    }

    private int predict(double[] x, double[] probabilities, double[] dec, double[] kvalue) {
        int k = model.nr_class;
        int label = decisions(x, dec, kvalue);
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

    // libsvm's pairwise coupling (Wu, Lin and Weng's second method) is private in its Java port; it is called, not
    // copied, so the numbers are libsvm's to the bit.
    private static final MethodHandle COUPLE;

    static {
        try {
            COUPLE = MethodHandles.privateLookupIn(svm.class, MethodHandles.lookup()).findStatic(svm.class,
                    "multiclass_probability", MethodType.methodType(void.class, int.class, double[][].class, double[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
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
}
