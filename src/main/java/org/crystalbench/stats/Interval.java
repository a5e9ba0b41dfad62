package org.crystalbench.stats;

/** A two-sided interval [low, high]. */
public record Interval(double low, double high) {
    public boolean contains(double v) {
        return v >= low && v <= high;
    }
}
