package org.crystalbench.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The chance baseline: class shares as probabilities, labels drawn with those shares, independent of order. */
class ChanceSpecTest {
    static final double[][] X = new double[4000][];
    static final int[] Y = new int[4000];

    static {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < X.length; i++) {
            X[i] = new double[] {rnd.nextDouble(), rnd.nextDouble()};
            Y[i] = i % 10 < 6 ? 0 : i % 10 < 9 ? 1 : 2; // shares 0.6, 0.3, 0.1
        }
    }

    @Test
    void stratifiedDrawsLabelsWithTheTrainingSharesAndReportsThemAsProbabilities() {
        Model m = new ChanceSpec("c", null).fit(X, Y, 3, 11);
        int[] counts = new int[3];
        double[] p = new double[3];
        for (double[] row : X) counts[m.predict(row, p)]++;
        assertArrayEquals(new double[] {0.6, 0.3, 0.1}, p, 1e-12);
        assertEquals(0.6, counts[0] / 4000.0, 0.03);
        assertEquals(0.3, counts[1] / 4000.0, 0.03);
        assertEquals(0.1, counts[2] / 4000.0, 0.02);
        // the same row, the same label, in any order; another seed, other draws
        assertEquals(m.predict(X[17]), m.predict(X[17].clone()));
        Model other = new ChanceSpec("c", null).fit(X, Y, 3, 12);
        long differ = java.util.Arrays.stream(X).filter(r -> m.predict(r) != other.predict(r)).count();
        assertEquals(true, differ > 1000, "seeds change the draws: " + differ);
    }

    @Test
    void majorityAlwaysSaysTheMostFrequentClass() {
        Model m = new ChanceSpec("c", ChanceSpec.Strategy.MAJORITY).fit(X, Y, 3, 11);
        for (int i = 0; i < 100; i++) assertEquals(0, m.predict(X[i]));
    }

    @Test
    void runAddsTheBaselineOnceAndNotBesideAChanceModelOfTheConfig() {
        List<ModelSpec> plain = List.of(new NaiveBayesSpec("NB", null));
        List<ModelSpec> with = ChanceSpec.withBaseline(plain);
        assertEquals(List.of("NB", ChanceSpec.DEFAULT_NAME), with.stream().map(ModelSpec::name).toList());
        assertSame(with, ChanceSpec.withBaseline(with));
        List<ModelSpec> own = List.of(new NaiveBayesSpec("NB", null), new ChanceSpec("majority", ChanceSpec.Strategy.MAJORITY));
        assertSame(own, ChanceSpec.withBaseline(own));
    }
}
