package org.crystalbench.models;

/**
 * Encoded training rows in a compact form (issue 30): per row, the first {@code d} columns as doubles, then one column
 * index per one-hot group (the column whose value is 1.0, or -1 when the row has none of the group), the groups in
 * ascending column order and every index at least {@code d}; every other column is 0. Logistic regression reads it
 * without testing 35 zeros per row, reading 6 doubles and 3 ints instead of a 41-double row object; naive Bayes reads
 * it where it is ({@link NaiveBayesMoments}). Models that need {@code double[][]} get {@link #rows()}, built once and kept.
 *
 * <p>Rows come {@link #block} at a time, row-major within a block ({@code dense.block(b, ..)[i * d + j]},
 * {@code levels[b][i * m + l]} for row {@code b * block + i}): blocks of at most 128 KB, so no array is one of G1's
 * humongous objects (over half a region: 512 KB at a 300 MB heap), which need contiguous free regions. The dense
 * values are either stored or computed a block at a time when read ({@link Dense}): the encoder computes them from
 * the data set's shared numeric store through the split's training rows, so a lane holds no copy of its training
 * rows (issue 30, memory: 38 MB a lane at a million rows of six columns). Fits read blocks through a {@link #reader}.
 *
 * @param size   rows
 * @param width  encoded columns
 * @param d      dense columns (the first {@code d})
 * @param m      one-hot groups per row
 * @param block  rows per block
 * @param dense  per block, its rows' d values
 * @param levels per block, its rows' m column indexes (each in {@code [d, width)}, ascending within a row) or -1
 */
public record TrainingRows(int size, int width, int d, int m, int block, Dense dense, int[][] levels,
                           Materialised cache) {
    /** The dense values of each block: stored, or computed when a block is read. */
    @FunctionalInterface
    public interface Dense {
        /**
         * Block {@code b}'s rows' d values, row-major: an array held for the rows, or {@code buffer} (at least
         * {@code block * d} long) filled with them. Every call gives the same values.
         */
        double[] block(int b, double[] buffer);

        /** True when {@link #block} returns arrays it holds (it needs no buffer). */
        default boolean stored() {
            return false;
        }

        /** Stored blocks. */
        static Dense stored(double[][] blocks) {
            return new Stored(blocks);
        }

        /** The blocks of {@code computed} for {@code size} rows, each written into an array of its own and kept. */
        static Dense stored(Dense computed, int size, int block, int d) {
            double[][] blocks = new double[blocks(size, block)][];
            double[] buffer = new double[Math.min(size, block) * d];
            for (int b = 0; b < blocks.length; b++) {
                int rows = Math.min(size, (b + 1) * block) - b * block;
                blocks[b] = java.util.Arrays.copyOf(computed.block(b, buffer), rows * d);
            }
            return stored(blocks);
        }
    }

    /** Blocks held as arrays. */
    private record Stored(double[][] blocks) implements Dense {
        @Override
        public double[] block(int b, double[] buffer) {
            return blocks[b];
        }

        @Override
        public boolean stored() {
            return true;
        }
    }

    /** Reads the blocks of one pass over the rows: a computed block is filled once into one buffer when first reached. */
    public static final class Reader {
        private final Dense dense;
        private final double[][] stored; // stored blocks read directly (through the interface the paper's NB fit took 20% longer)
        private final double[] buffer;
        private double[] current;
        private int at = -1;

        private Reader(TrainingRows t) {
            dense = t.dense;
            stored = dense instanceof Stored s ? s.blocks() : null;
            // no buffer for stored blocks: a pass of naive Bayes over 3,000 rows costs less than zeroing one
            buffer = stored != null ? null : new double[Math.min(t.size, t.block) * t.d];
        }

        /** Block b's dense values (valid until another block is read through this reader). */
        public double[] dense(int b) {
            if (stored != null) return stored[b];
            if (b != at) {
                current = dense.block(b, buffer);
                at = b;
            }
            return current;
        }
    }

    /** A reader for one pass (one per thread: it owns a buffer). */
    public Reader reader() {
        return new Reader(this);
    }

    public TrainingRows {
        int blocks = blocks(size, block);
        if (d > width || levels.length != blocks) {
            throw new IllegalArgumentException("training rows: sizes do not match");
        }
    }

    /** Rows per block for rows of d dense values and m levels: blocks of at most 16,384 values (128 KB). */
    public static int blockRows(int d, int m) {
        return Math.max(1, 16384 / Math.max(1, Math.max(d, m)));
    }

    /** Rows with every column dense (no one-hot groups), copied from {@code x}; {@code x} is kept as {@link #rows()}. */
    public static TrainingRows of(double[][] x) {
        int n = x.length, p = n == 0 ? 0 : x[0].length, block = blockRows(p, 0), blocks = blocks(n, block);
        double[][] db = new double[blocks][];
        for (int b = 0; b < blocks; b++) {
            int from = b * block, to = Math.min(n, from + block);
            db[b] = new double[(to - from) * p];
            for (int r = from; r < to; r++) System.arraycopy(x[r], 0, db[b], (r - from) * p, p);
        }
        int[][] lb = new int[blocks][];
        java.util.Arrays.fill(lb, new int[0]);
        return new TrainingRows(n, p, p, 0, block, Dense.stored(db), lb, new Materialised(x));
    }

    /** Rows from row-major arrays ({@code dense[r * d + j]}, {@code levels[r * m + l]}), cut into blocks (for tests). */
    public static TrainingRows of(int size, int width, int d, double[] dense, int m, int[] levels) {
        int block = blockRows(d, m), blocks = blocks(size, block);
        double[][] db = new double[blocks][];
        int[][] lb = new int[blocks][];
        for (int b = 0; b < blocks; b++) {
            int from = b * block, to = Math.min(size, from + block);
            db[b] = java.util.Arrays.copyOfRange(dense, from * d, to * d);
            lb[b] = java.util.Arrays.copyOfRange(levels, from * m, to * m);
        }
        return new TrainingRows(size, width, d, m, block, Dense.stored(db), lb, new Materialised(null));
    }

    /** How many blocks of {@code block} rows hold {@code size} rows. */
    public static int blocks(int size, int block) {
        return size == 0 ? 0 : (size - 1) / block + 1;
    }

    /** Writes row {@code r}'s {@code width} values into {@code out}: exactly the values of {@code rows()[r]}. */
    public void copyRow(int r, double[] out) {
        copyRow(r, out, reader());
    }

    private void copyRow(int r, double[] out, Reader reader) {
        int b = r / block, i = r - b * block;
        System.arraycopy(reader.dense(b), i * d, out, 0, d);
        java.util.Arrays.fill(out, d, width, 0.0);
        int[] lv = levels[b];
        for (int l = 0, at = i * m; l < m; l++) {
            int c = lv[at + l];
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

        public Materialised(double[][] rows) {
            this.rows = rows;
        }

        synchronized double[][] get(TrainingRows t) {
            if (rows == null) {
                rows = new double[t.size()][];
                Reader reader = t.reader();
                for (int r = 0; r < t.size(); r++) {
                    rows[r] = new double[t.width()];
                    t.copyRow(r, rows[r], reader);
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
