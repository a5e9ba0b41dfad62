package org.crystalbench.cli;

import org.crystalbench.ExitCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import org.crystalbench.TestCli;
import org.junit.jupiter.api.Test;

/** perf-check end to end on the hand-written JMH JSON fixtures in src/test/resources/perf. */
class PerfCheckCommandTest {
    private record Outcome(int code, String out, String err) {
        /** The table row of a benchmark. */
        String row(String label) {
            return Arrays.stream(out.split("\n")).filter(l -> l.startsWith("| " + label + " |")).findFirst()
                    .orElseThrow(() -> new AssertionError("no row " + label + " in\n" + out));
        }
    }

    private static String fixture(String name) {
        try {
            return Path.of(PerfCheckCommandTest.class.getResource("/perf/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Outcome run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "perf-check";
        System.arraycopy(args, 0, all, 1, args.length);
        var r = TestCli.run(all);
        return new Outcome(r.code(), r.out(), r.err());
    }

    @Test
    void allZeroScoresAreNotAnImprovementAndDoNotPass(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        var runs = (tools.jackson.databind.node.ArrayNode) org.crystalbench.io.Json.MAPPER.readTree(Path.of(fixture("current.json")).toFile());
        for (var run : runs) {
            var m = (tools.jackson.databind.node.ObjectNode) run.get("primaryMetric");
            m.put("score", 0.0);
            m.put("scoreError", 0.0);
            m.putArray("scoreConfidence").add(0.0).add(0.0);
            m.remove("rawData");
        }
        Path zeros = java.nio.file.Files.writeString(dir.resolve("zeros.json"), org.crystalbench.io.Json.MAPPER.writeValueAsString(runs));
        var o = run("--baseline", fixture("baseline.json"), "--current", zeros.toString());
        assertEquals(ExitCode.FAILURES.code(), o.code(), o.out() + o.err());
        assertFalse(o.out().contains("improvement |"), o.out());
        assertTrue(o.row("TrainBench.fit[model=LR]").contains("incomparable"), o.out());
    }

    @Test
    void flagsRegressionsInBothDirectionsAndExitsOne() {
        var o = run("--baseline", fixture("baseline.json"), "--current", fixture("current.json"));
        assertEquals(ExitCode.FAILURES.code(), o.code(), o.out() + o.err());
        // throughput 1e6 -> 8e5 rows/s: -20%, worse because bigger is better
        assertTrue(o.row("BatchInferenceBench.predictBatch[model=LR]").contains("| -20.0% | **REGRESSION** |"), o.out());
        // time 100 -> 130 ns/op: +30%, worse because smaller is better
        assertTrue(o.row("SingleRowBench.predictRow[model=LR]").contains("| +30.0% | **REGRESSION** |"), o.out());
        // +30% but inside the wide error bars
        assertTrue(o.row("TrainBench.fit[model=NB]").contains("| +30.0% | within noise |"), o.out());
        assertTrue(o.row("TrainBench.fit[model=LR]").contains("| -30.0% | improvement |"), o.out());
        // 0.2625 us/op is 262.5 ns/op: +5%, under the threshold
        assertTrue(o.row("SingleRowBench.predictRow[model=NB]").contains("262.5 | +5.0% | ok |"), o.out());
        assertTrue(o.out().contains("Only in the baseline (not compared): PreprocessBench.fitTransform (avgt)"), o.out());
        assertTrue(o.out().contains("Only in the current run (not compared): ProtocolCellBench.evaluate (avgt)"), o.out());
        assertTrue(o.out().contains("2 regression(s), 1 improvement(s), 1 change(s) within noise"), o.out());
    }

    @Test
    void aHigherThresholdLetsTheSameChangesPass() {
        var o = run("--baseline", fixture("baseline.json"), "--current", fixture("current.json"), "--threshold", "35%");
        assertEquals(ExitCode.OK.code(), o.code(), o.out());
        assertFalse(o.out().contains("REGRESSION"), o.out());
    }

    @Test
    void aSlowerMachineRegressesRawButNotNormalised() {
        var raw = run("--baseline", fixture("baseline.json"), "--current", fixture("slow-machine.json"));
        assertEquals(ExitCode.FAILURES.code(), raw.code(), raw.out());
        var norm = run("--baseline", fixture("baseline.json"), "--current", fixture("slow-machine.json"), "--normalize");
        assertEquals(ExitCode.OK.code(), norm.code(), norm.out());
        assertTrue(norm.row("BatchInferenceBench.predictBatch[model=LR]").contains("ops/cal"), norm.out());
        assertTrue(norm.row("CalibrationBench.kernel").contains("| +100.0% | calibration |"), norm.out());
        assertTrue(norm.out().contains("0 regression(s)"), norm.out());
    }

    @Test
    void identicalRunsPass() {
        var o = run("--baseline", fixture("baseline.json"), "--current", fixture("baseline.json"), "--normalize");
        assertEquals(ExitCode.OK.code(), o.code(), o.out());
    }

    @Test
    void malformedJsonExitsTwoNamingTheFile() {
        String bad = fixture("truncated.json");
        var o = run("--baseline", fixture("baseline.json"), "--current", bad);
        assertEquals(ExitCode.BAD_INPUT.code(), o.code(), o.err());
        assertTrue(o.err().contains(bad + ":"), o.err());
        assertTrue(o.err().contains("malformed JSON"), o.err());
        assertTrue(o.out().isEmpty(), "nothing printed before the check: " + o.out());
    }

    @Test
    void missingFileAndBadThresholdExitTwo() {
        assertEquals(ExitCode.BAD_INPUT.code(), run("--baseline", "no/such.json", "--current", fixture("current.json")).code());
        var o = run("--baseline", fixture("baseline.json"), "--current", fixture("current.json"), "--threshold", "ten");
        assertEquals(ExitCode.BAD_INPUT.code(), o.code());
        assertTrue(o.err().contains("--threshold"), o.err());
    }
}
