package org.crystalbench.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.crystalbench.Fixtures;
import org.crystalbench.TestCli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An --out that cannot be written is refused before any fit: exit 2, one line (issue 15, defect 5). */
class OutputPathTest {
    @TempDir
    Path dir;
    Path config, blocker;

    @BeforeEach
    void setUp() throws Exception {
        Path data = Fixtures.syntheticCsv(dir, 90, 3);
        config = Fixtures.config(data.toAbsolutePath()).models("- {name: LR, type: logistic}")
                .protocols("cv: {repeats: 1, folds: 3}").append("grid:\n  models:\n    LR: {lambda: [0.1]}\n").write(dir, "c.yaml");
        blocker = Files.writeString(dir.resolve("blocker"), "a file where a folder should be\n");
    }

    static void assertRefused(TestCli.Result r, String path) {
        assertEquals(2, r.code(), r.err());
        String msg = r.err().strip();
        assertEquals(1, msg.lines().count(), msg);
        assertTrue(msg.contains(path) && msg.contains("--out"), msg);
        assertFalse(msg.contains("Exception"), msg);
    }

    @Test
    void runGridTrainMergeAndAuditRefuseAnOutUnderAFile() throws Exception {
        String out = blocker.resolve("out").toString();
        var audit = TestCli.run("audit", config.toString(), "--out", out); // its leakage warnings come first
        assertEquals(2, audit.code(), audit.err());
        String last = audit.err().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.startsWith("crystal-bench: error: " + out + ": --out: cannot create"), audit.err());
        assertFalse(audit.err().contains("Exception"), audit.err());
        assertRefused(TestCli.run("run", config.toString(), "--out", out, "-q"), out);
        assertRefused(TestCli.run("grid", config.toString(), "--out", out, "-q"), out);
        assertRefused(TestCli.run("train", config.toString(), "--model", "LR", "--out", blocker.resolve("m.cbm").toString()),
                blocker.resolve("m.cbm").toString());
        Path grid = dir.resolve("grid");
        assertEquals(0, TestCli.run("grid", config.toString(), "--out", grid.toString(), "-q").code());
        assertRefused(TestCli.run("merge", grid.toString(), "--out", out), out);
    }

    @Test
    void trainRefusesAFolderAsItsBundleFile() {
        var r = TestCli.run("train", config.toString(), "--model", "LR", "--out", dir.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("is a folder"), r.err());
    }
}
