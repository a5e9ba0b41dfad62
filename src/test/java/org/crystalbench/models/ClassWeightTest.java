package org.crystalbench.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.crystalbench.InputException;
import org.junit.jupiter.api.Test;

/** One resolver for class_weight (list, map by class name, balanced), and the forest applying it as scikit-learn means it. */
class ClassWeightTest {
    static final List<String> CLASSES = List.of("fog", "rain", "sun");

    @Test
    void aMapBecomesTheListInClassOrderWithOneForAClassLeftOut() {
        ClassWeight w = ClassWeight.of(Map.of("sun", 4, "fog", 2.5)).bind(CLASSES, "M");
        assertEquals(List.of(2.5, 1.0, 4.0), w.weights());
        assertArrayEquals(new double[] {2.5, 1, 4}, w.of(new int[] {0, 1, 2}, 3, "M"));
    }

    @Test
    void balancedIsScikitLearnsFormulaAndAListIsTakenAsWritten() {
        int[] y = {0, 0, 0, 0, 0, 0, 1, 1, 2, 2}; // 6, 2, 2 of 10: 10 / (3 x n_c)
        assertArrayEquals(new double[] {10 / 18.0, 10 / 6.0, 10 / 6.0}, ClassWeight.of("balanced").of(y, 3, "M"), 1e-12);
        assertArrayEquals(new double[] {1, 2, 3}, ClassWeight.of(List.of(1, 2, 3)).bind(CLASSES, "M").of(y, 3, "M"));
    }

    @Test
    void badValuesAreInputErrorsNamingTheKeyAndTheAllowedForms() {
        var unknown = assertThrows(InputException.class, () -> ClassWeight.of(Map.of("hail", 2)).bind(CLASSES, "M"));
        assertEquals("model 'M': class_weight = {hail: 2} names 'hail', which is not a class of the data (fog, rain, sun)",
                unknown.getMessage());
        var length = assertThrows(InputException.class, () -> ClassWeight.of(List.of(1, 2)).check(CLASSES, "M"));
        assertTrue(length.getMessage().startsWith("model 'M': class_weight = [1, 2] needs one weight per class, in the order "
                + "fog, rain, sun (3); or write 'balanced'"), length.getMessage());
        var word = assertThrows(IllegalArgumentException.class, () -> ClassWeight.of("heavy"));
        assertTrue(word.getMessage().contains(ClassWeight.ALLOWED), word.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClassWeight.of(Map.of("fog", -1)));
        assertThrows(IllegalStateException.class, () -> ClassWeight.of(Map.of("fog", 2)).of(new int[] {0}, 3, "M"),
                "a map must be bound to the classes first");
    }

    @Test
    void theForestDrawsFewerRowsOfTheLighterClass() {
        // 900 of class 0, 100 of class 1: balanced, [1, 9] and {b: 9} all divide class 0's draws by 9 and keep class 1's
        int[] y = new int[1000];
        for (int i = 900; i < 1000; i++) y[i] = 1;
        List<String> ab = List.of("a", "b");
        assertArrayEquals(new int[] {9, 1}, RandomForestSpec.divisors(ClassWeight.of("balanced").of(y, 2, "RF")));
        assertArrayEquals(new int[] {9, 1}, RandomForestSpec.divisors(ClassWeight.of(List.of(1, 9)).of(y, 2, "RF")));
        assertArrayEquals(new int[] {9, 1}, RandomForestSpec.divisors(ClassWeight.of(Map.of("b", 9)).bind(ab, "RF").of(y, 2, "RF")));
        assertArrayEquals(new int[] {1, 1}, RandomForestSpec.divisors(new double[] {2, 2}));
    }

    @Test
    void weightingTheMinorityClassRaisesItsRecall() {
        // Overlapping classes, 9:1: unweighted, the forest mostly says the majority class; weighted, the minority's recall rises.
        SplittableRandom rnd = new SplittableRandom(7);
        double[][] x = new double[2000][];
        int[] y = new int[2000];
        for (int i = 0; i < x.length; i++) {
            y[i] = i % 10 == 0 ? 1 : 0;
            x[i] = new double[] {rnd.nextGaussian() + y[i], rnd.nextGaussian() + y[i]};
        }
        double plain = recallOfClass1(new RandomForestSpec("RF", 30, null, null, null, null, 10, null, null), x, y);
        double weighted = recallOfClass1(new RandomForestSpec("RF", 30, null, null, null, null, 10, null,
                ClassWeight.of(Map.of("b", 9))).forClasses(List.of("a", "b")), x, y);
        assertTrue(weighted > plain + 0.25, "recall of the weighted class: " + plain + " -> " + weighted);
    }

    private static double recallOfClass1(RandomForestSpec spec, double[][] x, int[] y) {
        int half = x.length / 2;
        Model m = spec.fit(java.util.Arrays.copyOf(x, half), java.util.Arrays.copyOf(y, half), 2, 1);
        int hit = 0, total = 0;
        for (int i = half; i < x.length; i++) {
            if (y[i] != 1) continue;
            total++;
            if (m.predict(x[i]) == 1) hit++;
        }
        return hit / (double) total;
    }
}
