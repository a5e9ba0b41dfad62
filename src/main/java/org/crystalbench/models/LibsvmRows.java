package org.crystalbench.models;

import libsvm.svm_node;
import libsvm.svm_parameter;

/** Encoded rows in libsvm's two input forms: its sparse nodes, and rows of a precomputed kernel matrix. */
final class LibsvmRows {
    private LibsvmRows() {}

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
                    default -> SvmDecisions.powi(p.gamma * d + p.coef0, p.degree);
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
}
