package org.crystalbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.config.Reference;
import org.crystalbench.metrics.Metric;
import org.crystalbench.splits.Protocol;
import org.crystalbench.results.Comparison;
import org.crystalbench.results.Estimate;
import org.crystalbench.results.SummaryTable;
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
                StudyMarkdown.rows(ref, ours));
        assertEquals("–", Cells.inside(0.5, new Interval(Double.NaN, Double.NaN)));
    }

    @Test
    void boundaryAndZeroSpreadIntervalsAreMarkedAndFootnoted() {
        assertEquals("0.994 [0.987, 1.000]†", Cells.meanCi(new Estimate(0.994, 0.01, new Interval(0.987, 1.0)), Metric.MACRO_F1));
        assertEquals("1.000 [1.000, 1.000]°", Cells.meanCi(new Estimate(1, 0, new Interval(1, 1)), Metric.MACRO_F1));
        assertEquals("0.020 [0.000, 0.050]†", Cells.meanCi(new Estimate(0.02, 0.03, new Interval(0, 0.05)), Metric.ECE));
        assertEquals("0.500 [0.400, 0.600]", Cells.meanCi(new Estimate(0.5, 0.1, new Interval(0.4, 0.6)), Metric.MACRO_F1));
        assertEquals("1.500 [1.000, 2.000]†", Cells.meanCi(new Estimate(1.5, 0.5, new Interval(1, 2)), Metric.BRIER));
        assertEquals("1.500 [1.000, 2.000]", Cells.meanCi(new Estimate(1.5, 0.5, new Interval(1, 2)), Metric.LOG_LOSS), "no upper bound");
        String plain = Cells.table(List.of("a"), List.of(List.of("0.500 [0.400, 0.600]")));
        assertFalse(plain.contains("clipped") || plain.contains("Zero-width"), plain);
        String marked = Cells.table(List.of("a", "b"), List.of(List.of("0.994 [0.987, 1.000]†", "1.000 [1.000, 1.000]°")));
        assertTrue(marked.contains("\n† The interval reaches the end of the metric's range"), marked);
        assertTrue(marked.contains("\n° Zero-width interval: every split scored the same (SD 0)"), marked);
    }

    @Test
    void theOneTableWriterAlignsEscapesAndFootnotes() {
        assertEquals("| rank | point | error |\n|---:|---|---|\n| 1 | SVM-001 | a \\| b c |\n",
                Cells.table(List.of("rank", "point", "error"), "rll", List.of(List.of("1", "SVM-001", "a | b\nc"))));
        assertEquals(Cells.table(List.of("a", "b"), "ll", List.of(List.of("x", ""))), Cells.table(List.of("a", "b"), List.of(List.of("x", ""))));
        assertTrue(Cells.table(List.of("a"), "r", List.of(List.of("1.000 [1.000, 1.000]°"))).contains("\n° Zero-width"));
    }
}
