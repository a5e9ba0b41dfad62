package org.crystalbench.results;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.evaluation.SplitResult;

/**
 * What fits flagged (a degenerate or unsettled binary SVM, ...), one line per feature set, model and
 * warning with the number of splits it happened on: printed on stderr by {@code run} and listed in
 * summary.md, so a suspect score is never silent.
 */
public final class FitWarnings {
    private FitWarnings() {}

    /** One fit: where it was made and what it flagged (empty: nothing). */
    public record Fit(String featureSet, String model, List<String> warnings) {}

    public static List<String> lines(List<SplitResult> results) {
        return count(results.stream().map(r -> new Fit(r.featureSet(), r.model(), r.warnings())).toList());
    }

    /** A line per feature set, model and warning, with the number of fits it happened on out of the model's fits. */
    public static List<String> count(List<Fit> fits) {
        record Key(String featureSet, String model, String warning) {}
        Map<Key, Integer> count = new LinkedHashMap<>();
        Map<String, Integer> splits = new LinkedHashMap<>();
        for (Fit f : fits) {
            splits.merge(f.featureSet() + "\u0000" + f.model(), 1, Integer::sum);
            for (String w : f.warnings()) count.merge(new Key(f.featureSet(), f.model(), w), 1, Integer::sum);
        }
        return count.entrySet().stream().map(e -> {
            Key k = e.getKey();
            return "model `%s`, feature set `%s`: %s (on %d of %d splits)".formatted(k.model(), k.featureSet(), k.warning(),
                    e.getValue(), splits.get(k.featureSet() + "\u0000" + k.model()));
        }).toList();
    }
}
