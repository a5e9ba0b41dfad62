package org.crystalbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.crystalbench.report.SummaryPage;
import org.crystalbench.splits.Protocol;
import org.junit.jupiter.api.Test;

/** Which models are not significantly above the chance baseline of their table. */
class ChanceCheckTest {
    static final double[] CHANCE = {0.33, 0.35, 0.30, 0.34, 0.32, 0.36, 0.31, 0.33};
    static final double[] NEAR = {0.34, 0.33, 0.32, 0.35, 0.31, 0.35, 0.33, 0.32};
    static final double[] WORSE = {0.20, 0.22, 0.18, 0.21, 0.19, 0.23, 0.20, 0.21};

    static Summary s(String fs, String model, double... v) {
        return ComparisonTest.summary(fs, Protocol.CV, model, v);
    }

    @Test
    void aModelNearOrBelowChanceIsListedAndAClearlyBetterOneIsNot() {
        List<Summary> all = List.of(s("a", "good", ComparisonTest.HIGH), s("a", "near", NEAR), s("a", "worse", WORSE),
                s("a", "chance", CHANCE), s("b", "good", ComparisonTest.LOW), s("b", "chance", CHANCE));
        var notAbove = ChanceCheck.of(all, "chance", 0.95);
        assertEquals(List.of("near", "worse"), notAbove.stream().map(ChanceCheck.NotAbove::model).toList());
        assertTrue(notAbove.get(1).test().meanDiff() < 0);
        assertTrue(notAbove.getFirst().line().contains("model `near`, feature set `a`, cv: not significantly better than `chance`"),
                notAbove.getFirst().line());
        assertTrue(SummaryPage.notAboveChance(notAbove).contains("Not better than chance"));
        assertEquals("", SummaryPage.notAboveChance(List.of()));
    }

    @Test
    void withoutTheBaselineInATableNothingIsListed() {
        assertEquals(List.of(), ChanceCheck.of(List.of(s("a", "x", NEAR), s("a", "y", WORSE)), "chance", 0.95));
    }
}
