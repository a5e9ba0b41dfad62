package org.crystalbench.grid;

import java.util.ArrayList;
import java.util.List;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.config.GridSpec;

/**
 * Which split a work unit is evaluated on. {@code cv}: a split of the config's {@code protocols.cv};
 * with nested CV also {@code outer} (an outer split: fit on outer-train, score on outer-test) and
 * {@code inner} (an inner split of outer split ({@code outerRepeat}, {@code outerFold})'s training rows).
 * The keys depend on the config only, so a merge can check completeness without the data.
 */
public record SplitKey(String protocol, Integer outerRepeat, Integer outerFold, int repeat, int fold) {
    public static final String CV = "cv", OUTER = "outer", INNER = "inner";

    public static SplitKey cv(int repeat, int fold) {
        return new SplitKey(CV, null, null, repeat, fold);
    }

    public static SplitKey outer(int repeat, int fold) {
        return new SplitKey(OUTER, null, null, repeat, fold);
    }

    public static SplitKey inner(SplitKey outer, int repeat, int fold) {
        return new SplitKey(INNER, outer.repeat, outer.fold, repeat, fold);
    }

    /** The outer split an inner split belongs to. */
    public SplitKey outerKey() {
        return outer(outerRepeat, outerFold);
    }

    /** "cv r0 f1", "outer r0 f1", "inner r0 f1 / r1 f2" (outer / inner). */
    public String label() {
        return protocol.equals(INNER) ? "inner r%d f%d / r%d f%d".formatted(outerRepeat, outerFold, repeat, fold)
                : "%s r%d f%d".formatted(protocol, repeat, fold);
    }

    /** A number unique per split of a grid, for seeds. */
    long index() {
        long outer = outerRepeat == null ? 0 : 1 + outerRepeat * 1000L + outerFold;
        return (outer * 1_000_000L + repeat * 1000L + fold) * 4 + switch (protocol) {
            case CV -> 0;
            case OUTER -> 1;
            default -> 2;
        };
    }

    /** Every split of a grid, in table order: cv, then per outer split the outer and its inner splits. */
    public static List<SplitKey> all(ExperimentConfig config) {
        List<SplitKey> out = new ArrayList<>();
        var cv = config.protocols().cv();
        for (int r = 0; r < cv.repeats(); r++) for (int f = 0; f < cv.folds(); f++) out.add(cv(r, f));
        GridSpec.Nested nested = config.grid().nested();
        if (nested != null) {
            for (int r = 0; r < nested.outer().repeats(); r++) {
                for (int f = 0; f < nested.outer().folds(); f++) {
                    SplitKey o = outer(r, f);
                    out.add(o);
                    for (int ir = 0; ir < nested.inner().repeats(); ir++) {
                        for (int jf = 0; jf < nested.inner().folds(); jf++) out.add(inner(o, ir, jf));
                    }
                }
            }
        }
        return List.copyOf(out);
    }
}
