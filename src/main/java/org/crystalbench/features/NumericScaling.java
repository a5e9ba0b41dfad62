package org.crystalbench.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.crystalbench.data.NumericRows;

/**
 * The numeric part of an encoding, fitted on training rows: per column the training median that fills a missing
 * cell, the columns that gain a was-missing indicator, and per encoded position (columns, then indicators) the mean
 * and population SD it is standardised with (scikit-learn's {@code SimpleImputer(strategy="median",
 * add_indicator=True)} then {@code StandardScaler}).
 *
 * @param indicated numeric positions j with a was-missing indicator, in output order
 */
record NumericScaling(double[] fill, int[] indicated, double[] mean, double[] scale) {

    static NumericScaling fit(NumericRows x, int[] train, int[] cols) {
        double[] fill = new double[cols.length];
        List<Integer> indicated = new ArrayList<>();
        for (int j = 0; j < cols.length; j++) {
            final int c = cols[j];
            // one array of the column's present cells, sorted in place (a stream and a clone were 4 such arrays a split)
            double[] present = new double[train.length];
            int n = 0;
            for (int r : train) {
                double v = x.get(r, c);
                if (!Double.isNaN(v)) present[n++] = v;
            }
            fill[j] = n == 0 ? 0 : medianInPlace(present, n);
            if (n < train.length) indicated.add(j);
        }
        int[] ind = indicated.stream().mapToInt(Integer::intValue).toArray();
        int width = cols.length + ind.length;
        double[] mean = new double[width];
        double[] scale = new double[width];
        for (int j = 0; j < width; j++) {
            double m = 0;
            for (int r : train) m += cell(x, r, j, cols, fill, ind);
            m /= train.length;
            double ss = 0;
            for (int r : train) {
                double d = cell(x, r, j, cols, fill, ind) - m;
                ss += d * d;
            }
            double sd = Math.sqrt(ss / train.length); // population sd, as scikit-learn's StandardScaler
            if (!Double.isFinite(m) || !Double.isFinite(sd)) { // finite cells near the largest double: the sums overflowed
                double[] scaled = scaledMeanSd(x, train, j, cols, fill, ind);
                m = scaled[0];
                sd = scaled[1];
            }
            mean[j] = m;
            scale[j] = sd > 0 ? sd : 1; // a constant column becomes 0, not NaN
        }
        return new NumericScaling(fill, ind, mean, scale);
    }

    /**
     * Encoded numeric position {@code j} of a row before scaling: column {@code cols[j]} with a missing cell filled in
     * (training median), or for {@code j >= cols.length} the 0/1 was-missing indicator of column {@code cols[ind[..]]}.
     */
    static double cell(double[] numeric, int j, int[] cols, double[] fill, int[] ind) {
        if (j < cols.length) {
            double v = numeric[cols[j]];
            return Double.isNaN(v) && fill != null ? fill[j] : v;
        }
        return Double.isNaN(numeric[cols[ind[j - cols.length]]]) ? 1 : 0;
    }

    /** {@link #cell(double[], int, int[], double[], int[])} of row {@code r} of {@code x}, read in place (the same bits). */
    static double cell(NumericRows x, int r, int j, int[] cols, double[] fill, int[] ind) {
        if (j < cols.length) {
            double v = x.get(r, cols[j]);
            return Double.isNaN(v) && fill != null ? fill[j] : v;
        }
        return Double.isNaN(x.get(r, cols[ind[j - cols.length]])) ? 1 : 0;
    }

    /** A cell v standardised with its column's mean and scale (every encoding of a numeric cell comes through here). */
    static double scaled(double v, double mean, double scale) {
        double z = (v - mean) / scale;
        // the difference of two values near the largest double overflows; their scaled difference does not
        return Double.isFinite(z) ? z : v / scale - mean / scale;
    }

    /** The median (mean of the two middle values for an even count), as numpy's. */
    static double median(double[] v) {
        return medianInPlace(v.clone(), v.length);
    }

    /** The median of {@code s[0..n)}, which it sorts. */
    private static double medianInPlace(double[] s, int n) {
        Arrays.sort(s, 0, n);
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /**
     * Mean and population SD of a column computed on values divided by its largest magnitude, so that no sum
     * overflows: both finite for any finite cells (used only when the plain sums overflow, so ordinary data
     * is encoded bit for bit as before).
     */
    private static double[] scaledMeanSd(NumericRows x, int[] train, int j, int[] cols, double[] fill, int[] ind) {
        double max = 0;
        for (int r : train) max = Math.max(max, Math.abs(cell(x, r, j, cols, fill, ind)));
        double m = 0, ss = 0;
        for (int r : train) m += cell(x, r, j, cols, fill, ind) / max;
        m /= train.length;
        for (int r : train) {
            double d = cell(x, r, j, cols, fill, ind) / max - m;
            ss += d * d;
        }
        return new double[] {m * max, Math.sqrt(ss / train.length) * max};
    }
}
