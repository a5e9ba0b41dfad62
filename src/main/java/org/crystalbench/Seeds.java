package org.crystalbench;

/** Derived seeds: one base seed, many independent streams, the same on every JDK and thread. */
public final class Seeds {
    private Seeds() {}

    /** A seed for (base seed, stream, index), SplitMix64 finalizer over a golden-ratio step. */
    public static long mix(long seed, long stream, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (stream * 1_000_003L + index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A stable stream id for a name (String.hashCode is specified, so this is stable too). */
    public static long stream(String name) {
        return name.hashCode() & 0xffffffffL;
    }
}
