package org.crystalbench.cli;

import org.crystalbench.ExitCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.crystalbench.TestCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench command's input checks, which all happen before JMH forks anything (JMH itself is not run here). */
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void badInputExitsTwoBeforeWritingAnything() {
        Path out = dir.resolve("run.json");
        String[][] cases = {
                {"--models", "LR,XGBoost"},
                {"--include", "Train(Bench"},
                {"--include", "NoSuchBench"},
                {"--data", dir.resolve("missing.csv").toString()},
                {"--config", dir.resolve("missing.yaml").toString()},
        };
        for (String[] c : cases) {
            var r = TestCli.run("bench", c[0], c[1], "--quick", "--out", out.toString());
            assertEquals(ExitCode.BAD_INPUT.code(), r.code(), String.join(" ", c) + ": " + r.err());
            assertTrue(r.err().contains(c[0].equals("--data") || c[0].equals("--config") ? c[1] : c[0]), r.err());
        }
        assertTrue(Files.notExists(out));
    }

    @Test
    void theTableGoesBesideTheJson() {
        assertEquals(Path.of("results/perf/runs/x.md"), org.crystalbench.operations.BenchRun.markdownBeside(Path.of("results/perf/runs/x.json")));
        assertEquals(Path.of("out.txt.md"), org.crystalbench.operations.BenchRun.markdownBeside(Path.of("out.txt")));
    }
}
