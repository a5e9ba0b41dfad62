package org.crystalbench.perf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.crystalbench.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterleavedTest {
    @Test
    void theOrderIsSeededAndMixed() {
        boolean[] a = Interleaved.baseFirst(40, 7);
        assertArrayEquals(a, Interleaved.baseFirst(40, 7));
        int first = 0;
        for (boolean b : a) first += b ? 1 : 0;
        assertTrue(first > 10 && first < 30, "base first in " + first + " of 40 rounds");
        assertTrue(!java.util.Arrays.equals(a, Interleaved.baseFirst(40, 8)));
    }

    @Test
    void eachForkIsOneJmhRunOfItsJarWithItsSideParameters(@TempDir Path dir) {
        var q = new Interleaved.Request(Path.of("base.jar"), Path.of("head.jar"), "KnownEffectBench", 6, 1, 1, 3, 400,
                Map.of("n", "2"), Map.of("factor", "1.00"), Map.of("factor", "1.10"), Path.of("configs/paper.yaml"), dir, 0.95, 0.03, Interleaved.Plan.fixed());
        var cmd = String.join(" ", Interleaved.command(q, q.headJar(), q.headParams(), dir.resolve("x.json")));
        assertTrue(cmd.contains(" -cp head.jar org.openjdk.jmh.Main KnownEffectBench -f 1 -wi 1 -w 400ms -i 3 -r 400ms -rf json -rff "), cmd);
        assertTrue(cmd.contains("-p n=2") && cmd.contains("-p factor=1.10") && !cmd.contains("factor=1.00"), cmd);
    }

    @Test
    void aJarMustExistAndHoldBenchmarks(@TempDir Path dir) throws Exception {
        var e = assertThrows(InputException.class, () -> Interleaved.checkJar(dir.resolve("no.jar"), "--base-jar"));
        assertTrue(e.getMessage().startsWith("--base-jar: ") && e.getMessage().endsWith("no.jar: file not found"), e.getMessage());
        Path text = Files.writeString(dir.resolve("t.jar"), "not a zip");
        assertTrue(assertThrows(InputException.class, () -> Interleaved.checkJar(text, "--head-jar")).getMessage().contains("not a jar"));
        Path empty = dir.resolve("e.jar");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(empty))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("META-INF/MANIFEST.MF"));
        }
        assertTrue(assertThrows(InputException.class, () -> Interleaved.checkJar(empty, "--head-jar")).getMessage()
                .contains("not a benchmark jar"));
    }
}
