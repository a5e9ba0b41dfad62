package org.crystalbench.grid;

import org.crystalbench.splits.Protocol;
import org.crystalbench.splits.SplitId;
import java.util.Map;

/**
 * One line of {@code journal.jsonl}: the outcome of one work unit.
 *
 * @param data       first 16 hex digits of the data file's SHA-256
 * @param paramHash  the grid point's {@link GridPoint#hash()}
 * @param protocol   {@code cv}, {@code outer} or {@code inner} (see {@link SplitId})
 * @param metrics    per metric column, the test score (absent unless OK)
 * @param fitMs      wall-clock time of fit and predict, milliseconds (to the timeout for TIMEOUT)
 * @param error      why a unit failed (absent when OK)
 */
public record JournalEntry(String data, String featureSet, String model, String paramHash, Protocol protocol,
                           Integer outerRepeat, Integer outerFold, int repeat, int fold, Status status,
                           Map<String, Double> metrics, int trainSize, int testSize, double fitMs, String error) {
    public enum Status { OK, FAILED, TIMEOUT }

    public SplitId split() {
        return new SplitId(protocol, outerRepeat, outerFold, repeat, fold);
    }

    public String key() {
        return WorkUnit.key(featureSet, model, paramHash, split());
    }

    public boolean ok() {
        return status == Status.OK;
    }

    public double metric(String column) {
        Double v = metrics == null ? null : metrics.get(column);
        return v == null ? Double.NaN : v;
    }
}
