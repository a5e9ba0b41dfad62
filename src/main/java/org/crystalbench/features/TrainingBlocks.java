package org.crystalbench.features;

import org.crystalbench.data.NumericRows;
import org.crystalbench.models.TrainingRows;

/**
 * A split's encoded numeric training columns, computed a block at a time from the data set's shared numeric store when
 * a fit reads them (issue 30, memory): the lane keeps no copy of its training rows (at a million rows of six columns
 * 38 MB a lane). Each value is what {@link FeatureEncoder#transformTraining} writes, by the same arithmetic
 * ({@link NumericScaling#cell}, {@link NumericScaling#scaled}), so every fit over it has the same bits as over stored
 * rows (TrainingRowsTest). The store, the training rows and the scaling are shared, never written.
 *
 * @param x         the data set's numeric cells
 * @param train     the split's training rows (in their order: row i of the training rows is data row train[i])
 * @param block     rows per block
 * @param d         encoded numeric columns (columns, then was-missing indicators)
 * @param cols      the numeric store's column of each encoded column
 * @param fill      per column the training median for a missing cell (null: no missing cells allowed)
 * @param indicated positions with a was-missing indicator (may be null)
 */
record TrainingBlocks(NumericRows x, int[] train, int block, int d, int[] cols, double[] fill, int[] indicated,
                      double[] mean, double[] scale) implements TrainingRows.Dense {

    @Override
    public double[] block(int b, double[] buffer) {
        int from = b * block, to = Math.min(train.length, from + block);
        if (d == cols.length) { // no indicators: the cells gathered in place, then standardised where they are
            x.gather(train, from, to, cols, buffer);
            for (int o = 0, n = (to - from) * d; o < n; o += d) {
                for (int j = 0; j < d; j++) {
                    double v = buffer[o + j];
                    buffer[o + j] = NumericScaling.scaled(Double.isNaN(v) && fill != null ? fill[j] : v, mean[j], scale[j]);
                }
            }
        } else {
            for (int i = from, o = 0; i < to; i++) {
                for (int j = 0; j < d; j++, o++) {
                    buffer[o] = NumericScaling.scaled(NumericScaling.cell(x, train[i], j, cols, fill, indicated), mean[j], scale[j]);
                }
            }
        }
        return buffer;
    }
}
