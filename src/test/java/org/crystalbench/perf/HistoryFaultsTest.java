package org.crystalbench.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.crystalbench.TestCli;
import org.crystalbench.io.Json;
import org.crystalbench.stats.ChangePoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A history survives a torn append, and a broken run's score (0, negative, not finite) hides nothing and breaks no chart. */
class HistoryFaultsTest {
    @TempDir
    Path dir;

    static String base() throws Exception {
        return Files.readString(Path.of(HistoryFaultsTest.class.getResource("/perf/baseline.json").toURI()));
    }

    /** TrainBench.fit[model=LR] at {@code ms} ms/op (10 in the fixture); {@code literal} replaces the number as written. */
    Path run(int i, String literal) throws Exception {
        Path run = dir.resolve("run-" + i + ".json");
        Files.writeString(run, base().replace("\"score\" : 10.0,", "\"score\" : " + literal + ","));
        return run;
    }

    TestCli.Result append(Path h, int i, String literal) throws Exception {
        return TestCli.run("perf-check", "--history", h.toString(), "--append", run(i, literal).toString(), "--commit", "c" + i,
                "--date", "2026-11-%02dT00:00:00Z".formatted(i + 1));
    }

    static String ms(int i) {
        return String.valueOf((i < 8 ? 10.0 : 12.0) * (1 + 0.002 * ((i * 7) % 5 - 2))); // +20% from run 9 on
    }

    @Test
    void anAppendAfterATornOneRepairsTheFileAndLosesNoRun() throws Exception {
        Path h = dir.resolve("h.jsonl");
        for (int i = 0; i < 3; i++) assertEquals(0, append(h, i, ms(i)).code());
        String whole = Files.readString(h);
        // an append cut short: half of a fourth line, no newline
        Files.writeString(h, whole + whole.lines().findFirst().orElseThrow().substring(0, 40));
        var r = append(h, 3, ms(3));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: " + h + ":4: dropped a torn last line (40 characters"), r.err());
        List<String> lines = Files.readAllLines(h);
        assertEquals(4, lines.size(), String.join("\n", lines));
        for (String l : lines) assertTrue(Json.MAPPER.readTree(l).has("scores"), l);
        assertTrue(lines.get(3).startsWith("{\"commit\":\"c3\""), lines.get(3));
        assertEquals(0, append(h, 4, ms(4)).code());
        assertEquals(5, History.read(h).size(), "every run readable after the next append too");
        // a whole last line that only lost its newline is kept
        Files.writeString(h, Files.readString(h).stripTrailing());
        var kept = append(h, 5, ms(5));
        assertFalse(kept.err().contains("torn"), kept.err());
        assertEquals(6, History.read(h).size());
    }

    @Test
    void aBrokenRunsScoreHidesNoStepAndBreaksNoChart() throws Exception {
        Path h = dir.resolve("h.jsonl");
        for (int i = 0; i < 16; i++) {
            String score = switch (i) {
                case 2 -> "0.0";
                case 5 -> "-3.0";
                case 11 -> "1e400"; // parses as infinity
                default -> ms(i);
            };
            var r = append(h, i, score);
            assertEquals(0, r.code(), r.err());
        }
        // an older append wrote infinity as a string: still a readable history
        Files.writeString(h, Files.readString(h).replace("\"score\":null", "\"score\":\"Infinity\""));
        Path charts = dir.resolve("charts");
        var r = TestCli.run("perf-check", "--history", h.toString(), "--out", charts.toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertTrue(r.out().contains("| TrainBench.fit[model=LR] | ms/op | 13 |"), r.out());
        assertTrue(r.out().contains("3 run(s) without a measurement left out (c2: 0.0, c5: -3.0, c11: Infinity)"), r.out());
        assertTrue(r.out().contains("**slower** at c8"), r.out());
        assertTrue(r.out().contains("1 slowdown(s) flagged"), r.out());
        assertTrue(Files.size(charts.resolve("trend-trainbench.fit-model-lr.png")) > 1000);
    }

    @Test
    void aBenchmarkWithoutAMeasuredRunHasARowButNoChart() throws Exception {
        Path h = dir.resolve("h.jsonl");
        for (int i = 0; i < 3; i++) assertEquals(0, append(h, i, "0.0").code());
        var r = TestCli.run("perf-check", "--history", h.toString(), "--out", dir.resolve("charts").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| TrainBench.fit[model=LR] | ms/op | 0 | – | – | 3 run(s) without a measurement left out"), r.out());
        assertFalse(Files.exists(dir.resolve("charts/trend-trainbench.fit-model-lr.svg")));
    }

    @Test
    void chartInputsAreCheckedBeforeAnyFileIsWritten() {
        var good = new History.Series("A", "ms/op", false, List.of(new History.Point("a", Instant.EPOCH, 1.0)), List.of(), List.of());
        var bad = new History.Series("B", "ms/op", false, List.of(new History.Point("b", Instant.EPOCH, Double.POSITIVE_INFINITY)),
                List.<ChangePoints.ChangePoint>of(), List.of());
        var a = new History.Analysis(new ArrayList<>(List.of(good, bad)), 5, 0.03, false);
        assertThrows(IllegalArgumentException.class, () -> TrendCharts.write(a, dir.resolve("charts")));
        assertFalse(Files.exists(dir.resolve("charts")), "not even the first, valid chart");
    }
}
