package org.crystalbench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link TableMath#exp} against the exact value (computed here in {@code BigDecimal} to 80 digits) and against
 * {@code StrictMath}: within 0.51 ulp of exact (measured 0.507 on 20,000 arguments, where {@code StrictMath.exp}
 * reaches 0.80), never more than 1 ulp from {@code StrictMath}, and outside its fast path {@code StrictMath} itself.
 */
class TableMathTest {
    private static final MathContext MC = new MathContext(80);

    /** e^x: the series at x / 2^s (|x / 2^s| &lt;= 1/1000), squared s times. */
    private static BigDecimal exactExp(double x) {
        int s = 0;
        BigDecimal y = new BigDecimal(x), limit = new BigDecimal("0.001");
        for (; y.abs().compareTo(limit) > 0; s++) y = y.divide(BigDecimal.TWO, MC);
        BigDecimal sum = BigDecimal.ONE, term = BigDecimal.ONE;
        for (int k = 1; k < 30; k++) {
            term = term.multiply(y, MC).divide(BigDecimal.valueOf(k), MC);
            sum = sum.add(term, MC);
        }
        for (int i = 0; i < s; i++) sum = sum.multiply(sum, MC);
        return sum;
    }

    @Test
    void expIsWithinHalfAnUlpOfExact() {
        Random r = new Random(7);
        double worst = 0;
        for (int i = 0; i < 3000; i++) {
            // the loss's range (softmax differences, <= 0), near 0, and the whole fast path up to 709
            double x = switch (i % 4) {
                case 0 -> -40 * r.nextDouble();
                case 1 -> -1e-3 * r.nextDouble();
                case 2 -> -2 * r.nextDouble();
                default -> -708 + 1417 * r.nextDouble();
            };
            BigDecimal exact = exactExp(x);
            worst = Math.max(worst, Math.abs(new BigDecimal(TableMath.exp(x)).subtract(exact, MC).doubleValue())
                    / Math.ulp(exact.doubleValue()));
        }
        assertTrue(worst <= 0.51, "exp within " + worst + " ulp");
    }

    @Test
    void withinOneUlpOfStrictMathOnAMillionArguments() {
        Random r = new Random(9);
        long differ = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double t = i % 10 == 0 ? -708 * r.nextDouble() : -30 * r.nextDouble();
            long d = Math.abs(Double.doubleToLongBits(TableMath.exp(t)) - Double.doubleToLongBits(StrictMath.exp(t)));
            assertTrue(d <= 1, "at " + t);
            differ += d;
        }
        assertTrue(differ > 0, "differs somewhere (else it would be StrictMath itself)");
    }

    @Test
    void specialCasesAsStrictMath() {
        double[] outside = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE,
                -Double.MAX_VALUE, 709.5, 710, -708.5, -745.2, -746};
        for (double x : outside) assertEquals(StrictMath.exp(x), TableMath.exp(x), "exp(" + x + ")");
        assertEquals(1.0, TableMath.exp(0.0)); // the loss relies on exp(0) == 1 exactly
        assertEquals(1.0, TableMath.exp(-0.0));
        assertEquals(Math.E, TableMath.exp(1.0)); // correctly rounded (StrictMath.exp(1) is 1 ulp above)
        assertEquals(0.5, TableMath.exp(-0.6931471805599453));
    }
}
