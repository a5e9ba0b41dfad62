package org.crystalbench.grid.journal;

import org.crystalbench.grid.plan.GridPoint;
import org.crystalbench.grid.plan.WorkUnit;

import org.crystalbench.splits.Protocol;
import org.crystalbench.splits.SplitId;
import java.util.List;
import java.util.Map;

/**
 * One line of {@code journal.jsonl}: the outcome of one work unit.
 *
 * @param config     first 16 hex digits of the grid config's hash: binds the line to its grid
 * @param data       first 16 hex digits of the data file's SHA-256
 * @param paramHash  the grid point's {@link GridPoint#hash()}
 * @param protocol   {@code cv}, {@code outer} or {@code inner} (see {@link SplitId})
 * @param metrics    per metric column, the test score (absent unless OK)
 * @param fitMs      wall-clock time of fit and predict, milliseconds (to the timeout for TIMEOUT)
 * @param error      why a unit failed (absent when OK)
 * @param confusion  the test part's confusion counts, [true class][predicted class] in the data set's class order
 *                   (absent when not OK, and in journals written before it was recorded): the per-class and confusion
 *                   tables of a suite's data sets are made from it
 */
public record JournalEntry(String config, String data, String featureSet, String model, String paramHash, Protocol protocol,
                           Integer outerRepeat, Integer outerFold, int repeat, int fold, Status status,
                           Map<String, Double> metrics, int trainSize, int testSize, double fitMs, String error,
                           List<String> warnings, List<List<Integer>> confusion) {
    public enum Status { OK, FAILED, TIMEOUT }

    /** The grid a line belongs to: {@link GridMeta#binding()}. */
    public record Binding(String config, String data) {}

    /**
     * Why this line cannot be one of {@code grid}'s results, or null: another grid's line, or one
     * that lacks what its status implies (an OK line without every metric, a failure without its reason).
     */
    public String problem(Binding grid) {
        if (config == null || data == null) return "no config/data hash: not a line of a grid journal";
        if (!config.equals(grid.config()) || !data.equals(grid.data())) {
            return "belongs to another grid (config " + config + ", data " + data + "; this folder's grid: config "
                    + grid.config() + ", data " + grid.data() + ")";
        }
        if (status == null || featureSet == null || model == null || paramHash == null || protocol == null) {
            return "missing one of status, feature_set, model, param_hash, protocol";
        }
        if (repeat < 0 || fold < 0 || (protocol == Protocol.INNER) != (outerRepeat != null && outerFold != null)) {
            return "split fields do not fit protocol " + protocol;
        }
        if (ok()) {
            if (trainSize <= 0 || testSize <= 0) return "an OK line without train_size and test_size";
            for (var m : org.crystalbench.metrics.Metric.LABEL) {
                Double v = metrics == null ? null : metrics.get(m.column());
                if (v == null || !Double.isFinite(v)) return "an OK line without a finite metrics." + m.column();
            }
        } else if (error == null) {
            return "a " + status + " line without its error";
        }
        return null;
    }

    public SplitId split() {
        return new SplitId(protocol, outerRepeat, outerFold, repeat, fold);
    }

    public String key() {
        return WorkUnit.key(featureSet, model, paramHash, split());
    }

    public boolean ok() {
        return status == Status.OK;
    }

    /** The recorded confusion counts, or null when the line has none. */
    public int[][] confusionMatrix() {
        if (confusion == null) return null;
        int[][] cm = new int[confusion.size()][];
        for (int i = 0; i < cm.length; i++) cm[i] = confusion.get(i).stream().mapToInt(Integer::intValue).toArray();
        return cm;
    }

    public double metric(String column) {
        Double v = metrics == null ? null : metrics.get(column);
        return v == null ? Double.NaN : v;
    }
}
