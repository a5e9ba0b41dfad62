package org.crystalbench.splits;

/**
 * One train/test partition of the rows.
 *
 * @param protocol {@code holdout} or {@code cv}
 * @param repeat   0-based repeat
 * @param fold     0-based fold (always 0 for holdout)
 * @param train    training row indexes, ascending
 * @param test     test row indexes, ascending
 */
public record Split(String protocol, int repeat, int fold, int[] train, int[] test) {
    /** First 16 hex digits of SHA-256 over the sorted test indexes: the split's fingerprint. */
    public String testHash() {
        var buf = java.nio.ByteBuffer.allocate(4 * test.length);
        for (int i : test) buf.putInt(i);
        return org.crystalbench.io.Hashing.sha256(buf.array()).substring(0, 16);
    }

    /** "holdout r3" or "cv r3 f2", for messages. */
    public String label() {
        return protocol + " r" + repeat + (protocol.equals("cv") ? " f" + fold : "");
    }
}
