package org.crystalbench.chemistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Formulas at the edges of a double and of the call stack: an error message, never infinity or a stack overflow. */
class FormulaLimitsTest {
    static String message(String text) {
        return assertThrows(IllegalArgumentException.class, () -> Formula.parse(text)).getMessage();
    }

    @Test
    void aCountTooLargeForADoubleIsRefused() {
        String m = message("Li" + "9".repeat(400) + "O");
        assertTrue(m.contains("is too large at character 3"), m);
        assertTrue(m.length() < 120, "the count is shortened in the message: " + m);
    }

    @Test
    void nestedMultipliersThatOverflowAreRefused() {
        // 1e8 ^ 40 = 1e320: every count is fine, their product is not
        String deep = "(".repeat(40) + "Li" + ")99999999".repeat(40);
        assertTrue(message(deep).contains("the amount of Li overflows"), message(deep));
        // two finite amounts whose sum overflows: the atoms per formula unit
        String big = "9" + "0".repeat(307); // 9e307: two of them exceed the largest double
        assertTrue(message("Li" + big + "O" + big + "Si" + big).contains("overflow"));
        // just below: still a formula
        assertEquals(1e300, Formula.parse("Li1" + "0".repeat(300)).atoms(), 1e285);
    }

    @Test
    void deepNestingIsAnErrorOrAFormulaNotAStackOverflow() {
        String open = "(".repeat(20_000);
        assertEquals(1, Formula.parse(open + "Li" + ")".repeat(20_000)).atoms()); // iterative: depth costs memory, not stack
        assertTrue(message(open + "Li").contains("'(' at 20000 not closed by ')'"), message(open + "Li"));
        assertTrue(message("[".repeat(20_000) + "Li" + ")".repeat(20_000)).contains("not closed by ']'"));
        assertTrue(message("(Li").contains("'(' at 1 not closed by ')' at character 4"), message("(Li"));
    }
}
