package org.crystalbench.perf;

import static org.crystalbench.perf.PerfCheck.Verdict.IMPROVEMENT;
import static org.crystalbench.perf.PerfCheck.Verdict.INCOMPARABLE;
import static org.crystalbench.perf.PerfCheck.Verdict.NOISE;
import static org.crystalbench.perf.PerfCheck.Verdict.REGRESSION;
import static org.crystalbench.perf.PerfCheck.Verdict.UNCHANGED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.crystalbench.report.PerfTables;
import org.crystalbench.stats.Interval;
import org.junit.jupiter.api.Test;

class PairedCheckTest {
    private static final double M = 0.03;

    @Test
    void verdictsFromTheSlowdownAndItsInterval() {
        assertEquals(REGRESSION, PairedCheck.judge(1.10, new Interval(1.05, 1.15), M));
        assertEquals(REGRESSION, PairedCheck.judge(1.03, new Interval(1.001, 1.05), M));   // estimate exactly at the minimum
        assertEquals(UNCHANGED, PairedCheck.judge(1.029, new Interval(1.01, 1.05), M));    // real but below the minimum
        assertEquals(NOISE, PairedCheck.judge(1.10, new Interval(1.0, 1.2), M));           // interval touches 1
        assertEquals(NOISE, PairedCheck.judge(1.10, new Interval(0.98, 1.2), M));
        assertEquals(IMPROVEMENT, PairedCheck.judge(0.90, new Interval(0.85, 0.95), M));
        assertEquals(IMPROVEMENT, PairedCheck.judge(1 / 1.03, new Interval(0.9, 0.999), M));
        assertEquals(UNCHANGED, PairedCheck.judge(0.98, new Interval(0.97, 0.99), M));
        assertEquals(NOISE, PairedCheck.judge(0.90, new Interval(0.85, 1.0), M));
        assertEquals(UNCHANGED, PairedCheck.judge(1.0, new Interval(0, Double.POSITIVE_INFINITY), M));
        assertEquals(NOISE, PairedCheck.judge(1.5, new Interval(0, Double.POSITIVE_INFINITY), M)); // too few rounds to say
        assertEquals(INCOMPARABLE, PairedCheck.judge(0, new Interval(0, 1), M));
        assertEquals(INCOMPARABLE, PairedCheck.judge(Double.NaN, new Interval(0, 1), M));
        assertEquals(REGRESSION, PairedCheck.judge(1.01, new Interval(1.005, 1.02), 0));
    }

    private static BenchResult r(String method, Map<String, String> params, double score, String unit) {
        return new BenchResult("org.crystalbench.bench." + method, unit.startsWith("ops/") ? "thrpt" : "avgt", params, score, 1, unit);
    }

    /** {@code rounds} rounds: base scores {@code base}, head {@code base x headFactor x wobble}. */
    private static PairedCheck.Report run(String unit, double base, double headFactor, int rounds, Map<String, String> baseParams,
                                          Map<String, String> headParams) {
        List<List<BenchResult>> b = new ArrayList<>(), h = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            double wobble = 1 + 0.01 * ((i % 3) - 1); // the machine's speed this round, same for both sides
            b.add(List.of(r("KnownEffectBench.kernel", baseParams, base * wobble, unit)));
            h.add(List.of(r("KnownEffectBench.kernel", headParams, base * headFactor * wobble, unit)));
        }
        Set<String> side = new java.util.HashSet<>(baseParams.keySet());
        side.addAll(headParams.keySet());
        return PairedCheck.compare(b, h, side, 0.95, M);
    }

    @Test
    void aTimeTenPercentLongerIsARegressionAcrossAMachineThatDrifts() {
        var rep = run("us/op", 40, 1.10, 8, Map.of("factor", "1.00"), Map.of("factor", "1.10"));
        assertEquals(1, rep.rows().size(), "" + rep);
        var row = rep.rows().get(0);
        assertEquals("KnownEffectBench.kernel (avgt)", row.name());
        assertEquals(1.10, row.slowdown().ratio(), 1e-9);
        assertEquals(REGRESSION, row.verdict());
        assertTrue(rep.regressed());
        assertEquals(8, rep.rounds());
    }

    @Test
    void aThroughputTenPercentLowerIsASlowdownAboveOne() {
        var row = run("ops/s", 1000, 1 / 1.10, 8, Map.of(), Map.of()).rows().get(0);
        assertEquals(1.10, row.slowdown().ratio(), 1e-9);
        assertEquals(REGRESSION, row.verdict());
        assertTrue(row.biggerIsBetter());
        var faster = run("ops/s", 1000, 1.10, 8, Map.of(), Map.of()).rows().get(0);
        assertEquals(IMPROVEMENT, faster.verdict());
    }

    @Test
    void theSameBuildIsUnchangedAndSmallChangesAreOk() {
        assertEquals(UNCHANGED, run("us/op", 40, 1.0, 8, Map.of(), Map.of()).rows().get(0).verdict());
        assertEquals(UNCHANGED, run("us/op", 40, 1.02, 8, Map.of(), Map.of()).rows().get(0).verdict());
        assertFalse(run("us/op", 40, 1.02, 8, Map.of(), Map.of()).regressed());
    }

    @Test
    void unitsAreConvertedAndUnpairedBenchmarksListed() {
        List<List<BenchResult>> b = new ArrayList<>(), h = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            b.add(List.of(r("A.x", Map.of(), 100 + i, "ns/op"), r("B.only", Map.of(), 1, "ns/op")));
            h.add(List.of(r("A.x", Map.of(), (100 + i) * 1.2e-3, "us/op")));
        }
        var rep = PairedCheck.compare(b, h, Set.of(), 0.95, M);
        assertEquals(1, rep.rows().size());
        assertEquals("ns/op", rep.rows().get(0).unit());
        assertEquals(1.2, rep.rows().get(0).slowdown().ratio(), 1e-9);
        assertEquals(120 + 1.2 * 2.5, rep.rows().get(0).head(), 1e-9); // median of the head in ns/op
        assertEquals(List.of("B.only (avgt)"), rep.unpaired());
    }

    @Test
    void aBenchmarkMissingFromOneRoundIsNotCompared() {
        List<List<BenchResult>> b = new ArrayList<>(), h = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            b.add(List.of(r("A.x", Map.of(), 100, "ns/op")));
            h.add(i == 3 ? List.of() : List.of(r("A.x", Map.of(), 110, "ns/op")));
        }
        var rep = PairedCheck.compare(b, h, Set.of(), 0.95, M);
        assertTrue(rep.rows().isEmpty());
        assertEquals(List.of("A.x (avgt)"), rep.unpaired());
    }

    @Test
    void aZeroScoreIsIncomparableNotAnImprovement() {
        List<List<BenchResult>> b = new ArrayList<>(), h = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            b.add(List.of(r("A.x", Map.of(), 0, "ops/s")));
            h.add(List.of(r("A.x", Map.of(), 0, "ops/s")));
        }
        assertEquals(INCOMPARABLE, PairedCheck.compare(b, h, Set.of(), 0.95, M).rows().get(0).verdict());
    }

    @Test
    void theCalibrationKernelIsNeverARegressionAndFewRoundsHaveNoInterval() {
        List<List<BenchResult>> b = new ArrayList<>(), h = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            b.add(List.of(new BenchResult(PerfCheck.CALIBRATION, "avgt", Map.of(), 40, 1, "us/op"), r("A.x", Map.of(), 100, "ns/op")));
            h.add(List.of(new BenchResult(PerfCheck.CALIBRATION, "avgt", Map.of(), 60, 1, "us/op"), r("A.x", Map.of(), 150, "ns/op")));
        }
        var rep = PairedCheck.compare(b, h, Set.of(), 0.95, M);
        assertEquals(PerfCheck.Verdict.CALIBRATION, rep.rows().get(0).verdict());
        assertEquals(NOISE, rep.rows().get(1).verdict()); // +50% in all 5 rounds, but 5 pairs give no 95% interval
        String md = PerfTables.paired(rep, null);
        assertTrue(md.contains("| 1.500 (+50.0%) | none (too few rounds) | within noise |"), md);
        assertTrue(md.contains("| calibration |"), md);
    }

    @Test
    void theTableShowsRatioIntervalAndVerdict() {
        String md = PerfTables.paired(run("us/op", 40, 1.10, 8, Map.of("factor", "1.00"), Map.of("factor", "1.10")), "t");
        assertTrue(md.contains("| KnownEffectBench.kernel (avgt) | us/op (lower is better) | 40.00 | 44.00 | 1.100 (+10.0%) | [1.100, 1.100] "), md);
        assertTrue(md.contains("| **REGRESSION** |"), md);
        assertTrue(md.contains("1 regression(s), 0 improvement(s), 0 change(s) within noise; 8 interleaved rounds"), md);
    }
}
