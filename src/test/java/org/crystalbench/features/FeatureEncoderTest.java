package org.crystalbench.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.crystalbench.data.Dataset;
import org.junit.jupiter.api.Test;

class FeatureEncoderTest {
    static Dataset data(double[][] numeric, String[][] categorical) {
        int n = numeric.length;
        return new Dataset("mem", "", org.crystalbench.data.RowIds.of(new String[n]), List.of("a", "b"), numeric, List.of("sg"), categorical,
                List.of("x", "y"), new int[n], new int[n], n, 0);
    }

    static final double[][] NUM = {{1, 5}, {3, 5}, {5, 5}, {100, -7}};
    static final String[][] CAT = {{"P1"}, {"Pc"}, {"P1"}, {"Cc"}};
    static final int[] TRAIN = {0, 1, 2};

    @Test
    void standardisesAndOneHotEncodesFromTrainingRowsOnly() {
        var enc = FeatureEncoder.fit(data(NUM, CAT), List.of("a", "b", "sg"), TRAIN);
        assertEquals(List.of("a", "b", "sg=P1", "sg=Pc"), enc.outputNames());
        double sd = Math.sqrt(8.0 / 3); // train values 1, 3, 5: mean 3, population variance 8/3
        assertArrayEquals(new double[] {-2 / sd, 0, 1, 0}, enc.transform(data(NUM, CAT), 0), 1e-12);
        // Constant training column -> 0 (scale 1), not NaN; test row 3 is far outside and unseen.
        double[] test = enc.transform(data(NUM, CAT), 3);
        assertArrayEquals(new double[] {97 / sd, -12, 0, 0}, test, 1e-12);
        assertTrue(enc.unseen(NUM[3], CAT[3]));
        assertFalse(enc.unseen(NUM[0], CAT[0]));
    }

    @Test
    void testRowsNeverInfluenceTheFittedTransform() {
        double[][] other = {{1, 5}, {3, 5}, {5, 5}, {-1e6, 1e6}};
        String[][] otherCat = {{"P1"}, {"Pc"}, {"P1"}, {"P-1"}};
        var a = FeatureEncoder.fit(data(NUM, CAT), List.of("a", "b", "sg"), TRAIN);
        var b = FeatureEncoder.fit(data(other, otherCat), List.of("a", "b", "sg"), TRAIN);
        assertEquals(a.outputNames(), b.outputNames());
        for (int r : TRAIN) {
            assertArrayEquals(a.transform(data(NUM, CAT), r), b.transform(data(other, otherCat), r));
        }
        // The same test row encodes identically under both fits.
        assertArrayEquals(a.transform(NUM[3], CAT[3]), b.transform(NUM[3], CAT[3]));
    }

    @Test
    void groupColumnsAreThoseSeenInTrainingAndAnElementSeenOnlyInTestIsReported() {
        // columns: a, fraction Li, fraction Fe, fraction Co; Co appears in row 3 only (a test row)
        double[][] num = {{1, 0.5, 0.5, 0}, {2, 0.25, 0.75, 0}, {3, 0.5, 0.5, 0}, {4, 0.5, 0, 0.5}};
        String[][] cat = {{"P1"}, {"Pc"}, {"P1"}, {"Cc"}};
        var d = new Dataset("mem", "", org.crystalbench.data.RowIds.of(new String[4]), List.of("a", "fraction Li", "fraction Fe", "fraction Co"), num,
                List.of("sg"), cat, List.of("x", "y"), new int[4], new int[4], 4, 0,
                java.util.Map.of("element fractions", List.of("fraction Li", "fraction Fe", "fraction Co")));
        var enc = FeatureEncoder.fit(d, List.of("element fractions", "sg", "a"), TRAIN);
        assertEquals(List.of("fraction Li", "fraction Fe", "a", "sg=P1", "sg=Pc"), enc.outputNames());
        assertEquals(List.of("element fractions", "sg", "a"), enc.inputs());
        assertArrayEquals(new int[] {0, 1}, enc.inputColumns(0));
        assertArrayEquals(new int[] {3, 4}, enc.inputColumns(1));
        assertArrayEquals(new int[] {2}, enc.inputColumns(2));
        assertFalse(enc.unseen(num[0], cat[0]));
        assertTrue(enc.unseen(num[3], new String[] {"P1"}));  // Co: no column, the row says so
        // Trained on every row, Co gets its column.
        var all = FeatureEncoder.fit(d, List.of("element fractions"), new int[] {0, 1, 2, 3});
        assertEquals(List.of("fraction Li", "fraction Fe", "fraction Co"), all.outputNames());
    }
}
