package org.crystalbench.models;

import java.util.Arrays;

/**
 * The matrix products of {@link GemmMlp}'s training, over matrices held as arrays of columns (float, plain Java loops,
 * no BLAS): every element a sum over its terms in one fixed order, so the same bits on every CPU (GemmMlp's class
 * comment says why).
 */
final class GemmProducts {
    private GemmProducts() {}

    /**
     * {@code c = a b} for matrices held as arrays of columns: {@code a} k columns of m, {@code b} n columns
     * of k, {@code c} n columns of m. Each element is the float sum of its k products in ascending order
     * of k, one rounded multiply and one rounded add per term. {@code c + v0 a0 + v1 a1 + ...} is
     * evaluated left to right, so four terms per pass over a column of c are exactly the operations of
     * one term per pass, with fewer loads and stores of c; two columns of c per pass read each column
     * of a once for both. The inner loop is element-wise, every array read at the same index, which the
     * JIT vectorises without changing any element's operations (one flat array with column offsets it
     * did not vectorise: 2-3x slower; four columns or eight terms per pass neither).
     */
    static void product(float[][] a, float[][] b, float[][] c, int m, int k, int n) {
        int j = 0;
        for (; j + 2 <= n; j += 2) { // two columns of c per pass: each column of a loaded once for both
            float[] b0 = b[j], b1 = b[j + 1], c0 = c[j], c1 = c[j + 1];
            Arrays.fill(c0, 0, m, 0f);
            Arrays.fill(c1, 0, m, 0f);
            int p = 0;
            for (; p + 4 <= k; p += 4) {
                float u0 = b0[p], u1 = b0[p + 1], u2 = b0[p + 2], u3 = b0[p + 3];
                float v0 = b1[p], v1 = b1[p + 1], v2 = b1[p + 2], v3 = b1[p + 3];
                float[] a0 = a[p], a1 = a[p + 1], a2 = a[p + 2], a3 = a[p + 3];
                for (int i = 0; i < m; i++) {
                    float x0 = a0[i], x1 = a1[i], x2 = a2[i], x3 = a3[i];
                    c0[i] = c0[i] + u0 * x0 + u1 * x1 + u2 * x2 + u3 * x3;
                    c1[i] = c1[i] + v0 * x0 + v1 * x1 + v2 * x2 + v3 * x3;
                }
            }
            for (; p < k; p++) {
                float u = b0[p], v = b1[p];
                float[] ap = a[p];
                for (int i = 0; i < m; i++) {
                    c0[i] += u * ap[i];
                    c1[i] += v * ap[i];
                }
            }
        }
        for (; j < n; j++) {
            float[] bj = b[j], cj = c[j];
            Arrays.fill(cj, 0, m, 0f);
            int p = 0;
            for (; p + 4 <= k; p += 4) {
                float v0 = bj[p], v1 = bj[p + 1], v2 = bj[p + 2], v3 = bj[p + 3];
                float[] a0 = a[p], a1 = a[p + 1], a2 = a[p + 2], a3 = a[p + 3];
                for (int i = 0; i < m; i++) cj[i] = cj[i] + v0 * a0[i] + v1 * a1[i] + v2 * a2[i] + v3 * a3[i];
            }
            for (; p < k; p++) {
                float v = bj[p];
                float[] ap = a[p];
                for (int i = 0; i < m; i++) cj[i] += v * ap[i];
            }
        }
    }

    /**
     * {@code g = d a^T} for {@code d} n columns of m, {@code a} n columns of k, {@code g} k columns of m:
     * a weight gradient, each element the sum over the batch's columns in ascending order, as in
     * {@link #product}: two columns of g and four batch columns per pass. For a narrow g (the output
     * layer, one row per class) the columns are too short to vectorise; then it is computed as
     * {@code g^T = a d^T}, a product with long columns and the same sums (a x b == b x a exactly).
     */
    static void productTransposed(float[][] d, float[][] a, float[][] g, int m, int k, int n) {
        if (m < 8) {
            float[][] dt = columns(m, n), gt = columns(m, k);
            transpose(d, dt, m, n);
            product(a, dt, gt, k, n, m);
            transpose(gt, g, k, m);
            return;
        }
        int p = 0;
        for (; p + 2 <= k; p += 2) { // two columns of g per pass: each column of d loaded once for both
            float[] g0 = g[p], g1 = g[p + 1];
            Arrays.fill(g0, 0, m, 0f);
            Arrays.fill(g1, 0, m, 0f);
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                float[] e0 = a[j], e1 = a[j + 1], e2 = a[j + 2], e3 = a[j + 3];
                float u0 = e0[p], u1 = e1[p], u2 = e2[p], u3 = e3[p];
                float v0 = e0[p + 1], v1 = e1[p + 1], v2 = e2[p + 1], v3 = e3[p + 1];
                float[] d0 = d[j], d1 = d[j + 1], d2 = d[j + 2], d3 = d[j + 3];
                for (int i = 0; i < m; i++) {
                    float x0 = d0[i], x1 = d1[i], x2 = d2[i], x3 = d3[i];
                    g0[i] = g0[i] + u0 * x0 + u1 * x1 + u2 * x2 + u3 * x3;
                    g1[i] = g1[i] + v0 * x0 + v1 * x1 + v2 * x2 + v3 * x3;
                }
            }
            for (; j < n; j++) {
                float u = a[j][p], v = a[j][p + 1];
                float[] dj = d[j];
                for (int i = 0; i < m; i++) {
                    g0[i] += u * dj[i];
                    g1[i] += v * dj[i];
                }
            }
        }
        for (; p < k; p++) {
            float[] gp = g[p];
            Arrays.fill(gp, 0, m, 0f);
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                float v0 = a[j][p], v1 = a[j + 1][p], v2 = a[j + 2][p], v3 = a[j + 3][p];
                float[] d0 = d[j], d1 = d[j + 1], d2 = d[j + 2], d3 = d[j + 3];
                for (int i = 0; i < m; i++) gp[i] = gp[i] + v0 * d0[i] + v1 * d1[i] + v2 * d2[i] + v3 * d3[i];
            }
            for (; j < n; j++) {
                float v = a[j][p];
                float[] dj = d[j];
                for (int i = 0; i < m; i++) gp[i] += v * dj[i];
            }
        }
    }

    /** {@code t = w^T} for {@code w} k columns of m and {@code t} m columns of k. */
    static void transpose(float[][] w, float[][] t, int m, int k) {
        for (int p = 0; p < k; p++) for (int i = 0; i < m; i++) t[i][p] = w[p][i];
    }

    static float[][] columns(int count, int length) {
        return new float[count][length];
    }
}
