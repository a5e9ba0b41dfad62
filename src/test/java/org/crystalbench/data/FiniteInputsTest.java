package org.crystalbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.crystalbench.InputException;
import org.crystalbench.config.DatasetSpec;
import org.crystalbench.config.DerivedSpec.Composition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Derived numbers are finite where they are made, and a formula is never read as a missing value. */
class FiniteInputsTest {
    @TempDir Path dir;

    Path csv(String... rows) throws Exception {
        Path f = dir.resolve("d.csv");
        Files.writeString(f, "Formula,Nsites,Volume,Density,cls\n" + String.join("\n", rows) + "\n");
        return f;
    }

    static DatasetSpec spec(DatasetSpec.MissingPolicy missing, List<String> categorical) {
        return new DatasetSpec(null, "cls", List.of(), List.of("Density"), categorical, missing, Map.of(),
                DerivedColumnsTest.SPEC.derived());
    }

    String error(Path f) {
        return assertThrows(InputException.class, () -> CsvLoader.load(f, DerivedColumnsTest.SPEC)).getMessage();
    }

    @Test
    void aSubnormalSiteCountOrAHugeVolumeIsRefusedNamingLineAndColumn() throws Exception {
        Path f = csv("Li2FeSiO4,32,300,3.1,a", "LiCoO2,1e-320,40,3.0,b");
        assertTrue(error(f).startsWith(f + ":3: column 'volume per atom': derived from 'Volume' 40.0 / 'Nsites' 1.0E-320 "
                + "is not a finite number"), error(f));
        Path g = csv("Li2FeSiO4,32,300,3.1,a", "LiCoO2,0.5,1e308,3.0,b");
        assertTrue(error(g).startsWith(g + ":3: column 'volume per atom'"), error(g));
        // a formula of 1e-320 atoms: sites per formula unit overflow
        Path h = csv("Li2FeSiO4,32,300,3.1,a", "Li0." + "0".repeat(319) + "1,4,40,3.0,b");
        assertTrue(error(h).startsWith(h + ":3: column 'formula units per cell': derived from 'Nsites' 4.0 / "), error(h));
    }

    @Test
    void anOverflowingFormulaCountIsRefusedNamingLineAndColumn() throws Exception {
        Path f = csv("Li2FeSiO4,32,300,3.1,a", "Li" + "9".repeat(400) + "O,4,40,3.0,b");
        assertTrue(error(f).startsWith(f + ":3: column 'Formula': 'Li999"), error(f));
        assertTrue(error(f).contains("is too large"), error(f));
        Path g = csv("Li2FeSiO4,32,300,3.1,a", "(".repeat(20_000) + "Li,4,40,3.0,b");
        assertTrue(error(g).contains("not closed"), error(g));
    }

    @Test
    void everyLoadedValueIsFinite() throws Exception {
        Dataset d = CsvLoader.load(csv("Li2FeSiO4,32,300,3.1,a", "Li1" + "0".repeat(300) + "O,4,40,3.0,b"), DerivedColumnsTest.SPEC);
        assertTrue(Arrays.stream(d.numeric().toArrays()).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite));
    }

    @Test
    void sodiumIsAFormulaNotAMissingValue() throws Exception {
        Path f = csv("Li2FeSiO4,32,300,3.1,a", "Na,4,40,3.0,b", "NaN,8,90,3.0,b");
        for (var policy : DatasetSpec.MissingPolicy.values()) {
            // also when the formula column is a categorical feature too (as in configs/materials.yaml)
            for (var categorical : List.of(List.<String>of(), List.of("Formula"))) {
                Dataset d = CsvLoader.load(f, spec(policy, categorical));
                assertEquals(3, d.size(), policy + " " + categorical);
                assertEquals(0, d.rowsDropped());
                assertEquals(1.0, DerivedColumnsTest.cell(d, 1, Composition.FRACTION_PREFIX + "Na"));
                assertEquals(0.5, DerivedColumnsTest.cell(d, 2, Composition.FRACTION_PREFIX + "N"));
                if (!categorical.isEmpty()) assertEquals("Na", d.categorical()[1][0]);
            }
        }
        // a missing token that is no formula is still missing
        Path g = csv("Li2FeSiO4,32,300,3.1,a", "n/a,4,40,3.0,b", "na,8,90,3.0,b", "LiCoO2,4,40,3.0,b");
        Dataset d = CsvLoader.load(g, spec(DatasetSpec.MissingPolicy.DROP_ROWS, List.of("Formula")));
        assertEquals(2, d.size());
        assertEquals(2, d.rowsDropped());
        var e = assertThrows(InputException.class, () -> CsvLoader.load(g, DerivedColumnsTest.SPEC));
        assertTrue(e.getMessage().startsWith(g + ":3: column 'Formula': missing value 'n/a'"), e.getMessage());
    }
}
