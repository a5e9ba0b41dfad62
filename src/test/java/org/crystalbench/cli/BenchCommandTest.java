package org.crystalbench.cli;

import org.crystalbench.ExitCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench command's input checks, which all happen before JMH forks anything (JMH itself is not run here). */
class BenchCommandTest {
    @TempDir
    Path dir;

    private int run(StringWriter err, String... args) {
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        return cl.execute(all);
    }

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
            var err = new StringWriter();
            String[] args = {c[0], c[1], "--quick", "--out", out.toString()};
            assertEquals(ExitCode.BAD_INPUT.code(), run(err, args), String.join(" ", c) + ": " + err);
            assertTrue(err.toString().contains(c[0].equals("--data") || c[0].equals("--config") ? c[1] : c[0]), err.toString());
        }
        assertTrue(Files.notExists(out));
    }

    @Test
    void theTableGoesBesideTheJson() {
        assertEquals(Path.of("results/perf/runs/x.md"), BenchCommand.markdownBeside(Path.of("results/perf/runs/x.json")));
        assertEquals(Path.of("out.txt.md"), BenchCommand.markdownBeside(Path.of("out.txt")));
    }
}
