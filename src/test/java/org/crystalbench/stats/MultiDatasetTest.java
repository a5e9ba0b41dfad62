package org.crystalbench.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MultiDatasetTest {

    /** Demšar 2006, section 3.2.2 on Table 6 (14 data sets x 4 C4.5 variants): ranks 3.143 2.000 2.893 1.964. */
    @Test
    void demsarTable6Example() {
        double[] ranks = {44 / 14.0, 28 / 14.0, 40.5 / 14.0, 27.5 / 14.0};
        var f = MultiDataset.friedman(ranks, 14);
        assertEquals(9.28, f.chi2(), 0.005);           // published chi2_F = 9.28
        assertEquals(3.69, f.ff(), 0.005);             // published F_F = 3.69, F(3, 39)
        assertEquals(0.0197, f.pF(), 0.0005);          // scipy.stats.f.sf(3.69, 3, 39) = 0.01974 (for the published F)
        assertEquals(1.25, MultiDataset.criticalDifference(4, 14, 0.05), 0.005); // published CD = 1.25
        assertEquals(1.12, MultiDataset.criticalDifference(4, 14, 0.10), 0.005); // published CD(0.10) = 1.12
    }

    /**
     * Expected: scipy stats.friedmanchisquare (tie-corrected; 1.17.1, and the same digits from 1.10.1) on random tables (numpy default_rng(7), rounded to 2
     * decimals; table a has a tie in its 5th row, so a missing tie correction gives 5.119 and fails).
     */
    @Test
    void matchesScipyOnRandomTables() {
        double[][] a = {{0.63, 0.9, 0.78, 0.23, 0.3, 0.87}, {0.01, 0.82, 0.8, 0.47, 0.3, 0.28}, {0.25, 0.45, 0.5, 0.55, 1.0, 0.79},
                {0.62, 0.99, 0.22, 0.16, 0.61, 0.04}, {0.04, 0.51, 0.47, 0.92, 0.63, 0.51}, {0.5, 0.25, 0.01, 0.19, 0.69, 0.2}};
        check(a, 5.143540669856461, 0.39861481174989344);
        double[][] b = {{0.37, 0.0, 0.83}, {0.15, 0.27, 0.88}, {0.51, 0.85, 0.64}, {0.74, 0.09, 0.54}, {0.51, 0.87, 0.36},
                {0.6, 0.06, 0.39}, {0.32, 0.15, 0.82}, {0.38, 0.98, 0.59}, {0.61, 0.64, 0.68}, {0.15, 0.44, 0.24}};
        check(b, 1.8000000000000114, 0.4065696597405968);
        double[][] c = {{0.4, 0.1, 0.97, 0.22, 0.67, 0.3, 0.87, 0.66}, {0.13, 0.85, 0.94, 0.9, 0.57, 0.15, 0.19, 0.93},
                {0.55, 0.18, 0.88, 0.64, 0.57, 0.38, 0.41, 0.24}, {0.04, 0.88, 0.47, 0.55, 0.32, 0.75, 0.03, 0.37},
                {0.03, 0.12, 0.97, 0.66, 0.43, 0.52, 0.87, 0.34}};
        check(c, 12.0, 0.10055886850835878);
    }

    private static void check(double[][] t, double chi2, double p) {
        var f = MultiDataset.friedman(t);
        assertEquals(chi2, f.chi2(), 1e-9);
        assertEquals(p, f.pChi2(), 1e-7);
    }

    @Test
    void tiesShareTheMeanRank() {
        assertArrayEquals(new double[] {1.5, 3, 1.5, 4}, MultiDataset.ranks(new double[][] {{0.9, 0.5, 0.9, 0.1}})[0]);
    }

    /**
     * Every q_alpha against the studentized range quantile: scipy 1.10.1 studentized_range.ppf(1 - alpha, k, 1e7) / sqrt(2),
     * k = 2..20. The table is Demšar's Table 5(a) to 3 decimals (k <= 10), so within 0.0011 (e.g. k = 3: 2.343 vs 2.34370).
     */
    @Test
    void nemenyiTableMatchesTheStudentizedRange() {
        double[] q05 = {1.95996, 2.34370, 2.56903, 2.72777, 2.84971, 2.94832, 3.03088, 3.10173, 3.16368, 3.21865, 3.26800, 3.31274,
                3.35362, 3.39123, 3.42604, 3.45842, 3.48868, 3.51707, 3.54380};
        double[] q10 = {1.64485, 2.05229, 2.29134, 2.45952, 2.58852, 2.69273, 2.77988, 2.85461, 2.91989, 2.97777, 3.02969, 3.07673,
                3.11969, 3.15920, 3.19574, 3.22972, 3.26146, 3.29122, 3.31923};
        for (int k = 2; k <= 20; k++) {
            assertEquals(q05[k - 2], MultiDataset.nemenyiQ(k, 0.05), 0.0011, "k = " + k + ", alpha 0.05");
            assertEquals(q10[k - 2], MultiDataset.nemenyiQ(k, 0.10), 0.0011, "k = " + k + ", alpha 0.10");
        }
        assertEquals(3.164, MultiDataset.nemenyiQ(10, 0.05)); // Demšar's Table 5(a) as printed
    }

    /** Best = lowest mean rank; z by hand; Holm multiplies the smallest of m p-values by m. */
    @Test
    void holmAgainstTheBest() {
        double[] ranks = {3.143, 2.000, 2.893, 1.964};
        var v = MultiDataset.holmVersusBest(ranks, 14);
        assertEquals(3, v.best());
        double se = Math.sqrt(4 * 5 / (6.0 * 14));
        assertEquals((3.143 - 1.964) / se, v.z()[0], 1e-12);
        // scipy: 2 * norm.sf(1.179 / sqrt(20/84)) = 0.0156821; Holm: x3 (the smallest of three)
        assertEquals(0.0156821, v.p()[0], 1e-6);
        assertEquals(3 * 0.0156821, v.pHolm()[0], 3e-6);
        assertEquals(2 * 0.0569254, v.pHolm()[2], 3e-6);
        assertEquals(Double.NaN, v.p()[3]);
    }
}
