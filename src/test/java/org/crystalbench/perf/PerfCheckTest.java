package org.crystalbench.perf;

import static org.crystalbench.perf.PerfCheck.Verdict.CALIBRATION;
import static org.crystalbench.perf.PerfCheck.Verdict.IMPROVEMENT;
import static org.crystalbench.perf.PerfCheck.Verdict.NOISE;
import static org.crystalbench.perf.PerfCheck.Verdict.REGRESSION;
import static org.crystalbench.perf.PerfCheck.Verdict.UNCHANGED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.crystalbench.InputException;
import org.junit.jupiter.api.Test;

class PerfCheckTest {
    private static BenchResult r(String bench, String model, double score, double error, String unit) {
        return new BenchResult("org.crystalbench.bench." + bench, unit.startsWith("ops/") ? "thrpt" : "avgt",
                model == null ? Map.of() : Map.of("model", model), score, error, unit);
    }

    private static BenchResult cal(double us, double error) {
        return new BenchResult(PerfCheck.CALIBRATION, "avgt", Map.of(), us, error, "us/op");
    }

    private static PerfCheck.Verdict only(PerfCheck.Report report) {
        assertEquals(1, report.rows().size());
        return report.rows().getFirst().verdict();
    }

    @Test
    void directionComesFromTheUnit() {
        assertTrue(PerfUnit.parse("ops/s").biggerIsBetter());
        assertFalse(PerfUnit.parse("us/op").biggerIsBetter());
        assertEquals(2e6, PerfUnit.parse("ops/ms").toBase(2000), 1e-6);
        assertEquals(3e-9, PerfUnit.parse("ns/op").toBase(3), 1e-20);
        assertNull(PerfUnit.parse("MB/sec"));
    }

    @Test
    void aThroughputDropIsARegressionAndATimeDropIsNot() {
        // The same numbers read in the two directions: lower ops/s is worse, lower ns/op is better.
        assertEquals(REGRESSION, PerfCheck.judge(true, 100, 1, 80, 1, 0.10));
        assertEquals(IMPROVEMENT, PerfCheck.judge(false, 100, 1, 80, 1, 0.10));
        assertEquals(REGRESSION, PerfCheck.judge(false, 100, 1, 130, 1, 0.10));
        assertEquals(IMPROVEMENT, PerfCheck.judge(true, 100, 1, 130, 1, 0.10));
    }

    @Test
    void aBigChangeInsideTheErrorBarsIsNoise() {
        assertEquals(NOISE, PerfCheck.judge(false, 1.0, 0.5, 1.3, 0.4, 0.10));
        // intervals [0.95, 1.05] and [1.15, 1.45]: apart, so the same change is a regression
        assertEquals(REGRESSION, PerfCheck.judge(false, 1.0, 0.05, 1.3, 0.15, 0.10));
        // touching intervals count as overlapping
        assertEquals(NOISE, PerfCheck.judge(false, 1.0, 0.1, 1.3, 0.2, 0.10));
    }

    @Test
    void aChangeUnderTheThresholdIsNotFlaggedEvenWithTinyErrors() {
        assertEquals(UNCHANGED, PerfCheck.judge(true, 100, 0, 91, 0, 0.10));
        assertEquals(REGRESSION, PerfCheck.judge(true, 100, 0, 89, 0, 0.10));
        assertEquals(REGRESSION, PerfCheck.judge(true, 100, 0, 91, 0, 0.05));
    }

    @Test
    void currentScoresAreConvertedToTheBaselineUnit() {
        var report = PerfCheck.compare(List.of(r("SingleRowBench.predictRow", "NB", 250, 5, "ns/op")),
                List.of(r("SingleRowBench.predictRow", "NB", 0.5, 0.01, "us/op")), 0.10, false, "b", "c");
        PerfCheck.Row row = report.rows().getFirst();
        assertEquals("ns/op", row.unit());
        assertEquals(500, row.current(), 1e-9);
        assertEquals(490, row.currentLo(), 1e-9);
        assertEquals(510, row.currentHi(), 1e-9);
        assertEquals(1.0, row.change(), 1e-12);
        assertEquals(REGRESSION, row.verdict());
    }

    @Test
    void benchmarksInOneFileOnlyAreListed() {
        var a = r("TrainBench.fit", "LR", 10, 0.1, "ms/op");
        var gone = r("PreprocessBench.fitTransform", null, 50, 1, "us/op");
        var added = r("TrainBench.fit", "NB", 1, 0.1, "ms/op");
        var report = PerfCheck.compare(List.of(a, gone), List.of(a, added), 0.10, false, "b", "c");
        assertEquals(List.of("PreprocessBench.fitTransform (avgt)"), report.onlyBaseline());
        assertEquals(List.of("TrainBench.fit[model=NB] (avgt)"), report.onlyCurrent());
        assertEquals(UNCHANGED, only(report));
        assertFalse(report.regressed());
    }

    @Test
    void normalisationKeepsEachDirection() {
        var calibration = cal(50, 0); // 20,000 kernels per second
        // 1e6 rows/s = 50 rows per kernel; 100 ns/op = 0.002 kernels per op; intervals scale alike
        assertArrayEquals(new double[] {50, 49, 51},
                PerfCheck.normalized(r("BatchInferenceBench.predictBatch", "LR", 1e6, 2e4, "ops/s"), calibration), 1e-9);
        assertArrayEquals(new double[] {0.002, 0.0019, 0.0021},
                PerfCheck.normalized(r("SingleRowBench.predictRow", "LR", 100, 5, "ns/op"), calibration), 1e-12);
        // the calibration's own interval widens the result: [97 ns / 52 us, 103 ns / 48 us]
        double[] widened = PerfCheck.normalized(r("SingleRowBench.predictRow", "LR", 100, 3, "ns/op"), cal(50, 2));
        assertArrayEquals(new double[] {0.002, 97.0 / 52_000, 103.0 / 48_000}, widened, 1e-12);
        // a calibration interval reaching zero time bounds nothing
        assertEquals(Double.POSITIVE_INFINITY, PerfCheck.normalized(r("TrainBench.fit", "LR", 4, 0.1, "ms/op"), cal(50, 60))[2]);
    }

    @Test
    void aDisturbedCalibrationDoesNotMoveEveryBenchmark() {
        // Seen on the shared build machine: a compile ran during the calibration kernel only.
        List<BenchResult> base = List.of(r("SingleRowBench.predictRow", "LR", 112.1, 12.8, "ns/op"),
                r("TrainBench.fit", "DNN", 118.5, 10.15, "ms/op"), cal(41.28, 2.627));
        List<BenchResult> cur = List.of(r("SingleRowBench.predictRow", "LR", 125.1, 21.76, "ns/op"),
                r("TrainBench.fit", "DNN", 124.0, 24.58, "ms/op"), cal(146.7, 112.5));
        var report = PerfCheck.compare(base, cur, 0.10, true, "b", "c");
        assertEquals(0, report.count(REGRESSION) + report.count(IMPROVEMENT), report.toString());
        assertEquals(2, report.count(NOISE));
    }

    @Test
    void aSlowerMachineIsNotARegressionOnceNormalised() {
        List<BenchResult> base = List.of(r("BatchInferenceBench.predictBatch", "LR", 1e6, 1e4, "ops/s"),
                r("SingleRowBench.predictRow", "LR", 100, 1, "ns/op"), cal(40, 0.5));
        List<BenchResult> slow = List.of(r("BatchInferenceBench.predictBatch", "LR", 5e5, 5e3, "ops/s"),
                r("SingleRowBench.predictRow", "LR", 200, 2, "ns/op"), cal(80, 1));
        var raw = PerfCheck.compare(base, slow, 0.10, false, "b", "c");
        assertEquals(2, raw.count(REGRESSION));
        var normalised = PerfCheck.compare(base, slow, 0.10, true, "b", "c");
        assertEquals(2, normalised.count(UNCHANGED));
        assertEquals(1, normalised.count(CALIBRATION)); // the machine got slower, not the code
        assertEquals(1.0, normalised.rows().get(2).change(), 1e-12); // 40 -> 80 us/op

        // ...but a real slowdown on the slow machine still shows
        List<BenchResult> slowAndWorse = List.of(slow.get(0), r("SingleRowBench.predictRow", "LR", 300, 2, "ns/op"), slow.get(2));
        var worse = PerfCheck.compare(base, slowAndWorse, 0.10, true, "b", "c");
        assertEquals(REGRESSION, worse.rows().get(1).verdict());
        assertEquals("cal/op", worse.rows().get(1).unit());
        assertEquals("ops/cal", worse.rows().get(0).unit());
    }

    @Test
    void normalisingWithoutACalibrationNamesTheFile() {
        var a = List.of(r("TrainBench.fit", "LR", 10, 0.1, "ms/op"));
        var e = assertThrows(InputException.class, () -> PerfCheck.compare(a, a, 0.1, true, "base.json", "cur.json"));
        assertTrue(e.getMessage().startsWith("base.json: --normalize needs"), e.getMessage());
    }

    @Test
    void malformedOrIncompleteJsonIsBadInputNamingTheSource() {
        for (String text : List.of("[{\"benchmark\": ", "{}", "[]",
                "[{\"benchmark\":\"x.A.b\",\"mode\":\"avgt\"}]",
                "[{\"benchmark\":\"x.A.b\",\"mode\":\"avgt\",\"primaryMetric\":{\"score\":\"fast\",\"scoreError\":1,\"scoreUnit\":\"us/op\"}}]",
                "[{\"benchmark\":\"x.A.b\",\"mode\":\"avgt\",\"primaryMetric\":{\"score\":1,\"scoreError\":1,\"scoreUnit\":\"MB/s\"}}]")) {
            var e = assertThrows(InputException.class, () -> JmhJson.parse("run.json", text), text);
            assertTrue(e.getMessage().startsWith("run.json"), e.getMessage());
        }
        String one = "{\"benchmark\":\"x.A.b\",\"mode\":\"avgt\",\"primaryMetric\":{\"score\":1,\"scoreError\":\"NaN\",\"scoreUnit\":\"us/op\"}}";
        assertEquals(0, JmhJson.parse("run.json", "[" + one + "]").getFirst().error());
        var dup = assertThrows(InputException.class, () -> JmhJson.parse("run.json", "[" + one + "," + one + "]"));
        assertTrue(dup.getMessage().contains("appears twice"), dup.getMessage());
    }
}
