package org.crystalbench.perf;

import static org.crystalbench.perf.PerfCheck.Verdict.CALIBRATION;
import static org.crystalbench.perf.PerfCheck.Verdict.IMPROVEMENT;
import static org.crystalbench.perf.PerfCheck.Verdict.NOISE;
import static org.crystalbench.perf.PerfCheck.Verdict.REGRESSION;
import static org.crystalbench.perf.PerfCheck.Verdict.UNCHANGED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.crystalbench.stats.Interval;
import org.crystalbench.stats.PairedRatio;
import org.junit.jupiter.api.Test;

class SequentialRuleTest {
    private static final double M = 0.03;

    private static PairedRatio s(double ratio, double low, double high) {
        return new PairedRatio(ratio, new Interval(low, high), 0.99, 12);
    }

    @Test
    void aBenchmarkStopsWhenItsIntervalClearsTheMinimumEffectEitherWay() {
        assertEquals(REGRESSION, SequentialRule.verdict(s(1.10, 1.031, 1.2), M));
        assertEquals(NOISE, SequentialRule.verdict(s(1.10, 1.03, 1.2), M));     // touching 1 + m is not clear of it
        assertEquals(NOISE, SequentialRule.verdict(s(1.10, 1.01, 1.2), M));     // slower, but maybe by less than m: more rounds
        assertEquals(UNCHANGED, SequentialRule.verdict(s(1.02, 1.01, 1.029), M)); // slower by less than m: passes
        assertEquals(UNCHANGED, SequentialRule.verdict(s(0.99, 0.95, 1.02), M));
        assertEquals(IMPROVEMENT, SequentialRule.verdict(s(0.95, 0.93, 0.99), M));
        assertEquals(UNCHANGED, SequentialRule.verdict(s(0.98, 0.93, 0.99), M));  // below 1 but by less than m
        assertEquals(NOISE, SequentialRule.verdict(s(1.0, 0, Double.POSITIVE_INFINITY), M));
    }

    @Test
    void looksAreKnownBeforeTheFirstRoundAndShareTheErrorEvenly() {
        var rule = new SequentialRule(0.95, M, 30, 9, 3);
        assertEquals(8, rule.looks()); // 9, 12, ..., 30
        assertEquals(1 - 0.05 / 8, rule.lookLevel(), 1e-12);
        assertTrue(rule.isLook(9) && rule.isLook(12) && rule.isLook(30));
        assertFalse(rule.isLook(8) || rule.isLook(10) || rule.isLook(33));
        var fixed = new SequentialRule(0.95, M, 30, 0, 0);
        assertEquals(1, fixed.looks());
        assertEquals(0.95, fixed.lookLevel(), 1e-12);
        assertFalse(fixed.isLook(30));
    }

    private static BenchResult r(String method, double score) {
        return new BenchResult("org.crystalbench.bench." + method, "avgt", Map.of(), score, 0, "us/op");
    }

    /** Rounds of base 100 and head 100 x exp(logSlowdown + noise), the noise log-normal. */
    private static List<BenchResult[]> rounds(String method, int n, double logSlowdown, double sd, SplittableRandom rng) {
        List<BenchResult[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double machine = Math.exp(0.3 * rng.nextGaussian()); // the same disturbance for both sides of a round
            out.add(new BenchResult[] {r(method, 100 * machine), r(method, 100 * machine * Math.exp(logSlowdown + sd * rng.nextGaussian()))});
        }
        return out;
    }

    @Test
    void theVerdictComesFromTheChosenMeasureAndBothAreReported() {
        var rule = new SequentialRule(0.95, M, 30, 9, 3);
        var rng = new SplittableRandom(3);
        var cpu = rounds("KnownEffectBench.kernel", 12, Math.log(1.10), 0.01, rng); // clearly slower in CPU time
        var wall = rounds("KnownEffectBench.kernel", 12, 0, 0.01, rng);             // unchanged in wall time
        var byCpu = rule.decide("k", wall, cpu, Measure.CPU, true);
        var byWall = rule.decide("k", wall, cpu, Measure.WALL, true);
        assertEquals(REGRESSION, byCpu.verdict());
        assertEquals(UNCHANGED, byWall.verdict());
        assertEquals(byCpu.cpu().slowdown(), byWall.cpu().slowdown());
        assertEquals(12, byCpu.rounds());
        assertTrue(byCpu.cpu().slowdown().confidence() >= 1 - 0.05 / 8, "each look's interval at the spent level");
        // a round without the CPU measure leaves it out, and a CPU verdict is then impossible
        var partial = new ArrayList<>(cpu);
        partial.set(3, null);
        var d = rule.decide("k", wall, partial, Measure.CPU, true);
        assertNull(d.cpu());
        assertEquals(PerfCheck.Verdict.INCOMPARABLE, d.verdict());
        // the calibration kernel never fails the gate
        var cal = rounds("CalibrationBench.kernel", 12, Math.log(1.10), 0.01, rng);
        assertEquals(CALIBRATION, rule.decide("c", cal, cal, Measure.CPU, true).verdict());
    }

    /** Runs the rule as Interleaved does: a round at a time, judged at each look; the verdict at the end. */
    static PerfCheck.Verdict sequential(SequentialRule rule, int maxRounds, double logSlowdown, double sd, SplittableRandom rng) {
        List<BenchResult[]> all = rounds("KnownEffectBench.kernel", maxRounds, logSlowdown, sd, rng);
        for (int n = 1; n <= maxRounds; n++) {
            if (!rule.isLook(n)) continue;
            var v = rule.decide("k", all.subList(0, n), all.subList(0, n), Measure.CPU, true).verdict();
            if (v != NOISE) return v;
        }
        return NOISE;
    }

    @Test
    void repeatedLooksKeepTheFalseAlarmRateAtTheBoundaryBelowItsShare() {
        // the hardest null: a true slowdown of exactly 1 + m; over every look the rule may call it a regression
        // at most (1 - level) / 2 of the time (one side of the interval); without spending it would be
        // about 4 times that with 8 looks
        var rule = new SequentialRule(0.95, M, 30, 9, 3);
        var rng = new SplittableRandom(11);
        int runs = 3000, alarms = 0;
        for (int i = 0; i < runs; i++) alarms += sequential(rule, 30, Math.log(1 + M), 0.05, rng) == REGRESSION ? 1 : 0;
        assertTrue(alarms <= 0.025 * runs, alarms + " false alarms in " + runs);
        // and a true +10% with the same noise is found nearly always (power), mostly before the last look
        int found = 0;
        for (int i = 0; i < 500; i++) found += sequential(rule, 30, Math.log(1.10), 0.05, rng) == REGRESSION ? 1 : 0;
        assertTrue(found >= 450, found + " of 500");
    }

    @Test
    void theGatesConfidenceIsSplitOverItsLooksAndItsBenchmarks() {
        var gate = new SequentialRule(0.95, M, 24, 12, 4, 21);
        assertEquals(4, gate.looks());
        assertEquals(1 - 0.05 / 4 / 21, gate.lookLevel(), 1e-12);
        assertEquals(1 - 0.05 / 4, new SequentialRule(0.95, M, 24, 12, 4).lookLevel(), 1e-12);
        // the report says over how many benchmarks it was split
        assertEquals(21, gate.report(java.util.List.of(), Measure.CPU, true).family());
    }
}
