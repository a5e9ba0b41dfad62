package org.crystalbench.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Finite cells near the largest double standardise to finite values, the same z-scores as the column scaled down. */
class FeatureEncoderLimitsTest {
    @Test
    void cellsNearTheLargestDoubleStandardiseToFiniteZScores() {
        double[][] huge = {{1e308, 1}, {1.5e308, 2}, {-1.7e308, 3}, {1, 4}, {1.7e308, 5}};
        double[][] small = new double[huge.length][];
        for (int r = 0; r < huge.length; r++) small[r] = new double[] {huge[r][0] * 1e-300, huge[r][1]};
        String[][] cat = new String[huge.length][] ;
        Arrays.fill(cat, new String[] {"P1"});
        int[] train = {0, 1, 2, 3};
        var big = FeatureEncoder.fit(FeatureEncoderTest.data(huge, cat), List.of("a", "b"), train);
        var ref = FeatureEncoder.fit(FeatureEncoderTest.data(small, cat), List.of("a", "b"), train);
        for (int r = 0; r < huge.length; r++) {
            double[] z = big.transform(FeatureEncoderTest.data(huge, cat), r);
            assertTrue(Arrays.stream(z).allMatch(Double::isFinite), Arrays.toString(z));
            assertArrayEquals(ref.transform(FeatureEncoderTest.data(small, cat), r), z, 1e-9, "row " + r);
        }
    }

    @Test
    void aMissingCellInAColumnNearTheLargestDoubleIsFilledBeforeScaling() {
        // the overflow fallback must see the filled-in (median) cell, not NaN
        double[][] huge = {{1e308, 1}, {Double.NaN, 2}, {-1.7e308, 3}, {1.5e308, 4}, {1.7e308, 5}};
        String[][] cat = new String[huge.length][];
        Arrays.fill(cat, new String[] {"P1"});
        var big = FeatureEncoder.fit(FeatureEncoderTest.data(huge, cat), List.of("a", "b"), new int[] {0, 1, 2, 3});
        for (int r = 0; r < huge.length; r++) {
            double[] z = big.transform(FeatureEncoderTest.data(huge, cat), r);
            assertTrue(Arrays.stream(z).allMatch(Double::isFinite), "row " + r + ": " + Arrays.toString(z));
        }
    }
}
