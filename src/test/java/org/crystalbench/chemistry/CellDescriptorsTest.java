package org.crystalbench.chemistry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cell descriptors worked out by hand. */
class CellDescriptorsTest {
    static double value(double[] d, String column) {
        int i = CellDescriptors.COLUMNS.indexOf(column);
        assertTrue(i >= 0, column);
        return d[i];
    }

    @Test
    void li2FeSiO4InACellOf32SitesByHand() {
        double[] d = CellDescriptors.of(Formula.parse("Li2FeSiO4"), 32, 300);
        assertEquals(CellDescriptors.COLUMNS.size(), d.length);
        // 8 atoms per formula unit, Z = 4: counts per cell Li 8, Fe 4, Si 4, O 16
        assertEquals(0, value(d, "formula units odd"));
        assertEquals(2, value(d, "formula units 2-adic"));
        assertEquals(5, value(d, "sites 2-adic"));
        assertEquals(4, value(d, "min count per cell"));
        assertEquals(2, value(d, "min count 2-adic"));
        assertEquals(300.0 / 16, value(d, "volume per anion"), 1e-12);
        assertEquals(75, value(d, "volume per formula unit"), 1e-12);
        assertEquals(2, value(d, "alkali per transition metal"));
        assertEquals(2, value(d, "alkali per framework cation"));
        assertEquals(4, value(d, "anion per framework cation"));
        assertEquals(1, value(d, "anion per cation"));
        assertEquals(26, value(d, "transition metal atomic number"));
        // Li +1 x 2, Si +4, O -2 x 4: Fe balances -(2 + 4 - 8) = +2
        assertEquals(2, value(d, "transition metal oxidation state"), 1e-12);
        assertEquals(8, value(d, "alkali per cell"));
        assertEquals(16, value(d, "anion per cell"));
        assertEquals(3, value(d, "alkali per cell 2-adic"));
        assertEquals(4, value(d, "anion per cell 2-adic"));
        // The same cell written unreduced describes the same cell.
        assertArrayEquals(d, CellDescriptors.of(Formula.parse("Li4Fe2Si2O8"), 32, 300));
    }

    @Test
    void oddCellsMixedValenceAndFractionalFormulas() {
        // Li3Fe2(SiO4)2: 15 atoms, 15 sites -> Z = 1 (odd); Fe balances -(3 + 8 - 16) / 2 = +2.5
        double[] d = CellDescriptors.of(Formula.parse("Li3Fe2(SiO4)2"), 15, 200);
        assertEquals(1, value(d, "formula units odd"));
        assertEquals(0, value(d, "formula units 2-adic"));
        assertEquals(0, value(d, "sites 2-adic"));
        assertEquals(2.5, value(d, "transition metal oxidation state"), 1e-12);
        assertEquals(1.5, value(d, "alkali per transition metal"), 1e-12);
        // Li0.5CoO2 reduces to Li Co2 O4 (7 atoms); Co balances -(1 - 8) / 2 = +3.5
        assertEquals(Map.of("Li", 1.0, "Co", 2.0, "O", 4.0), CellDescriptors.reduced(Formula.parse("Li0.5CoO2")));
        assertEquals("Co2 Li1 O4", CellDescriptors.reducedKey(Formula.parse("Li0.5CoO2")));
        assertEquals("4 2 1 @14", CellDescriptors.prototypeKey(Formula.parse("LiCo2O4"), 14));
        assertEquals(3.5, value(CellDescriptors.of(Formula.parse("Li0.5CoO2"), 14, 100), "transition metal oxidation state"), 1e-12);
        // No transition metal: its ratio, number and oxidation state are 0, not NaN.
        double[] noTm = CellDescriptors.of(Formula.parse("Li4SiO4"), 18, 150);
        assertEquals(0, value(noTm, "alkali per transition metal"));
        assertEquals(0, value(noTm, "transition metal oxidation state"));
        assertEquals(0, value(noTm, "transition metal per cell"));
    }

    @Test
    void rolesFollowThePeriodicTableNotNames() {
        Formula f = Formula.parse("NaMnPO4F");
        assertEquals("F", CellDescriptors.anion(f));
        assertEquals(CellDescriptors.Role.ALKALI, CellDescriptors.role(f, "Na"));
        assertEquals(CellDescriptors.Role.TRANSITION_METAL, CellDescriptors.role(f, "Mn"));
        assertEquals(CellDescriptors.Role.FRAMEWORK, CellDescriptors.role(f, "P"));
        assertEquals(CellDescriptors.Role.FRAMEWORK, CellDescriptors.role(f, "O")); // not the most electronegative here
    }

    @Test
    void twoAdicValuationOfRationals() {
        assertEquals(2, CellDescriptors.twoAdic(12));
        assertEquals(0, CellDescriptors.twoAdic(7));
        assertEquals(-1, CellDescriptors.twoAdic(0.5));
        assertEquals(1, CellDescriptors.twoAdic(1.5 * 4 / 3)); // 2
        assertEquals(0, CellDescriptors.twoAdic(Math.PI)); // no small denominator: counts as odd
    }

    @Test
    void aDescriptorThatIsNotFiniteIsAnErrorNamingIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> CellDescriptors.of(Formula.parse("Li2FeSiO4"), 1e-300, 1e308));
        assertTrue(e.getMessage().contains("'volume per anion' is not a finite number"), e.getMessage());
    }
}
