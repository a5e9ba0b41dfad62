package org.crystalbench.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Config section {@code protocols}: which resampling schemes to run. A missing entry is not run;
 * an empty entry ({@code holdout: {}}) runs with the defaults.
 *
 * @param holdout        repeated stratified train/test split
 * @param cv             repeated stratified k-fold cross-validation
 * @param groups         how rows form groups (a column, optionally reduced to its composition): the grouped
 *                       protocols keep every group on one side, and the audit counts test rows whose group is in
 *                       training under every protocol (docs/splits.md)
 * @param groupedHoldout repeated holdout with every group on one side, stratified by class as far as groups allow
 * @param groupedCv      repeated k-fold with every group in one fold (like scikit-learn's StratifiedGroupKFold)
 * @param ordered        one holdout by a column's order: train on the earliest rows, test on the latest
 */
public record ProtocolSpec(Holdout holdout, Cv cv, Groups groups, Holdout groupedHoldout, Cv groupedCv, Ordered ordered) {

    public ProtocolSpec {
        if ((groupedHoldout != null || groupedCv != null) && groups == null) {
            throw new IllegalArgumentException("grouped_holdout and grouped_cv need 'groups: {column: ...}' (which rows belong together)");
        }
    }

    /** The random protocols only. */
    public ProtocolSpec(Holdout holdout, Cv cv) {
        this(holdout, cv, null, null, null, null);
    }

    /** The k-fold a grid evaluates every point on: {@code cv}, else {@code grouped_cv} (null when neither). */
    public Cv gridCv() {
        return cv != null ? cv : groupedCv;
    }

    /** The protocol of {@link #gridCv()}: a grid on {@code grouped_cv} also groups its nested outer and inner folds. */
    public org.crystalbench.splits.Protocol gridProtocol() {
        return cv != null ? org.crystalbench.splits.Protocol.CV : org.crystalbench.splits.Protocol.GROUPED_CV;
    }

    /** Whether no protocol at all is configured. */
    public boolean none() {
        return holdout == null && cv == null && groupedHoldout == null && groupedCv == null && ordered == null;
    }

    /** @param repeats default 30; @param testRatio share of each class in the test part, default 0.2 */
    public record Holdout(Integer repeats, Double testRatio) {
        public Holdout {
            repeats = repeats == null ? 30 : repeats;
            testRatio = testRatio == null ? 0.2 : testRatio;
            if (repeats < 1) throw new IllegalArgumentException("holdout.repeats must be >= 1");
            if (!(testRatio > 0 && testRatio < 1)) throw new IllegalArgumentException("holdout.test_ratio must be in (0, 1)");
        }
    }

    /** @param repeats default 10; @param folds default 5 */
    public record Cv(Integer repeats, Integer folds) {
        public Cv {
            repeats = repeats == null ? 10 : repeats;
            folds = folds == null ? 5 : folds;
            if (repeats < 1) throw new IllegalArgumentException("cv.repeats must be >= 1");
            if (folds < 2) throw new IllegalArgumentException("cv.folds must be >= 2");
        }
    }

    /** What makes two rows one group: equal cells of a column, or equal reduced compositions of a formula column. */
    public enum GroupKey {
        /** The cell's text (trimmed). */
        @JsonProperty("exact") EXACT,
        /** The formula's reduced composition: Li2FeSiO4 and Li4Fe2Si2O8 are one group. */
        @JsonProperty("composition") COMPOSITION
    }

    /** @param column the CSV column; @param key exact (default) or composition */
    public record Groups(String column, GroupKey key) {
        public Groups {
            if (column == null || column.isBlank()) throw new IllegalArgumentException("groups.column: missing (the column whose equal values form a group)");
            key = key == null ? GroupKey.EXACT : key;
        }
    }

    /** @param column the CSV column to order by (numbers if every cell is one, else text, e.g. ISO dates); @param testRatio default 0.2 */
    public record Ordered(String column, Double testRatio) {
        public Ordered {
            if (column == null || column.isBlank()) throw new IllegalArgumentException("ordered.column: missing (the column that orders the rows)");
            testRatio = testRatio == null ? 0.2 : testRatio;
            if (!(testRatio > 0 && testRatio < 1)) throw new IllegalArgumentException("ordered.test_ratio must be in (0, 1)");
        }
    }
}
