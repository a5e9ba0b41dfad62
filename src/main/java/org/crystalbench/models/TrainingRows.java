package org.crystalbench.models;

/**
 * Encoded training rows in a compact form (issue 30): per row, the first {@code d} columns as doubles in one
 * row-major array ({@code dense[r * d + j]}), then one column index per one-hot group ({@code levels[r * m + l]},
 * the column whose value is 1.0, or -1 when the row has none of the group), the groups in ascending column order
 * and every index at least {@code d}; every other column is 0. Logistic regression reads it without testing 35
 * zeros per row and reads 6 doubles and 3 ints instead of a 41-double row object; naive Bayes reads it a row at a
 * time ({@link #copyRow}). Models that need {@code double[][]} get {@link #rows()}, built once and kept.
 *
 * @param size    rows
 * @param width   encoded columns
 * @param d       dense columns (the first {@code d})
 * @param dense   size x d values, row-major
 * @param m       one-hot groups per row
 * @param levels  size x m column indexes (each in {@code [d, width)}, ascending within a row) or -1
 */
public record TrainingRows(int size, int width, int d, double[] dense, int m, int[] levels, Materialised cache) {
    public TrainingRows {
        if ((long) size * d != dense.length || (long) size * m != levels.length || d > width) {
            throw new IllegalArgumentException("training rows: sizes do not match");
        }
    }

    /** Rows with every column dense (no one-hot groups), copied from {@code x}; {@code x} is kept as {@link #rows()}. */
    public static TrainingRows of(double[][] x) {
        int n = x.length, p = n == 0 ? 0 : x[0].length;
        double[] dense = new double[n * p];
        for (int r = 0; r < n; r++) System.arraycopy(x[r], 0, dense, r * p, p);
        return new TrainingRows(n, p, p, dense, 0, new int[0], new Materialised(x));
    }

    /** Rows from their compact parts (see the record's description); {@link #rows()} is built when first asked. */
    public static TrainingRows of(int size, int width, int d, double[] dense, int m, int[] levels) {
        return new TrainingRows(size, width, d, dense, m, levels, new Materialised(null));
    }

    /** Writes row {@code r}'s {@code width} values into {@code out}: exactly the values of {@code rows()[r]}. */
    public void copyRow(int r, double[] out) {
        System.arraycopy(dense, r * d, out, 0, d);
        java.util.Arrays.fill(out, d, width, 0.0);
        for (int l = 0, at = r * m; l < m; l++) {
            int c = levels[at + l];
            if (c >= 0) out[c] = 1.0;
        }
    }

    /** Every row as its own array (for the models that read {@code double[][]}): built on the first call, then kept. */
    public double[][] rows() {
        return cache.get(this);
    }

    /** The {@code double[][]} form, built at most once per rows (a lane fits several models from one split's rows). */
    public static final class Materialised {
        private double[][] rows;

        Materialised(double[][] rows) {
            this.rows = rows;
        }

        synchronized double[][] get(TrainingRows t) {
            if (rows == null) {
                rows = new double[t.size()][];
                for (int r = 0; r < t.size(); r++) {
                    rows[r] = new double[t.width()];
                    t.copyRow(r, rows[r]);
                }
            }
            return rows;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Materialised; // a cache: never part of the rows' value
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
