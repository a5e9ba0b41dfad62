package org.crystalbench.stats;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.metrics.Metric;
import org.crystalbench.run.SplitResult;

/**
 * Per (feature set, protocol, model): the number of splits and each metric's mean and sample SD.
 *
 * @param values per metric, the per-split values in split order (kept for intervals and tests)
 */
public record Summary(String featureSet, String protocol, String model, int n, Map<Metric, double[]> values,
                      double meanTrainSize, double meanTestSize, double meanFitMs, double meanPredictMs) {

    public double mean(Metric m) {
        return Describe.mean(values.get(m));
    }

    public double sd(Metric m) {
        return Describe.sd(values.get(m));
    }

    /** Groups split results (already in table order) into summaries, keeping that order. */
    public static List<Summary> of(List<SplitResult> results) {
        Map<List<String>, List<SplitResult>> groups = new LinkedHashMap<>();
        for (SplitResult r : results) {
            groups.computeIfAbsent(List.of(r.featureSet(), r.protocol(), r.model()), k -> new ArrayList<>()).add(r);
        }
        List<Summary> out = new ArrayList<>();
        for (var g : groups.entrySet()) {
            List<SplitResult> rs = g.getValue();
            Map<Metric, double[]> values = new EnumMap<>(Metric.class);
            for (Metric m : Metric.ALL) values.put(m, rs.stream().mapToDouble(r -> m.of(r.scores())).toArray());
            out.add(new Summary(g.getKey().get(0), g.getKey().get(1), g.getKey().get(2), rs.size(), values,
                    rs.stream().mapToDouble(SplitResult::trainSize).average().orElse(0),
                    rs.stream().mapToDouble(SplitResult::testSize).average().orElse(0),
                    rs.stream().mapToDouble(SplitResult::fitMs).average().orElse(0),
                    rs.stream().mapToDouble(SplitResult::predictMs).average().orElse(0)));
        }
        return out;
    }
}
