package org.crystalbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.crystalbench.ExitCode;
import org.crystalbench.Fixtures;
import org.crystalbench.TestCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every parser is depth-limited (Jackson's 500 levels) or iterative (formulas): deep nesting is one line, exit 2. */
class DeepNestingTest {
    @TempDir
    Path dir;

    static final String DEEP = "[".repeat(2_000) + "]".repeat(2_000);

    static void oneLine(TestCli.Result r, String start) {
        assertEquals(ExitCode.BAD_INPUT.code(), r.code(), r.err());
        String msg = r.err().strip();
        assertEquals(1, msg.lines().count(), msg);
        assertTrue(msg.startsWith("crystal-bench: error: " + start), msg);
        assertTrue(msg.contains("nesting depth (501) exceeds the maximum allowed (500)"), msg);
        assertFalse(msg.contains("`") || msg.contains("StreamReadConstraints") || msg.contains("Exception"), msg);
    }

    @Test
    void aDeepYamlValueAJmhFileAndAHistoryLine() throws Exception {
        Path c = Fixtures.config(dir.resolve("d.csv")).models("- {name: LR, type: logistic}").protocols("cv: {repeats: 1, folds: 3}")
                .append("grid: {models: {LR: {lambda: " + DEEP + "}}}\n").write(dir, "c.yaml");
        oneLine(TestCli.run("grid", c.toString(), "--out", dir.resolve("g").toString()), c + ":");
        Path jmh = Fixtures.write(dir, "deep.json", DEEP);
        oneLine(TestCli.run("perf-check", "--baseline", jmh.toString(), "--current", jmh.toString()), jmh + ":");
        String line = "{\"commit\":\"a\",\"date\":\"2026-11-01T00:00:00Z\",\"scores\":{\"A.x avgt\":{\"score\":1,\"unit\":\"ns/op\"}}}\n";
        Path h = Fixtures.write(dir, "h.jsonl", line + DEEP + "\n" + line);
        oneLine(TestCli.run("perf-check", "--history", h.toString(), "--out", dir.resolve("c").toString()), h + ":2: malformed JSON");
        assertFalse(Files.exists(dir.resolve("g")) || Files.exists(dir.resolve("c")), "nothing written");
    }
}
