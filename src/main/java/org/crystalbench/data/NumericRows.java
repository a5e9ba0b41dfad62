package org.crystalbench.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * The numeric cells of a data set, row-major in chunks of {@code 2^shift} rows: cell (r, j) at
 * {@code chunks[r >>> shift][(r & mask) * width + j]}. 8 bytes a cell; a {@code double[rows][width]} costs 16 bytes of
 * array header and a 4-byte reference a row more (at a million rows of six columns 48 MB instead of 68). The chunks
 * are the builder's own, kept as they are (issue 30, memory): one array of every cell was a second copy of the cells
 * while loading (the loading peak of a million-row run) and one of G1's humongous objects, which need contiguous free
 * regions; a chunk of at most {@link Builder#CHUNK_CELLS} cells (256 KB) is below half of G1's smallest region.
 * Immutable: the chunks are never written after building, and {@link #row(int)} hands out copies.
 */
public final class NumericRows {
    private final double[][] chunks;
    private final int width, size, shift, mask;

    private NumericRows(double[][] chunks, int width, int size, int shift) {
        this.chunks = chunks;
        this.width = width;
        this.size = size;
        this.shift = shift;
        this.mask = (1 << shift) - 1;
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
        Objects.checkIndex(r, size);
        Objects.checkIndex(j, width);
        return chunks[r >>> shift][(r & mask) * width + j];
    }

    /** A copy of row {@code r}'s cells. */
    public double[] row(int r) {
        return row(r, new double[width]);
    }

    /** Row {@code r}'s cells copied into {@code into} (at least {@link #width} long: a caller's buffer, reused row after row). */
    public double[] row(int r, double[] into) {
        Objects.checkIndex(r, size);
        System.arraycopy(chunks[r >>> shift], (r & mask) * width, into, 0, width);
        return into;
    }

    /**
     * Cells {@code (rows[i], cols[j])} for i in {@code [from, to)}, row-major into {@code out} at
     * {@code (i - from) * cols.length + j}: a block of a split's rows read in place (no row copies).
     */
    public void gather(int[] rows, int from, int to, int[] cols, double[] out) {
        for (int c : cols) Objects.checkIndex(c, width);
        int w = cols.length, c0 = w == 0 ? 0 : cols[0];
        boolean adjacent = true; // the usual case: the columns side by side in the store, read as one run a row
        for (int j = 1; j < w; j++) adjacent &= cols[j] == c0 + j;
        for (int i = from, o = 0; i < to; i++, o += w) {
            int r = Objects.checkIndex(rows[i], size), base = (r & mask) * width;
            double[] chunk = chunks[r >>> shift];
            if (adjacent) {
                for (int j = 0, at = base + c0; j < w; j++) out[o + j] = chunk[at + j];
            } else {
                for (int j = 0; j < w; j++) out[o + j] = chunk[base + cols[j]];
            }
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
        for (int r : rows) {
            Objects.checkIndex(r, size);
            b.add(chunks[r >>> shift], (r & mask) * width);
        }
        return b.build();
    }

    /** Bytes this store holds on the heap, headers aside (its chunks' payload). */
    public long payloadBytes() {
        long cells = 0;
        for (double[] c : chunks) cells += c.length;
        return 8 * cells;
    }

    /**
     * Appends rows of {@code width} cells into chunks of a power of two rows, at most {@link #CHUNK_CELLS} cells each
     * (one row at least); {@link #build} trims the last chunk and keeps the rest as they are, so loading holds the
     * cells once.
     */
    public static final class Builder {
        static final int CHUNK_CELLS = 1 << 15;
        private final int width, shift;
        private final java.util.List<double[]> chunks = new java.util.ArrayList<>();
        private int size;

        public Builder(int width) {
            if (width < 0) throw new IllegalArgumentException("width " + width);
            this.width = width;
            this.shift = Integer.numberOfTrailingZeros(chunkRows(width));
        }

        /** Rows a chunk holds at this width: the largest power of two whose rows fit in {@link #CHUNK_CELLS} cells (1 at least). */
        static int chunkRows(int width) {
            return Integer.highestOneBit(Math.max(1, CHUNK_CELLS / Math.max(1, width)));
        }

        /** One row; it must have exactly {@code width} cells. */
        public void add(double[] row) {
            if (row.length != width) throw new IllegalArgumentException("a row of " + row.length + " cells, not " + width);
            add(row, 0);
        }

        private void add(double[] src, int from) {
            if (size == Integer.MAX_VALUE) throw new IllegalStateException("rows exceed 2^31 - 1");
            int at = size & ((1 << shift) - 1);
            if (at == 0) chunks.add(new double[width << shift]);
            System.arraycopy(src, from, chunks.getLast(), at * width, width);
            size++;
        }

        public int size() {
            return size;
        }

        public NumericRows build() {
            double[][] out = chunks.toArray(new double[0][]);
            int last = size & ((1 << shift) - 1);
            if (last != 0) out[out.length - 1] = Arrays.copyOf(out[out.length - 1], last * width); // no slack
            return new NumericRows(out, width, size, shift);
        }
    }
}
