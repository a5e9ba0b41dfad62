package org.crystalbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.config.Reference;
import org.crystalbench.metrics.Metric;
import org.crystalbench.splits.Protocol;
import org.crystalbench.stats.Interval;
import org.crystalbench.stats.Resampling;
import org.junit.jupiter.api.Test;

class CellsTest {
    static Comparison versus(String model, double diff, double pHolm, boolean worse) {
        return new Comparison("fs", Protocol.CV, model, "LR", Metric.MACRO_F1, new Resampling.PairedTest(diff, new Interval(-1, 1), 0, pHolm),
                pHolm, worse);
    }

    @Test
    void verdictWords() {
        List<Comparison> family = List.of(versus("NB", -0.1, 0.0004, true), versus("SVM", -0.01, 0.6, false));
        assertEquals("**best**", Cells.versusBest("LR", family));
        assertEquals("significantly worse (Δ -0.100, Holm p < 0.001)", Cells.versusBest("NB", family));
        assertEquals("not significantly worse (Δ -0.010, Holm p = 0.600)", Cells.versusBest("SVM", family));
        assertEquals("–", Cells.versusBest("DNN", family), "not compared");
        assertEquals("**best**", Cells.versusBest("LR", List.of()), "alone in its table");
    }

    @Test
    void theStudysF1IsPlacedInBothOfOurIntervals() {
        Map<Metric, Estimate> stats = new EnumMap<>(Metric.class);
        Metric.ALL.forEach(m -> stats.put(m, new Estimate(0.5, 0.1, new Interval(0.4, 0.6))));
        stats.put(Metric.PAPER_F1, new Estimate(0.7, 0.1, new Interval(0.65, 0.75)));
        var ours = List.of(new SummaryTable.Row("fs", Protocol.HOLDOUT, "LR", 30, stats, 1, 1));
        var ref = new Reference("study", "fs", Protocol.HOLDOUT, Map.of("LR", new Reference.Scores(0.9, 0.3, 0.45)));
        assertEquals(List.of(List.of("LR", "0.900", "0.300", "0.450", "0.500 [0.400, 0.600]", "yes", "0.700 [0.650, 0.750]", "no")),
                Study.rows(ref, ours));
        assertEquals("–", Cells.inside(0.5, new Interval(Double.NaN, Double.NaN)));
    }
}
