package org.crystalbench.features;

import org.crystalbench.data.NumericRows;
import org.crystalbench.models.TrainingRows;

/**
 * A split's encoded numeric training columns, computed a block at a time from the data set's shared numeric store when
 * a fit reads them (issue 30, memory): the lane keeps no copy of its training rows (at a million rows of six columns
 * 38 MB a lane). Each value is what {@link FeatureEncoder#transformTraining} writes, by the same arithmetic
 * ({@link NumericScaling#cell}, {@link NumericScaling#scaled}), so every fit over it has the same bits as over stored
 * rows (TrainingRowsTest). The store, the training rows and the scaling are shared and never written.
 */
final class TrainingBlocks implements TrainingRows.Dense {
    private final NumericRows x;
    private final int[] train, cols, indicated;
    private final int block, d;
    private final double[] fill, mean, scale;
    private final double[] means, scales; // mean and scale repeated for a block's rows: one loop C2 can vectorise

    /**
     * @param x         the data set's numeric cells
     * @param train     the split's training rows (row i of the training rows is data row train[i])
     * @param block     rows per block
     * @param d         encoded numeric columns (columns, then was-missing indicators)
     * @param cols      the numeric store's column of each encoded column
     * @param fill      per column the training median for a missing cell (null: none)
     * @param indicated positions with a was-missing indicator (may be null)
     */
    TrainingBlocks(NumericRows x, int[] train, int block, int d, int[] cols, double[] fill, int[] indicated,
                   double[] mean, double[] scale) {
        this.x = x;
        this.train = train;
        this.block = block;
        this.d = d;
        this.cols = cols;
        this.fill = fill;
        this.indicated = indicated;
        this.mean = mean;
        this.scale = scale;
        int n = d == cols.length ? Math.min(block, train.length) * d : 0;
        means = new double[n];
        scales = new double[n];
        for (int o = 0; o < n; o++) {
            means[o] = mean[o % d];
            scales[o] = scale[o % d];
        }
    }

    @Override
    public double[] block(int b, double[] buffer) {
        int from = b * block, to = Math.min(train.length, from + block);
        if (d != cols.length) { // was-missing indicators: cell by cell
            for (int i = from, o = 0; i < to; i++) {
                for (int j = 0; j < d; j++, o++) buffer[o] = encoded(train[i], j);
            }
            return buffer;
        }
        // The cells gathered, then standardised in one vectorisable loop; a value that is not finite there (a missing
        // cell to fill in, or an overflow) is encoded again cell by cell, exactly as the encoder does.
        x.gather(train, from, to, cols, buffer);
        int n = (to - from) * d;
        double[] m = means, s = scales;
        for (int o = 0; o < n; o++) buffer[o] = (buffer[o] - m[o]) / s[o];
        for (int o = 0; o < n; o++) {
            if (!Double.isFinite(buffer[o])) buffer[o] = encoded(train[from + o / d], o % d);
        }
        return buffer;
    }

    /** Encoded column j of data row r, as the encoder writes it. */
    private double encoded(int r, int j) {
        return NumericScaling.scaled(NumericScaling.cell(x, r, j, cols, fill, indicated), mean[j], scale[j]);
    }
}
