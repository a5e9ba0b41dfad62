package org.crystalbench.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SyntheticDataTest {
    static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** The default file is fixed: test data, ids and recorded hashes depend on its bytes (SHA-256 taken before --systems). */
    @Test
    void defaultOutputIsByteIdentical() throws Exception {
        assertEquals("22a5afb10a3730b5ec123b1216e2db06ad3005e1d8c7c3b4fe41055903b8d729", sha256(SyntheticData.csv(339, 1)));
        assertEquals("d76bc586d7502bb277daba66e565944854e1ae4cb6d0b1be1810aa2c4a1334db", sha256(SyntheticData.csv(50, 7)));
        assertEquals(SyntheticData.csv(50, 7), SyntheticData.csv(50, 7, 3));
    }

    static List<String[]> rows(String csv) {
        return csv.lines().skip(1).map(l -> l.split(",")).toList();
    }

    @Test
    void sevenSystemsEachWithItsOwnSpaceGroups() {
        List<String[]> rows = rows(SyntheticData.csv(700, 2, 7));
        Map<String, Set<String>> groups = new HashMap<>();
        for (String[] r : rows) groups.computeIfAbsent(r[10], k -> new TreeSet<>()).add(r[2]);
        assertEquals(Set.of("triclinic", "monoclinic", "orthorhombic", "tetragonal", "trigonal", "hexagonal", "cubic"), groups.keySet());
        Set<String> seen = new java.util.HashSet<>();
        groups.values().forEach(g -> g.forEach(sg -> assertTrue(seen.add(sg), "space group in two systems: " + sg)));
        for (String s : groups.keySet()) {
            long n = rows.stream().filter(r -> r[10].equals(s)).count();
            assertTrue(n >= 50, s + ": " + n + " rows of 700"); // shares 0.1 to 0.25
        }
    }

    @Test
    void twoSystemsIsABinaryTarget() {
        assertEquals(Set.of("triclinic", "monoclinic"),
                Set.copyOf(rows(SyntheticData.csv(40, 2, 2)).stream().map(r -> r[10]).toList()));
    }
}
