package org.crystalbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.crystalbench.splits.Protocol;
import org.crystalbench.stats.RankingTest;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    static final double[] HIGH = {0.80, 0.82, 0.78, 0.85, 0.80, 0.83, 0.79, 0.81};
    static final double[] LOW = {0.60, 0.61, 0.59, 0.66, 0.58, 0.62, 0.60, 0.60};

    static Summary summary(String fs, Protocol p, String model, double... v) {
        return new Summary(fs, p, model, RankingTest.sample(v), 1, 1);
    }

    @Test
    void familiesAreSeparatePerFeatureSetAndProtocol() {
        List<Summary> all = List.of(summary("a", Protocol.HOLDOUT, "X", HIGH), summary("a", Protocol.HOLDOUT, "Y", LOW),
                summary("a", Protocol.CV, "X", LOW), summary("a", Protocol.CV, "Y", HIGH), summary("b", Protocol.HOLDOUT, "X", HIGH));
        List<Comparison> cs = Comparison.of(all, 0.95).stream().filter(c -> c.metric() == Comparison.METRIC).toList();
        assertEquals(2, cs.size()); // one per two-model family; the one-model family has none
        assertEquals(List.of("Y", "X"), cs.stream().map(Comparison::model).toList());
        assertEquals(List.of("X", "Y"), cs.stream().map(Comparison::bestModel).toList());
        assertEquals(cs.get(0).test().p(), cs.get(0).pHolm(), 0); // a single comparison: Holm leaves p as is
    }
}
