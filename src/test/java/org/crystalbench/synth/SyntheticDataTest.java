package org.crystalbench.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.cli.Main;
import org.crystalbench.config.DatasetSpec;
import org.crystalbench.data.CsvLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDataTest {
    static final DatasetSpec SPEC = new DatasetSpec(null, "Crystal System", List.of("Materials Id"),
            List.of("Formation Energy (eV)", "E Above Hull (eV)", "Band Gap (eV)", "Nsites", "Density (gm/cc)", "Volume"),
            List.of("Formula", "Spacegroup", "Has Bandstructure"), null, null);

    @Test
    void synthWritesTheRealSchemaWithSpaceGroupDeterminingTheClass(@TempDir Path dir) {
        Path out = dir.resolve("s.csv");
        assertEquals(0, Main.commandLine().execute("synth", "--rows", "400", "--seed", "3", "--out", out.toString()));
        var data = CsvLoader.load(out, SPEC); // loads with the real schema: every column present and typed
        assertEquals(400, data.size());
        assertEquals(List.of("monoclinic", "orthorhombic", "triclinic"), data.classes());
        Map<String, Integer> classOfGroup = new HashMap<>();
        for (int r = 0; r < data.size(); r++) {
            Integer before = classOfGroup.putIfAbsent(data.categorical()[r][1], data.y()[r]);
            assertTrue(before == null || before == data.y()[r], "space group maps to one class");
            assertEquals("P1".equals(data.categorical()[r][1]), data.y()[r] == 2, "P1 <=> triclinic");
        }
        int[] counts = data.classCounts();
        assertTrue(counts[0] > counts[2] && counts[1] > counts[2], "triclinic is the smallest class, as in the real data");
    }

    @Test
    void sameSeedSameRowsCrlfLikeThePublicFile() throws Exception {
        assertEquals(SyntheticData.csv(50, 1), SyntheticData.csv(50, 1));
        assertNotEquals(SyntheticData.csv(50, 1), SyntheticData.csv(50, 2));
        assertTrue(SyntheticData.csv(5, 1).contains("\r\n"));
    }

    @Test
    void tooFewRowsIsBadInput(@TempDir Path dir) {
        assertEquals(2, Main.commandLine().execute("synth", "--rows", "2", "--out", dir.resolve("x.csv").toString()));
        assertTrue(Files.notExists(dir.resolve("x.csv")));
    }
}
