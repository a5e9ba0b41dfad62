package org.crystalbench.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Each row's id (its id columns joined by '|', "" without id columns), stored compactly: one UTF-8 byte buffer
 * and one offset a row, about 14 bytes a row for ids such as "mp-123456" instead of a {@code String} each (about
 * 58 bytes: object, byte array and reference). Without id columns no buffer at all: every id is "". An id is
 * decoded on demand ({@link #get}); the buffer is never written after building.
 */
public final class RowIds {
    private final byte[] bytes;  // null: every id is ""
    private final int[] offsets; // row r's bytes are [offsets[r], offsets[r + 1])
    private final int size;

    private RowIds(byte[] bytes, int[] offsets, int size) {
        this.bytes = bytes;
        this.offsets = offsets;
        this.size = size;
    }

    /** {@code n} rows without ids (no id columns). */
    public static RowIds none(int n) {
        return new RowIds(null, null, n);
    }

    /** These ids (a null one as ""); all empty makes {@link #none}. */
    public static RowIds of(String... ids) {
        Builder b = new Builder();
        for (String id : ids) b.add(id == null ? "" : id);
        return b.build();
    }

    public int size() {
        return size;
    }

    /** Row {@code r}'s id. */
    public String get(int r) {
        java.util.Objects.checkIndex(r, size);
        if (bytes == null) return "";
        return new String(bytes, offsets[r], offsets[r + 1] - offsets[r], StandardCharsets.UTF_8);
    }

    /** Every id, as strings (for callers that want an array; costs a string a row). */
    public String[] toArray() {
        String[] out = new String[size];
        for (int r = 0; r < size; r++) out[r] = get(r);
        return out;
    }

    /** The ids of {@code rows}, in their order. */
    public RowIds select(int[] rows) {
        if (bytes == null) return none(rows.length);
        Builder b = new Builder();
        for (int r : rows) b.add(bytes, offsets[r], offsets[r + 1] - offsets[r]);
        return b.build();
    }

    /** Bytes this store holds on the heap, headers aside (its arrays' payloads). */
    public long payloadBytes() {
        return bytes == null ? 0 : bytes.length + 4L * offsets.length;
    }

    /** Appends ids row by row; {@link #build} trims the buffers. */
    public static final class Builder {
        private byte[] bytes = new byte[1024];
        private int[] offsets = new int[1025];
        private int size, used;
        private boolean any; // a non-empty id seen

        public void add(String id) {
            byte[] b = id.getBytes(StandardCharsets.UTF_8);
            add(b, 0, b.length);
        }

        void add(byte[] src, int from, int length) {
            if (used + (long) length > Integer.MAX_VALUE - 16) throw new IllegalStateException("row ids exceed 2 GB");
            if (used + length > bytes.length) bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(used + length, 2L * bytes.length)));
            if (size + 2 > offsets.length) offsets = Arrays.copyOf(offsets, offsets.length * 2);
            System.arraycopy(src, from, bytes, used, length);
            used += length;
            any |= length > 0;
            offsets[++size] = used;
        }

        public int size() {
            return size;
        }

        public RowIds build() {
            if (!any) return none(size);
            return new RowIds(Arrays.copyOf(bytes, used), Arrays.copyOf(offsets, size + 1), size);
        }
    }
}
