package org.crystalbench.io;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedFolderTest {
    @TempDir
    Path dir;

    static List<String> names(Path d) throws Exception {
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void nothingAppearsUntilTheCommitAndAFailureLeavesNoTrace() throws Exception {
        Path out = dir.resolve("out");
        try (var staged = StagedFolder.beside(out, "--out")) {
            AtomicFiles.write(staged.path().resolve("a.csv"), "a\n");
            assertFalse(Files.exists(out));
            // no commit: as if the next table had failed on a full disk
        }
        assertFalse(Files.exists(out));
        assertEquals(List.of(), names(dir), "the staging folder is removed");
    }

    @Test
    void anEmptyOrAbsentFolderBecomesTheStagedOneAndAFullOneGetsEachFile() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        try (var staged = StagedFolder.beside(out, "--out")) {
            AtomicFiles.write(staged.path().resolve("a.csv"), "a\n");
            AtomicFiles.write(staged.path().resolve("figures/f.svg"), "<svg/>");
            staged.commit();
        }
        assertEquals(List.of("a.csv", "figures"), names(out));
        Files.writeString(out.resolve("notes.txt"), "mine\n");
        try (var staged = StagedFolder.beside(out, "--out")) {
            AtomicFiles.write(staged.path().resolve("a.csv"), "b\n");
            staged.commit();
        }
        assertEquals("b\n", Files.readString(out.resolve("a.csv")));
        assertEquals(List.of("a.csv", "figures", "notes.txt"), names(out));
        assertEquals(List.of("out"), names(dir));
    }
}
