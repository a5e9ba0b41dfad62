package org.crystalbench.data;

import java.util.Arrays;

/**
 * The numeric cells of a data set, row-major in one {@code double[]}: cell (r, j) at {@code r * width + j}. 8 bytes a
 * cell; a {@code double[rows][width]} costs 16 bytes of array header and a 4-byte reference a row more (at a million
 * rows of six columns 48 MB instead of 68). Immutable: the array is never written after building, and
 * {@link #row(int)} hands out copies.
 */
public final class NumericRows {
    private final double[] values;
    private final int width, size;

    private NumericRows(double[] values, int width, int size) {
        this.values = values;
        this.width = width;
        this.size = size;
    }

    /** These rows, each {@code width} cells (copied). */
    public static NumericRows of(int width, double[]... rows) {
        Builder b = new Builder(width);
        for (double[] row : rows) b.add(row);
        return b.build();
    }

    /** Rows of as many cells as the first has (none: width 0); for tests and small data sets. */
    public static NumericRows of(double[][] rows) {
        return of(rows.length == 0 ? 0 : rows[0].length, rows);
    }

    public int size() {
        return size;
    }

    /** Cells a row. */
    public int width() {
        return width;
    }

    /** Cell (r, j). */
    public double get(int r, int j) {
        java.util.Objects.checkIndex(r, size);
        java.util.Objects.checkIndex(j, width);
        return values[r * width + j];
    }

    /** A copy of row {@code r}'s cells. */
    public double[] row(int r) {
        java.util.Objects.checkIndex(r, size);
        return Arrays.copyOfRange(values, r * width, r * width + width);
    }

    /** Row {@code r}'s cells copied into {@code into} (at least {@link #width} long: a caller's buffer, reused row after row). */
    public double[] row(int r, double[] into) {
        java.util.Objects.checkIndex(r, size);
        System.arraycopy(values, r * width, into, 0, width);
        return into;
    }

    /**
     * Cells {@code (rows[i], cols[j])} for i in {@code [from, to)}, row-major into {@code out} at
     * {@code (i - from) * cols.length + j}: a block of a split's rows read in place (no row copies).
     */
    public void gather(int[] rows, int from, int to, int[] cols, double[] out) {
        for (int c : cols) java.util.Objects.checkIndex(c, width);
        int w = cols.length;
        for (int i = from, o = 0; i < to; i++) {
            int base = java.util.Objects.checkIndex(rows[i], size) * width;
            for (int j = 0; j < w; j++) out[o++] = values[base + cols[j]];
        }
    }

    /** Every row as its own array (a copy: for callers that want {@code double[][]}, at its cost). */
    public double[][] toArrays() {
        double[][] out = new double[size][];
        for (int r = 0; r < size; r++) out[r] = row(r);
        return out;
    }

    /** The rows {@code rows}, in their order (copied). */
    public NumericRows select(int[] rows) {
        Builder b = new Builder(width);
        for (int r : rows) b.add(values, r * width);
        return b.build();
    }

    /** Bytes this store holds on the heap, headers aside (its array's payload). */
    public long payloadBytes() {
        return 8L * values.length;
    }

    /**
     * Appends rows of {@code width} cells into chunks of about {@link #CHUNK_CELLS} cells, copied once into one array by
     * {@link #build}: while loading at most the cells twice, where a doubling buffer and its trimmed copy could take
     * three times. A chunk stays below half of G1's smallest region (1 MB), so no chunk is a humongous object.
     */
    public static final class Builder {
        static final int CHUNK_CELLS = 1 << 15;
        private final int width, chunkRows;
        private final java.util.List<double[]> chunks = new java.util.ArrayList<>();
        private int size;

        public Builder(int width) {
            if (width < 0) throw new IllegalArgumentException("width " + width);
            this.width = width;
            this.chunkRows = chunkRows(width);
        }

        /** Rows a chunk holds at this width (one row at least). */
        static int chunkRows(int width) {
            return Math.max(1, CHUNK_CELLS / Math.max(1, width));
        }

        /** One row; it must have exactly {@code width} cells. */
        public void add(double[] row) {
            if (row.length != width) throw new IllegalArgumentException("a row of " + row.length + " cells, not " + width);
            add(row, 0);
        }

        private void add(double[] src, int from) {
            if ((long) (size + 1) * width > Integer.MAX_VALUE - 16) throw new IllegalStateException("numeric cells exceed 2^31");
            if (size % chunkRows == 0) chunks.add(new double[chunkRows * width]);
            System.arraycopy(src, from, chunks.getLast(), (size % chunkRows) * width, width);
            size++;
        }

        public int size() {
            return size;
        }

        public NumericRows build() {
            double[] values = new double[size * width];
            for (int c = 0; c < chunks.size(); c++) {
                int rows = Math.min(chunkRows, size - c * chunkRows);
                System.arraycopy(chunks.get(c), 0, values, c * chunkRows * width, rows * width);
            }
            return new NumericRows(values, width, size);
        }
    }
}
