package org.crystalbench.chemistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Descriptor values worked out by hand for Li2FeSiO4 (fractions Li 1/4, Fe 1/8, Si 1/8, O 1/2). */
class DescriptorsTest {
    static double value(double[] d, String column) {
        return d[Descriptors.COLUMNS.indexOf(column)];
    }

    @Test
    void li2FeSiO4ByHand() {
        double[] d = Descriptors.properties(Formula.parse("Li2FeSiO4"));
        assertEquals(35, d.length);
        // Z: Li 3, Fe 26, Si 14, O 8
        assertEquals(0.25 * 3 + 0.125 * 26 + 0.125 * 14 + 0.5 * 8, value(d, "mean atomic number"), 1e-12); // 9.75
        assertEquals(3, value(d, "min atomic number"));
        assertEquals(26, value(d, "max atomic number"));
        assertEquals(23, value(d, "range atomic number"));
        assertEquals(0.25 * 6.75 + 0.125 * 16.25 + 0.125 * 4.25 + 0.5 * 1.75, value(d, "mad atomic number"), 1e-12); // 5.125
        // Pauling: Li 0.98, Fe 1.83, Si 1.90, O 3.44
        assertEquals(2.43125, value(d, "mean electronegativity"), 1e-12);
        assertEquals(2.46, value(d, "range electronegativity"), 1e-12);
        // periods 2, 4, 3, 2; groups 1, 8, 14, 16; valence electrons 1, 8, 4, 6
        assertEquals(0.25 * 2 + 0.125 * 4 + 0.125 * 3 + 0.5 * 2, value(d, "mean period"), 1e-12);
        assertEquals(0.25 * 1 + 0.125 * 8 + 0.125 * 14 + 0.5 * 16, value(d, "mean group"), 1e-12);
        assertEquals(4.75, value(d, "mean valence electrons"), 1e-12);
        assertEquals(1, value(d, "min valence electrons"));
        // covalent radii (Å): Li 1.34, Fe 1.25, Si 1.11, O 0.73
        assertEquals(0.25 * 1.34 + 0.125 * 1.25 + 0.125 * 1.11 + 0.5 * 0.73, value(d, "mean covalent radius"), 1e-12);
        assertEquals(0.61, value(d, "range covalent radius"), 1e-12);
        // standard atomic weights 6.94, 55.845, 28.085, 15.999 (CDK's natural masses agree to 0.01)
        assertEquals((2 * 6.94 + 55.845 + 28.085 + 4 * 15.999) / 8, value(d, "mean atomic mass"), 0.01);
    }

    @Test
    void aMissingPropertyIsAnErrorNotAZero() {
        var e = assertThrows(IllegalArgumentException.class, () -> Descriptors.properties(Formula.parse("LiNe")));
        assertTrue(e.getMessage().contains("Ne has no electronegativity"), e.getMessage());
    }
}
