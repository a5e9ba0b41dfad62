package org.crystalbench.splits;

/**
 * One train/test partition of the rows.
 *
 * @param train training row indexes, ascending
 * @param test  test row indexes, ascending
 */
public record Split(SplitId id, int[] train, int[] test) {
    public Protocol protocol() {
        return id.protocol();
    }

    /** 0-based repeat. */
    public int repeat() {
        return id.repeat();
    }

    /** 0-based fold (always 0 for holdout). */
    public int fold() {
        return id.fold();
    }

    /** First 16 hex digits of SHA-256 over the sorted test indexes: the split's fingerprint. */
    public String testHash() {
        var buf = java.nio.ByteBuffer.allocate(4 * test.length);
        for (int i : test) buf.putInt(i);
        return org.crystalbench.io.Hashing.sha256(buf.array()).substring(0, 16);
    }

    public String label() {
        return id.label();
    }
}
