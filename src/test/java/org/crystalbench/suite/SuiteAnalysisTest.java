package org.crystalbench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.crystalbench.metrics.Metric;
import org.crystalbench.results.SuiteTables;
import org.crystalbench.splits.Protocol;
import org.crystalbench.splits.SplitId;
import org.crystalbench.stats.Sample;
import org.junit.jupiter.api.Test;

class SuiteAnalysisTest {

    /** Ten splits around {@code mean} (± 0.01 alternating, so a 0.1 gap is clearly significant and a 0 gap is not). */
    private static Sample sample(double mean) {
        return sample(mean, 1);
    }

    /** {@code phase} -1 swaps the alternation: paired differences then swing by ± 0.02 around the mean gap. */
    private static Sample sample(double mean, int phase) {
        List<Integer> rows = IntStream.range(0, 10).boxed().toList();
        return Sample.of(rows, i -> new SplitId(Protocol.CV, null, null, i / 5, i % 5), (i, m) -> mean + phase * (i % 2 == 0 ? 0.01 : -0.01), 0.25);
    }

    /** A higher mean that the corrected paired test cannot tell from noise is a tie, not a win. */
    @Test
    void aSmallNoisyGapIsATie() {
        for (boolean firstHigher : new boolean[] {true, false}) { // the higher one first, then second, in model order
            Map<String, Map<String, Sample>> s = Map.of("d1", Map.of("A", sample(0.8), "B", sample(firstHigher ? 0.799 : 0.801, -1)),
                    "d2", Map.of("A", sample(0.7), "B", sample(firstHigher ? 0.698 : 0.702, -1)));
            var r = SuiteAnalysis.ofDatasets(List.of("d1", "d2"), List.of("A", "B"), s, 0.01, 0.95, 1);
            var top = r.leaderboard().getFirst();
            assertEquals(firstHigher ? "A" : "B", top.model());
            assertEquals(0, top.wins());
            assertEquals(2, top.ties());
        }
    }

    /**
     * A gap of 0.02 with paired differences swinging ± 0.02 over 10 cv splits (test/train 0.25): the plain paired t-test
     * calls it significant (t = 3.0), the corrected one (Nadeau–Bengio, variance × (1/n + 0.25)/(1/n)) does not (t = 1.6).
     * Wins must come from the corrected test: the overlap of repeated cv splits makes the plain one far too liberal.
     */
    @Test
    void winsUseTheCorrectedPairedTest() {
        Sample a = sample(0.82), b = sample(0.80, -1);
        var common = a.common(b);
        var plain = org.crystalbench.stats.Resampling.correctedPairedT(a.on(Metric.MACRO_F1, common), b.on(Metric.MACRO_F1, common), 0, 0.95);
        assertTrue(plain.p() < 0.05, "the case must separate the two tests: plain p = " + plain.p());
        var r = SuiteAnalysis.ofDatasets(List.of("d1"), List.of("A", "B"), Map.of("d1", Map.of("A", a, "B", b)), 0.01, 0.95, 1);
        var top = r.leaderboard().getFirst();
        assertEquals("A", top.model());
        assertEquals(0, top.wins());
        assertEquals(1, top.ties());
    }

    @Test
    void ranksWinsAndExclusions() {
        List<String> models = List.of("A", "B", "C");
        Map<String, Map<String, Sample>> s = new LinkedHashMap<>();
        s.put("d1", Map.of("A", sample(0.9), "B", sample(0.8), "C", sample(0.7)));
        s.put("d2", Map.of("A", sample(0.9), "B", sample(0.7), "C", sample(0.8)));
        s.put("d3", Map.of("A", sample(0.6), "B", sample(0.6), "C", sample(0.5)));
        s.put("d4", Map.of("A", sample(0.6), "B", sample(0.5)));                 // C has no results: left out
        SuiteTables.Suite r = SuiteAnalysis.ofDatasets(List.of("d1", "d2", "d3", "d4"), models, s, 0.01, 0.95, 1);

        assertEquals("d4", r.tests().excluded());
        assertEquals(3, r.tests().datasets());
        var a = r.leaderboard().getFirst();
        assertEquals("A", a.model());
        assertEquals((1 + 1 + 1.5) / 3, a.meanRank(), 1e-12);            // tie with B on d3
        assertEquals(5, a.wins());                                         // B on d1, d2; C on d1, d2, d3
        assertEquals(1, a.ties());                                         // B on d3 (equal scores)
        assertEquals(0, a.losses());
        var b = r.leaderboard().stream().filter(l -> l.model().equals("B")).findFirst().orElseThrow();
        assertEquals(2, b.wins());                                         // C on d1 and d3
        assertEquals(3, b.losses());                                       // A on d1, d2; C on d2
        assertTrue(Double.isNaN(a.pWorse()) && b.pWorse() > b.pBetter());
        // the score table keeps the excluded data set, without ranks
        var d4 = r.scores().stream().filter(c -> c.dataset().equals("d4") && c.model().equals("A")).findFirst().orElseThrow();
        assertTrue(Double.isNaN(d4.rank()));
        assertEquals(0.6, d4.macroF1(), 1e-12);
        List<String> pairs = new ArrayList<>();
        r.pairs().forEach(p -> pairs.add(p.model() + ">" + p.other() + ":" + p.wins() + "/" + p.ties() + "/" + p.losses()));
        assertTrue(pairs.contains("A>B:2/1/0"), pairs.toString());
        assertTrue(pairs.contains("B>A:0/1/2"), pairs.toString());
    }
}
