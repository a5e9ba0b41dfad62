package org.crystalbench.splits;

/**
 * Which split: its protocol, repeat and fold, and for an {@code inner} split the outer split it
 * belongs to. The identity every seed, journal key and table row is derived from; it depends on the
 * config only, so a merge can check completeness without the data.
 */
public record SplitId(Protocol protocol, Integer outerRepeat, Integer outerFold, int repeat, int fold) {
    public SplitId {
        if (protocol == null) throw new IllegalArgumentException("protocol missing");
        if ((protocol == Protocol.INNER) != (outerRepeat != null && outerFold != null)) {
            throw new IllegalArgumentException("an inner split, and only an inner split, names its outer split");
        }
    }

    public static SplitId of(Protocol protocol, int repeat, int fold) {
        return new SplitId(protocol, null, null, repeat, fold);
    }

    public static SplitId inner(SplitId outer, int repeat, int fold) {
        return new SplitId(Protocol.INNER, outer.repeat, outer.fold, repeat, fold);
    }

    /** The outer split an inner split belongs to. */
    public SplitId outerId() {
        return of(Protocol.OUTER, outerRepeat, outerFold);
    }

    /** "holdout r3", "cv r0 f1", "outer r0 f1", "inner r0 f1 / r1 f2" (outer / inner). */
    public String label() {
        return switch (protocol) {
            case HOLDOUT, GROUPED_HOLDOUT -> protocol + " r" + repeat;
            case ORDERED -> "ordered";
            case INNER -> "inner r%d f%d / r%d f%d".formatted(outerRepeat, outerFold, repeat, fold);
            default -> "%s r%d f%d".formatted(protocol, repeat, fold);
        };
    }

    /** repeat and fold in one number, unique within a protocol (and an outer split). */
    long index() {
        return repeat * 1000L + fold;
    }
}
