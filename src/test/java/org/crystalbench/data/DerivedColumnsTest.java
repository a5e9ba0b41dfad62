package org.crystalbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.crystalbench.InputException;
import org.crystalbench.config.DatasetSpec;
import org.crystalbench.config.DerivedSpec;
import org.crystalbench.config.DerivedSpec.Composition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DerivedColumnsTest {
    @TempDir Path dir;

    static final DatasetSpec SPEC = new DatasetSpec(null, "cls", List.of(), List.of("Density"), List.of(),
            DatasetSpec.MissingPolicy.ERROR, Map.of(), new DerivedSpec(new Composition("Formula", "Nsites", "Volume")));

    Path csv(String... rows) throws Exception {
        Path f = dir.resolve("d.csv");
        Files.writeString(f, "Formula,Nsites,Volume,Density,cls\n" + String.join("\n", rows) + "\n");
        return f;
    }

    static double cell(Dataset d, int row, String column) {
        int j = d.numericNames().indexOf(column);
        assertTrue(j >= 0, column + " in " + d.numericNames());
        return d.numeric().get(row, j);
    }

    @Test
    void appendsDescriptorsAndOneFractionColumnPerElementOfTheFile() throws Exception {
        Dataset d = CsvLoader.load(csv("Li2FeSiO4,32,300.5,3.1,a", "Li2Co(SiO3)2,22,260,3.0,b"), SPEC);
        assertEquals(List.of("fraction Li", "fraction O", "fraction Si", "fraction Fe", "fraction Co"),
                d.groups().get(Composition.FRACTIONS)); // by atomic number
        assertEquals(35, d.groups().get(Composition.PROPERTIES).size());
        assertEquals(8, cell(d, 0, Composition.ATOMS));
        assertEquals(4, cell(d, 0, Composition.FORMULA_UNITS));          // 32 sites / 8 atoms
        assertEquals(300.5 / 32, cell(d, 0, Composition.VOLUME_PER_ATOM), 1e-12);
        assertEquals(11, cell(d, 1, Composition.ATOMS)); // Li2 Co Si2 O6
        assertEquals(2, cell(d, 1, Composition.FORMULA_UNITS));
        assertEquals(0.125, cell(d, 0, "fraction Fe"));
        assertEquals(0, cell(d, 0, "fraction Co"));
        assertEquals(6.0 / 11, cell(d, 1, "fraction O"), 1e-15);
        assertEquals(9.75, cell(d, 0, "mean atomic number"), 1e-12);
        assertEquals(3.1, cell(d, 0, "Density"));
    }

    @Test
    void anUnparseableFormulaNamesFileLineAndValue() throws Exception {
        Path f = csv("Li2FeSiO4,32,300,3.1,a", "Li2Fe(SiO4,26,260,3.0,b");
        var e = assertThrows(InputException.class, () -> CsvLoader.load(f, SPEC));
        assertTrue(e.getMessage().startsWith(f + ":3: column 'Formula': 'Li2Fe(SiO4' is not a usable formula"), e.getMessage());
        Path g = csv("Li2FeSiO4,0,300,3.1,a");
        var e2 = assertThrows(InputException.class, () -> CsvLoader.load(g, SPEC));
        assertTrue(e2.getMessage().startsWith(g + ":2: column 'Nsites': '0' is not a positive number"), e2.getMessage());
    }

    @Test
    void rowsWithAMissingFormulaAreDroppedUnderDropRows() throws Exception {
        var spec = new DatasetSpec(null, "cls", List.of(), List.of("Density"), List.of(), DatasetSpec.MissingPolicy.DROP_ROWS,
                Map.of(), SPEC.derived());
        Dataset d = CsvLoader.load(csv("Li2FeSiO4,32,300,3.1,a", ",26,260,3.0,b", "LiCoO2,4,40,3.0,b"), spec);
        assertEquals(2, d.size());
        assertEquals(1, d.rowsDropped());
        assertArrayEquals(new int[] {2, 4}, d.lines());
    }
}
