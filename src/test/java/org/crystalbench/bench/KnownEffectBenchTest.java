package org.crystalbench.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The known effect is the size it claims, and the calibration kernel is the factor-1.00 work. */
class KnownEffectBenchTest {
    @Test
    void extraWorkIsFiveAndTenPercentOfTheProduct() {
        assertEquals(0, KnownEffectBench.extraSteps(1.00));
        assertEquals(205, KnownEffectBench.extraSteps(1.05)); // 4301 / 4096 = 1.05005
        assertEquals(410, KnownEffectBench.extraSteps(1.10)); // 4506 / 4096 = 1.10010
        assertThrows(IllegalArgumentException.class, () -> KnownEffectBench.extraSteps(0.9));
    }

    @Test
    void theCalibrationKernelIsThePlainProduct() {
        SplittableRandom rng = new SplittableRandom(1);
        double[][] a = CalibrationBench.matrix(rng), b = CalibrationBench.matrix(rng);
        var cal = new CalibrationBench();
        cal.setup();
        var known = new KnownEffectBench();
        known.factor = 1.00;
        known.setup();
        assertArrayEquals(cal.kernel(), known.kernel()); // same matrices (seed 7), same work
        double[][] c = CalibrationBench.multiply(a, b, 0);
        double expected = 0;
        for (int k = 0; k < CalibrationBench.N; k++) expected += a[3][k] * b[k][5];
        assertEquals(expected, c[3][5], 1e-12);
        // the extra steps redo rows from the top: with N^2 of them the product is added twice
        double[][] twice = CalibrationBench.multiply(a, b, CalibrationBench.N * CalibrationBench.N);
        assertEquals(2 * c[3][5], twice[3][5], 1e-12);
    }
}
