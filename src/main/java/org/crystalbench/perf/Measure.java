package org.crystalbench.perf;

/** Which per-round score the perf gate's verdicts use; both are always measured and shown. */
public enum Measure {
    CPU, WALL
}
