package org.crystalbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.crystalbench.InputException;
import org.crystalbench.metrics.Metric;
import org.crystalbench.splits.Protocol;
import org.crystalbench.splits.Seeds;
import org.crystalbench.splits.SplitId;
import org.junit.jupiter.api.Test;

public class RankingTest {
    static final double[] BEST = {0.80, 0.82, 0.78, 0.85, 0.80, 0.83, 0.79, 0.81};
    // Consistently about 0.2 below the best: clearly worse.
    static final double[] FAR = {0.60, 0.61, 0.59, 0.66, 0.58, 0.62, 0.60, 0.60};
    // Within noise of the best, above it on some splits.
    static final double[] NEAR = {0.82, 0.79, 0.80, 0.83, 0.77, 0.84, 0.80, 0.79};

    /** A sample whose every metric has the values {@code v} on cv splits r0 f0.., 80 train / 20 test rows (ratio 0.25). */
    public static Sample sample(double... v) {
        return sample(IntStream.range(0, v.length).mapToObj(i -> SplitId.of(Protocol.CV, 0, i)).toList(), v);
    }

    static Sample sample(List<SplitId> splits, double... v) {
        Map<Metric, double[]> values = new EnumMap<>(Metric.class);
        for (Metric m : Metric.ALL) values.put(m, v);
        return new Sample(values, splits, 0.25);
    }

    @Test
    void everySampleAgainstTheBestWithHolmAcrossTheFamily() {
        Ranking r = Ranking.of(List.of(sample(FAR), sample(BEST), sample(NEAR)), Metric.MACRO_F1, 0.95, i -> true);
        assertEquals(1, r.best());
        assertEquals(List.of(0, 2), r.others().stream().map(Ranking.Versus::index).toList()); // best omitted
        var far = Resampling.correctedPairedT(FAR, BEST, 0.25, 0.95);
        var near = Resampling.correctedPairedT(NEAR, BEST, 0.25, 0.95);
        double[] holm = Resampling.holm(new double[] {far.p(), near.p()});
        assertEquals(far, r.versus(0).test());
        assertEquals(holm[0], r.versus(0).pHolm(), 1e-15);
        assertEquals(holm[1], r.versus(2).pHolm(), 1e-15);
        // Holm with two tests: the smaller p is doubled.
        assertEquals(Math.min(1, 2 * Math.min(far.p(), near.p())), Math.min(holm[0], holm[1]), 1e-15);
        assertTrue(r.versus(0).significantlyWorse(), "far below the best on every split");
        assertFalse(r.versus(2).significantlyWorse(), "within noise of the best");
        assertNull(r.versus(1));
    }

    @Test
    void forALossTheLowestMeanIsBestAndHigherIsWorse() {
        Ranking r = Ranking.of(List.of(sample(BEST), sample(FAR)), Metric.LOG_LOSS, 0.95, i -> true);
        assertEquals(1, r.best(), "log loss: lower is better");
        assertTrue(r.versus(0).test().meanDiff() > 0);
        assertTrue(r.versus(0).significantlyWorse(), "consistently higher loss");
        Ranking auc = Ranking.of(List.of(sample(BEST), sample(FAR)), Metric.ROC_AUC, 0.95, i -> true);
        assertEquals(0, auc.best(), "AUC: higher is better");
        assertTrue(auc.versus(1).significantlyWorse());
    }

    @Test
    void intervalsAreClippedToEachMetricsRange() {
        double[] nearTwo = {1.99, 2.0, 1.98, 2.0, 1.97, 2.0, 1.99, 2.0};
        Interval brier = CiSpec.DEFAULT.interval(sample(nearTwo), Metric.BRIER, "c", 1);
        assertEquals(2, brier.high(), 0, "Brier ends at 2");
        Interval logLoss = CiSpec.DEFAULT.interval(sample(nearTwo), Metric.LOG_LOSS, "c", 1);
        assertTrue(logLoss.high() > 2, "log loss has no upper end: " + logLoss);
        assertEquals(1, CiSpec.DEFAULT.interval(sample(nearTwo), Metric.MACRO_F1, "c", 1).high(), 0);
    }

    @Test
    void tiesGoToTheFirstSampleAndIdenticalScoresAreNotWorse() {
        Ranking r = Ranking.of(List.of(sample(BEST), sample(BEST)), Metric.MACRO_F1, 0.95, i -> true);
        assertEquals(0, r.best());
        assertEquals(1.0, r.versus(1).test().p());
        assertFalse(r.versus(1).significantlyWorse());
    }

    @Test
    void theBestIsChosenAmongTheEligibleAndPairsAreMadeOnCommonSplits() {
        List<SplitId> all = IntStream.range(0, 8).mapToObj(i -> SplitId.of(Protocol.CV, 0, i)).toList();
        // A point that failed on two splits: not eligible, though its mean is highest; paired on its six.
        Sample partial = sample(all.subList(2, 8), 0.99, 0.99, 0.98, 0.99, 0.99, 0.97);
        Ranking r = Ranking.of(List.of(sample(all, FAR), partial, sample(all, BEST)), Metric.MACRO_F1, 0.95, i -> i != 1);
        assertEquals(2, r.best());
        var paired = Resampling.correctedPairedT(partial.of(Metric.MACRO_F1),
                java.util.Arrays.copyOfRange(BEST, 2, 8), 0.25, 0.95);
        assertEquals(paired, r.versus(1).test());
        assertNull(Ranking.of(List.of(sample(all, FAR)), Metric.MACRO_F1, 0.95, i -> false), "nothing eligible");
    }

    @Test
    void intervalsUseTheSamplesTestTrainRatioAndLevel() {
        Sample s = sample(BEST);
        assertEquals(Resampling.correctedT(BEST, 0.25, 0.9), new CiSpec(CiMethod.CORRECTED_T, 0.9).interval(s, Metric.MACRO_F1, "c", 1));
        assertEquals(Resampling.t(BEST, 0.95), new CiSpec(CiMethod.T, 0.95).interval(s, Metric.MACRO_F1, "c", 1));
    }

    @Test
    void intervalsAreClippedToTheMetricsRange() {
        double[] nearOne = {1.0, 1.0, 0.97, 1.0, 0.99};
        assertTrue(Resampling.correctedT(nearOne, 0.25, 0.95).high() > 1); // the raw t-interval spills over
        Interval ci = CiSpec.DEFAULT.interval(sample(nearOne), Metric.MACRO_F1, "c", 1);
        assertEquals(1.0, ci.high());
        assertEquals(Resampling.correctedT(nearOne, 0.25, 0.95).low(), ci.low(), 1e-15);
    }

    @Test
    void bootstrapSeedDependsOnSeedCellAndMetric() {
        long base = Seeds.bootstrap(42, "fs\0holdout\0LR", Metric.MACRO_F1.ordinal());
        assertNotEquals(base, Seeds.bootstrap(43, "fs\0holdout\0LR", Metric.MACRO_F1.ordinal()));
        assertNotEquals(base, Seeds.bootstrap(42, "fs\0cv\0LR", Metric.MACRO_F1.ordinal()));
        assertNotEquals(base, Seeds.bootstrap(42, "fs\0holdout\0LR", Metric.PAPER_F1.ordinal()));
        CiSpec boot = new CiSpec(CiMethod.BOOTSTRAP, 0.95);
        assertEquals(Resampling.bootstrap(BEST, 0.95, base, Resampling.BOOTSTRAP_RESAMPLES),
                boot.interval(sample(BEST), Metric.MACRO_F1, "fs\0holdout\0LR", 42));
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
