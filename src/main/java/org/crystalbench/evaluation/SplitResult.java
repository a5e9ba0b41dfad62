package org.crystalbench.evaluation;

import java.util.List;
import org.crystalbench.metrics.Scores;
import org.crystalbench.splits.Protocol;
import org.crystalbench.splits.SplitId;

/**
 * One model on one feature set and split, scored on its test rows. Times are wall-clock milliseconds.
 *
 * @param testRows      the test rows (indices into the data set), in the order of {@code predicted}
 * @param predicted     the model's class per test row
 * @param probabilities the model's class probabilities, row-major: test row i's probability of class c at
 *                      {@code i * classes + c} (one flat array, not an array per row: at a million rows the
 *                      per-row array headers and references were 20 of every 44 bytes held for the report)
 * @param warnings      what the fit flagged, with class names (e.g. a degenerate binary SVM)
 */
public record SplitResult(String featureSet, SplitId split, String model, Scores scores, int trainSize, int testSize,
                          double fitMs, double predictMs, int[] testRows, int[] predicted, double[] probabilities,
                          List<String> warnings) {
    public SplitResult {
        warnings = List.copyOf(warnings);
    }

    public Protocol protocol() {
        return split.protocol();
    }

    public int repeat() {
        return split.repeat();
    }

    public int fold() {
        return split.fold();
    }
}
