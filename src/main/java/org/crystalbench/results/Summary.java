package org.crystalbench.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.evaluation.SplitResult;
import org.crystalbench.metrics.Metric;
import org.crystalbench.splits.Protocol;
import org.crystalbench.splits.Seeds;
import org.crystalbench.stats.CiSpec;
import org.crystalbench.stats.Interval;
import org.crystalbench.stats.Resampling;
import org.crystalbench.stats.Sample;

/** A model on a feature set and protocol in a run: its per-split sample and mean times. */
public record Summary(String featureSet, Protocol protocol, String model, Sample sample, double meanFitMs,
                      double meanPredictMs) {

    public int n() {
        return sample.n();
    }

    public double mean(Metric m) {
        return sample.mean(m);
    }

    public double sd(Metric m) {
        return sample.sd(m);
    }

    /** The cell's name for its bootstrap seed. */
    public String cell() {
        return Seeds.cell(featureSet, protocol.label(), model);
    }

    /** The {@code ci} interval of the metric's mean ({@code seed}, the run's, feeds the bootstrap only). */
    public Interval interval(CiSpec ci, Metric m, long seed) {
        return ci.interval(sample, m, cell(), seed);
    }

    /** Groups split results (already in table order) into summaries, keeping that order. */
    public static List<Summary> of(List<SplitResult> results) {
        Map<List<Object>, List<SplitResult>> groups = new LinkedHashMap<>();
        for (SplitResult r : results) {
            groups.computeIfAbsent(List.of(r.featureSet(), r.protocol(), r.model()), k -> new ArrayList<>()).add(r);
        }
        List<Summary> out = new ArrayList<>();
        for (List<SplitResult> rs : groups.values()) {
            SplitResult first = rs.getFirst();
            Sample sample = Sample.of(rs, SplitResult::split, (r, m) -> m.of(r.scores()),
                    Resampling.testTrainRatio(rs, SplitResult::testSize, SplitResult::trainSize));
            out.add(new Summary(first.featureSet(), first.protocol(), first.model(), sample,
                    rs.stream().mapToDouble(SplitResult::fitMs).average().orElse(0),
                    rs.stream().mapToDouble(SplitResult::predictMs).average().orElse(0)));
        }
        return out;
    }
}
