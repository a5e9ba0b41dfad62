package org.crystalbench.models;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * {@code exp} in plain double arithmetic from a 128-entry table, within 0.51 ulp of the exact value (TableMathTest;
 * {@code StrictMath.exp} is within 1 ulp, measured 0.80), for the logistic fit's loss (issue 30, fifth session:
 * {@code StrictMath}'s fdlibm exp was 28% of the fit; this one takes about 60% of its time per call). Only {@code +},
 * {@code -}, {@code *} and bit operations on doubles, which Java defines to the bit on every machine since Java 17
 * (JEP 306): the same bits everywhere, as {@code StrictMath}, though not the same bits as it (they differ by 1 ulp on
 * about one argument in ten). Arguments outside [-708, 709] (NaN, infinities, results that overflow or are subnormal)
 * go to {@code StrictMath.exp}. The table is computed when the class loads, in {@code BigDecimal} (60 digits), then
 * rounded to doubles.
 *
 * <p>The method is Tang's (P. T. P. Tang, "Table-driven implementation of the exponential function in IEEE
 * floating-point arithmetic", ACM TOMS 15(2), 1989, with 128 table points instead of 32): x = (128 m + j) ln2 / 128
 * + r with |r| &lt;= ln2 / 256, and e^x = 2^m 2^(j/128) e^r, where 2^(j/128) is a pair of doubles (value and
 * remainder) and e^r - 1 a degree-5 Taylor polynomial (truncation below 1e-18).
 */
final class TableMath {
    private TableMath() {}

    private static final int BITS = 7, N = 1 << BITS;
    /** ln 2 in two parts (fdlibm's): the high part has 32 significant bits, so k * LN2_HI / N is exact for |k| &lt; 2^21. */
    private static final double LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10;
    /** N / ln 2, and 1.5 * 2^52: adding it rounds a double below 2^51 to an integer, left in the low bits. */
    private static final double INV_LN2_N = N / 0.6931471805599453, SHIFT = 0x1.8p52;
    private static final double[] TWO_HI = new double[N], TWO_LO = new double[N];

    static {
        MathContext mc = new MathContext(60);
        BigDecimal root = BigDecimal.TWO; // 2^(1/128), by seven square roots
        for (int i = 0; i < BITS; i++) root = root.sqrt(mc);
        BigDecimal t = BigDecimal.ONE;
        for (int j = 0; j < N; j++, t = t.multiply(root, mc)) {
            TWO_HI[j] = t.doubleValue();
            TWO_LO[j] = t.subtract(new BigDecimal(TWO_HI[j]), mc).doubleValue();
        }
    }

    /** e^x. */
    static double exp(double x) {
        if (!(x > -708 && x < 709)) return StrictMath.exp(x); // NaN, overflow, subnormal results
        double kd = x * INV_LN2_N + SHIFT; // k = round(x * 128 / ln2), in the low 32 bits
        int k = (int) Double.doubleToRawLongBits(kd);
        kd -= SHIFT;
        double r = x - kd * (LN2_HI / N) - kd * (LN2_LO / N); // the first product and difference are exact
        int j = k & (N - 1), m = k >> BITS; // k = 128 m + j, 0 <= j < 128
        double p = r + r * r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120)))); // e^r - 1
        double hi = TWO_HI[j];
        // m in [-1022, 1022] here, so 2^m is a normal double and the product is exact
        return (hi + (TWO_LO[j] + hi * p)) * Double.longBitsToDouble((long) (m + 1023) << 52);
    }
}
