package org.crystalbench.splits;

/**
 * How a split was made: the config's repeated stratified {@code holdout} or k-fold {@code cv}, their grouped
 * variants, the {@code ordered} holdout, or,
 * in a nested grid, an {@code outer} split or an {@code inner} split of an outer split's training rows.
 * The label is what every table and journal line carries.
 */
public enum Protocol {
    HOLDOUT("holdout"), CV("cv"), OUTER("outer"), INNER("inner"),
    /** Grouped protocols (every group on one side) and the ordered holdout: appended, so earlier ordinals stay. */
    GROUPED_HOLDOUT("grouped-holdout"), GROUPED_CV("grouped-cv"), ORDERED("ordered");

    private final String label;

    Protocol(String label) {
        this.label = label;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
        return label;
    }

    /** The protocol of a label; IllegalArgumentException names the known ones. */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static Protocol of(String label) {
        for (Protocol p : values()) if (p.label.equals(label)) return p;
        throw new IllegalArgumentException("unknown protocol '" + label + "' (holdout, cv, outer, inner, grouped-holdout, grouped-cv, ordered)");
    }

    @Override
    public String toString() {
        return label;
    }
}
