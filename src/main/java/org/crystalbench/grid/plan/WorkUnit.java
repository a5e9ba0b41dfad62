package org.crystalbench.grid.plan;

import org.crystalbench.splits.SplitId;
/** The unit of work of a grid: one grid point of one model, on one feature set, on one split. */
public record WorkUnit(String featureSet, GridPoint point, SplitId split) {
    /** The journal key (without the data hash, which grid-meta.json pins for the whole folder). */
    public String key() {
        return key(featureSet, point.model(), point.hash(), split);
    }

    public static String key(String featureSet, String model, String paramHash, SplitId s) {
        return String.join("|", featureSet, model, paramHash, s.protocol().label(),
                s.outerRepeat() == null ? "" : s.outerRepeat() + "." + s.outerFold(), s.repeat() + "." + s.fold());
    }
}
