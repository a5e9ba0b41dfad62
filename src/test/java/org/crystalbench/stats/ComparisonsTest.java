package org.crystalbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.crystalbench.InputException;
import org.crystalbench.metrics.Metric;
import org.junit.jupiter.api.Test;

class ComparisonsTest {
    /** A summary with only macro F1 values; 80 train / 20 test rows per split (ratio 0.25). */
    static Summary summary(String fs, String protocol, String model, double... f1) {
        return new Summary(fs, protocol, model, f1.length, Map.of(Metric.MACRO_F1, f1), 80, 20, 1, 1);
    }

    static final double[] BEST = {0.80, 0.82, 0.78, 0.85, 0.80, 0.83, 0.79, 0.81};
    // Consistently about 0.2 below the best: clearly worse.
    static final double[] FAR = {0.60, 0.61, 0.59, 0.66, 0.58, 0.62, 0.60, 0.60};
    // Within noise of the best, above it on some splits.
    static final double[] NEAR = {0.82, 0.79, 0.80, 0.83, 0.77, 0.84, 0.80, 0.79};

    @Test
    void everyModelAgainstTheBestWithHolmAcrossTheGroup() {
        List<Summary> group = List.of(summary("fs", "holdout", "Far", FAR), summary("fs", "holdout", "Best", BEST),
                summary("fs", "holdout", "Near", NEAR));
        List<Comparisons.Comparison> cs = Comparisons.of(group, 0.95);
        assertEquals(List.of("Far", "Near"), cs.stream().map(Comparisons.Comparison::model).toList()); // best omitted
        cs.forEach(c -> assertEquals("Best", c.bestModel()));

        var far = Resampling.correctedPairedT(FAR, BEST, 0.25, 0.95);
        var near = Resampling.correctedPairedT(NEAR, BEST, 0.25, 0.95);
        double[] holm = Resampling.holm(new double[] {far.p(), near.p()});
        assertEquals(far.meanDiff(), cs.get(0).test().meanDiff(), 1e-15);
        assertEquals(far.p(), cs.get(0).test().p(), 1e-15);
        assertEquals(holm[0], cs.get(0).pHolm(), 1e-15);
        assertEquals(holm[1], cs.get(1).pHolm(), 1e-15);
        // Holm with two tests: the smaller p is doubled.
        assertEquals(Math.min(1, 2 * Math.min(far.p(), near.p())), Math.min(cs.get(0).pHolm(), cs.get(1).pHolm()), 1e-15);
        assertTrue(cs.get(0).significantlyWorse(), "far below the best on every split");
        assertFalse(cs.get(1).significantlyWorse(), "within noise of the best");
        assertTrue(cs.get(0).test().meanDiff() < 0 && cs.get(0).test().ci().high() < 0);
    }

    @Test
    void groupsAreSeparatePerFeatureSetAndProtocol() {
        List<Summary> all = List.of(summary("a", "holdout", "X", BEST), summary("a", "holdout", "Y", FAR),
                summary("a", "cv", "X", FAR), summary("a", "cv", "Y", BEST), summary("b", "holdout", "X", NEAR));
        List<Comparisons.Comparison> cs = Comparisons.of(all, 0.95);
        assertEquals(2, cs.size()); // one per two-model group; the one-model group has none
        assertEquals("Y", cs.get(0).model());
        assertEquals("X", cs.get(0).bestModel());
        assertEquals("X", cs.get(1).model());
        assertEquals("Y", cs.get(1).bestModel());
        // A single comparison in a group: Holm leaves p as is.
        assertEquals(cs.get(0).test().p(), cs.get(0).pHolm(), 0);
    }

    @Test
    void tiesGoToTheFirstModelAndIdenticalScoresAreNotWorse() {
        List<Summary> g = List.of(summary("fs", "cv", "A", BEST), summary("fs", "cv", "B", BEST));
        var c = Comparisons.of(g, 0.95).getFirst();
        assertEquals("A", c.bestModel());
        assertEquals(1.0, c.test().p());
        assertFalse(c.significantlyWorse());
    }

    @Test
    void intervalsUseTheSplitsOwnTestTrainRatio() {
        Summary s = summary("fs", "holdout", "M", BEST);
        assertEquals(0.25, CiSpec.testTrainRatio(s), 1e-15);
        assertEquals(Resampling.correctedT(BEST, 0.25, 0.9), new CiSpec(CiMethod.CORRECTED_T, 0.9).interval(s, Metric.MACRO_F1, 1));
        assertEquals(Resampling.t(BEST, 0.95), new CiSpec(CiMethod.T, 0.95).interval(s, Metric.MACRO_F1, 1));
    }

    @Test
    void intervalsAreClippedToTheMetricsRange() {
        double[] nearOne = {1.0, 1.0, 0.97, 1.0, 0.99};
        Summary s = summary("fs", "holdout", "M", nearOne);
        assertTrue(Resampling.correctedT(nearOne, 0.25, 0.95).high() > 1); // the raw t-interval spills over
        Interval ci = CiSpec.DEFAULT.interval(s, Metric.MACRO_F1, 1);
        assertEquals(1.0, ci.high());
        assertEquals(Resampling.correctedT(nearOne, 0.25, 0.95).low(), ci.low(), 1e-15);
    }

    @Test
    void bootstrapSeedDependsOnEveryPartOfTheCell() {
        long base = CiSpec.bootstrapSeed(42, "fs", "holdout", "LR", Metric.MACRO_F1);
        assertEquals(base, CiSpec.bootstrapSeed(42, "fs", "holdout", "LR", Metric.MACRO_F1));
        assertNotEquals(base, CiSpec.bootstrapSeed(43, "fs", "holdout", "LR", Metric.MACRO_F1));
        assertNotEquals(base, CiSpec.bootstrapSeed(42, "fs2", "holdout", "LR", Metric.MACRO_F1));
        assertNotEquals(base, CiSpec.bootstrapSeed(42, "fs", "cv", "LR", Metric.MACRO_F1));
        assertNotEquals(base, CiSpec.bootstrapSeed(42, "fs", "holdout", "NB", Metric.MACRO_F1));
        assertNotEquals(base, CiSpec.bootstrapSeed(42, "fs", "holdout", "LR", Metric.PAPER_F1));
        Summary s = summary("fs", "holdout", "LR", BEST);
        CiSpec boot = new CiSpec(CiMethod.BOOTSTRAP, 0.95);
        assertEquals(Resampling.bootstrap(BEST, 0.95, base, CiSpec.BOOTSTRAP_RESAMPLES), boot.interval(s, Metric.MACRO_F1, 42));
    }

    @Test
    void flagsAreParsedAndBadValuesAreBadInput() {
        assertEquals(new CiSpec(CiMethod.BOOTSTRAP, 0.9), CiSpec.parse("bootstrap", 0.9));
        assertEquals("corrected-t 95%", CiSpec.DEFAULT.label());
        assertEquals("97.5%", new CiSpec(CiMethod.T, 0.975).percent());
        assertTrue(assertThrows(InputException.class, () -> CiSpec.parse("wald", 0.95)).getMessage().startsWith("--ci:"));
        assertTrue(assertThrows(InputException.class, () -> CiSpec.parse("t", 1.5)).getMessage().startsWith("--ci-level:"));
        assertThrows(InputException.class, () -> CiSpec.parse("t", 0));
    }
}
