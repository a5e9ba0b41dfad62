package org.crystalbench.grid.fit;

import org.crystalbench.grid.plan.WorkUnit;

import org.crystalbench.metrics.Scores;

/**
 * Fits and scores one work unit. The grid runner calls it on a worker thread, times it, and turns an
 * exception, a NaN metric or a timeout into a FAILED or TIMEOUT journal line. Tests inject
 * evaluators that throw or sleep; users get {@link FitEvaluator}.
 */
@FunctionalInterface
public interface UnitEvaluator {
    Result evaluate(WorkUnit unit) throws Exception;

    /** @param warnings what the fit flagged, with class names (journalled, listed in grid.md) */
    record Result(Scores scores, int trainSize, int testSize, java.util.List<String> warnings) {}
}
