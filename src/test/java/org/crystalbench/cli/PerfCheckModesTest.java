package org.crystalbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.crystalbench.ExitCode;
import org.crystalbench.TestCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** perf-check's interleaved-mode argument checks (no fork is started) and its history mode. */
class PerfCheckModesTest {
    private static String fixture(String name) {
        try {
            return Path.of(PerfCheckModesTest.class.getResource("/perf/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestCli.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("perf-check"));
        all.addAll(List.of(args));
        return TestCli.run(all.toArray(String[]::new));
    }

    private static void badInput(String expected, String... args) {
        var r = run(args);
        assertEquals(ExitCode.BAD_INPUT.code(), r.code(), r.out() + r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
        assertTrue(r.out().isEmpty(), r.out());
    }

    /** A zip that passes the jar check: it lists benchmarks. */
    private static Path benchmarkJar(Path dir) throws Exception {
        Path jar = dir.resolve("b.jar");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("META-INF/BenchmarkList"));
        }
        return jar;
    }

    @Test
    void exactlyOneModeIsGiven(@TempDir Path dir) throws Exception {
        String jar = benchmarkJar(dir).toString();
        badInput("options of more than one mode given together (--baseline --current --base-jar --head-jar)", "--baseline", fixture("baseline.json"), "--current", fixture("current.json"), "--base-jar", jar, "--head-jar", jar);
        // an option of another mode is refused, not silently ignored
        badInput("options of more than one mode given together", "--baseline", fixture("baseline.json"), "--current", fixture("current.json"), "--rounds", "12");
        badInput("options of more than one mode given together", "--history", fixture("baseline.json"), "--sequential", "8:4");
        badInput("need --history FILE", "--window", "4");
        badInput("give exactly one of");
        badInput("--baseline and --current go together", "--baseline", fixture("baseline.json"));
        badInput("--base-jar and --head-jar go together", "--base-jar", jar);
    }

    @Test
    void interleavedOptionsAreCheckedBeforeAnyFork(@TempDir Path dir) throws Exception {
        String jar = benchmarkJar(dir).toString(), out = dir.resolve("out").toString();
        badInput("--base-jar: ", "--base-jar", dir.resolve("missing.jar").toString(), "--head-jar", jar, "--out", out);
        badInput("not a jar", "--base-jar", jar, "--head-jar", fixture("baseline.json"), "--out", out);
        badInput("--include: not a regular expression", "--base-jar", jar, "--head-jar", jar, "--include", "(", "--out", out);
        badInput("--rounds: 1 is not in [2, 1000]", "--base-jar", jar, "--head-jar", jar, "--rounds", "1", "--out", out);
        badInput("--iterations: 0", "--base-jar", jar, "--head-jar", jar, "--iterations", "0", "--out", out);
        badInput("--warmup: -1", "--base-jar", jar, "--head-jar", jar, "--warmup", "-1", "--out", out);
        badInput("--iteration-time: 'soon' is not a duration", "--base-jar", jar, "--head-jar", jar, "--iteration-time", "soon", "--out", out);
        badInput("--iteration-time: '5ms' is shorter than 10ms", "--base-jar", jar, "--head-jar", jar, "--iteration-time", "5ms", "--out", out);
        badInput("--min-effect: 'x'", "--base-jar", jar, "--head-jar", jar, "--min-effect", "x", "--out", out);
        badInput("--confidence: '100'", "--base-jar", jar, "--head-jar", jar, "--confidence", "100", "--out", out);
        badInput("--head-param: 'factor=1.10 x'", "--base-jar", jar, "--head-jar", jar, "--head-param", "factor=1.10 x", "--out", out);
        badInput("--base-config: ", "--base-jar", jar, "--head-jar", jar, "--base-config", dir.resolve("none.yaml").toString(), "--out", out);
        badInput("--sequential: '9' is not FIRST:EVERY", "--base-jar", jar, "--head-jar", jar, "--sequential", "9", "--out", out);
        badInput("--sequential: '40:3' needs FIRST in [2, --rounds]", "--base-jar", jar, "--head-jar", jar, "--sequential", "40:3", "--rounds", "30", "--out", out);
        badInput("--measure: 'user' is neither cpu nor wall", "--base-jar", jar, "--head-jar", jar, "--measure", "user", "--out", out);
        badInput("--budget: '500ms' is shorter than 1s", "--base-jar", jar, "--head-jar", jar, "--budget", "500ms", "--out", out);
        badInput("--config: ", "--base-jar", jar, "--head-jar", jar, "--config", dir.resolve("none.yaml").toString(), "--out", out);
        assertTrue(Files.notExists(dir.resolve("out")), "nothing written on bad input");
    }

    @Test
    void historyAppendsRunsAndFlagsAStep(@TempDir Path dir) throws Exception {
        Path h = dir.resolve("history.jsonl");
        String base = Files.readString(Path.of(fixture("baseline.json")));
        for (int i = 0; i < 16; i++) {
            // ProtocolCellBench is absent from baseline.json; TrainBench.fit[model=LR] is 10 ms/op there: step it to 12 at run 9
            double ms = (i < 8 ? 10.0 : 12.0) * (1 + 0.002 * ((i * 7) % 5 - 2));
            Path run = dir.resolve("run-" + i + ".json");
            Files.writeString(run, base.replace("\"score\" : 10.0,", "\"score\" : " + ms + ","));
            var r = run("--history", h.toString(), "--append", run.toString(), "--commit", "c" + i,
                    "--date", "2026-11-%02dT00:00:00Z".formatted(i + 1));
            assertEquals(0, r.code(), r.err());
        }
        assertEquals(16, Files.readAllLines(h).size());
        assertTrue(Files.readAllLines(h).get(0).contains("\"calibration\":40.0"), Files.readAllLines(h).get(0));
        var r = run("--history", h.toString(), "--out", dir.resolve("charts").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| TrainBench.fit[model=LR] | ms/op | 16 |"), r.out());
        assertTrue(r.out().contains("**slower** at c8 (run 9): +20."), r.out());
        assertTrue(r.out().contains("| SingleRowBench.predictRow[model=LR] | ns/op | 16 | 100.0 | 100.0 | none |"), r.out());
        assertTrue(r.out().contains("1 slowdown(s) flagged; windowed Welch t-test"), r.out());
        assertTrue(Files.size(dir.resolve("charts/trend-trainbench.fit-model-lr.svg")) > 1000);
        assertTrue(Files.size(dir.resolve("charts/trend-trainbench.fit-model-lr.png")) > 1000);
    }

    @Test
    void historyInputIsChecked(@TempDir Path dir) throws Exception {
        Path h = dir.resolve("h.jsonl");
        badInput("--append needs --commit", "--history", h.toString(), "--append", fixture("baseline.json"));
        badInput("--date: 'yesterday'", "--history", h.toString(), "--append", fixture("baseline.json"), "--commit", "x", "--date", "yesterday");
        badInput(h + ": file not found", "--history", h.toString());
        Files.writeString(h, "{\"commit\":\"a\",\"date\":\"2026-11-01T00:00:00Z\",\"scores\":{}}\n{oops\n"
                + "{\"commit\":\"b\",\"date\":\"2026-11-02T00:00:00Z\",\"scores\":{}}\n");
        badInput(h + ":2: malformed JSON", "--history", h.toString());
        Files.writeString(h, "{\"commit\":\"a\",\"date\":\"2026-11-01T00:00:00Z\",\"scores\":{\"A.x avgt\":{\"score\":1,\"unit\":\"furlongs\"}}}\n");
        badInput(h + ":1: scores.A.x avgt.unit: 'furlongs'", "--history", h.toString());
        // a torn last line (an append cut short) is ignored
        Files.writeString(h, "{\"commit\":\"a\",\"date\":\"2026-11-01T00:00:00Z\",\"scores\":{\"A.x avgt\":{\"score\":1,\"unit\":\"ns/op\"}}}\n{\"commit\":\"b\",\"da");
        var r = run("--history", h.toString(), "--out", dir.resolve("c").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| A.x | ns/op | 1 |"), r.out());
    }
}
