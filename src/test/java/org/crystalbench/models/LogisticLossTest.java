package org.crystalbench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The multinomial loss sums the rows' log-sum-exp terms as the log of their product, rescaled by powers of two (issue
 * 30, fifth session): it must equal the plain per-row sum of {@code StrictMath.log} terms to within rounding, also when
 * the product is rescaled many times (many rows, many classes, large scores).
 */
class LogisticLossTest {
    @Test
    void productOfSumsEqualsThePerRowSumOfLogs() {
        Random rnd = new Random(3);
        int n = 20_000, d = 4, k = 7, s = LogisticModel.stride(k);
        double[] dense = new double[n * d];
        int[] y = new int[n];
        for (int i = 0; i < dense.length; i++) dense[i] = rnd.nextGaussian();
        for (int i = 0; i < n; i++) y[i] = rnd.nextInt(k);
        TrainingRows x = TrainingRows.of(n, d, d, dense, 0, new int[0]);
        double[] w = new double[(d + 1) * s];
        for (int j = 0; j <= d; j++) for (int c = 0; c < k; c++) w[j * s + c] = 0.7 * rnd.nextGaussian();
        double got = LogisticLoss.multinomial(x, y, k, 0, w, new double[w.length]);
        // the plain form: per row log(sum_c e^(z_c - max)) - (z_label - max), in StrictMath, summed row by row
        double want = 0;
        double[] z = new double[k];
        for (int r = 0; r < n; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                z[c] = w[d * s + c];
                for (int j = 0; j < d; j++) z[c] += dense[r * d + j] * w[j * s + c];
                max = Math.max(max, z[c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) sum += StrictMath.exp(z[c] - max);
            want += StrictMath.log(sum) - (z[y[r]] - max);
        }
        assertTrue(want > 20_000, "the product was rescaled many times: loss " + want);
        assertEquals(want, got, 1e-12 * want);
    }
}
