package org.crystalbench.chemistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormulaTest {
    private static Map<String, Double> amounts(Object... symbolAndCount) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < symbolAndCount.length; i += 2) m.put((String) symbolAndCount[i], ((Number) symbolAndCount[i + 1]).doubleValue());
        return m;
    }

    @Test
    void readsMaterialsProjectFormulas() {
        assertEquals(amounts("Li", 2, "Fe", 1, "Si", 1, "O", 4), Formula.parse("Li2FeSiO4").amounts());
        assertEquals(amounts("Li", 17, "Fe", 6, "Si", 12, "O", 42), Formula.parse("Li17Fe6(Si2O7)6").amounts());
        assertEquals(amounts("Li", 10, "Fe", 3, "Si", 12, "O", 36), Formula.parse("Li10Fe3Si12O36").amounts());
        assertEquals(amounts("Li", 0.5, "Mn", 1.5, "O", 4), Formula.parse("Li0.5Mn1.5O4").amounts());
        assertEquals(amounts("Li", 4, "Fe", 2, "Si", 2, "O", 8), Formula.parse("Li4 Fe2 Si2 O8").amounts()); // full formula
        assertEquals(amounts("K", 4, "Fe", 1, "C", 6, "N", 6), Formula.parse("K4[Fe(CN)6]").amounts());  // nested groups
        assertEquals(amounts("Li", 1, "Co", 1, "O", 2), Formula.parse("LiCoO2").amounts());                 // Co, not C + O
        assertEquals(amounts("Li", 2, "O", 3), Formula.parse("LiOLiO2").amounts());                         // repeats add up
        assertEquals(amounts("Li", 2, "Fe", 1, "Si", 2, "O", 6), Formula.parse("Li2Fe(SiO3)2").amounts());
    }

    @Test
    void atomsAndFractions() {
        Formula f = Formula.parse("Li2FeSiO4");
        assertEquals(8, f.atoms(), 0);
        assertEquals(amounts("Li", 0.25, "Fe", 0.125, "Si", 0.125, "O", 0.5), f.fractions());
        assertEquals(7.0, Formula.parse("Li0.5Mn1.5(O4)1.25").atoms(), 1e-12);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Xx2O|unknown element 'Xx' at character 1",
            "Li2(SiO4|not closed",
            "Li2)O|unexpected ')' at character 4",
            "Li0O|count '0' must be > 0 at character 3",
            "Li1.2.3O|malformed count '1.2.3' at character 3",
            "li2O|unexpected 'l' at character 1",
            "LiFe-O|unexpected '-' at character 5",
            "Li()O|empty group",
            "2LiO|unexpected '2' at character 1",
            "'   '|empty formula"})
    void rejectsWhatIsNotAFormula(String text, String message) {
        var e = assertThrows(IllegalArgumentException.class, () -> Formula.parse(text));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
