package org.crystalbench.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fork's output read back: the median pair ratio as the round's ratio, work off the thread on process CPU, skips and failures. */
class SameJvmResultsTest {
    @TempDir
    Path dir;

    static String pair(String label, int i, long baseCpu, long headCpu, long baseWall, long headWall, long baseProc, long headProc) {
        return String.join("\t", label, "" + i, "true", "10", "2", "" + baseCpu, "" + headCpu, "" + baseWall, "" + headWall, "" + baseProc, "" + headProc);
    }

    @Test
    void theRoundsRatioIsTheMedianOfThePairsRatios() throws Exception {
        Path tsv = dir.resolve("fork-01.tsv");
        Files.write(tsv, List.of(SameJvmFork.HEADER,
                pair("TrainBench.fit[model=LR]", 0, 1000, 1100, 2000, 2000, 1000, 1100),
                pair("TrainBench.fit[model=LR]", 1, 1000, 1200, 2000, 2400, 1000, 1200),
                pair("TrainBench.fit[model=LR]", 2, 1000, 3000, 2000, 1000, 1000, 3000), // one disturbed pair: the median ignores it
                pair("TrainBench.fit[model=RF]", 0, 10, 10, 5000, 5500, 4000, 4400),
                "#skip\tTrainBench.fit[model=NB]\tbase: no @Param model value NB",
                "#failed\tTrainBench.fit[model=SVM]\thead: its setup failed"));
        Map<String, SameJvmResults.Fork> f = SameJvmResults.read(tsv);
        var lr = f.get("TrainBench.fit[model=LR]");
        assertEquals(Math.log(1.2), lr.logRatio(SameJvmResults.Clock.CPU), 1e-12);
        assertEquals(Math.log(1.0), lr.logRatio(SameJvmResults.Clock.WALL), 1e-12);
        assertEquals(1000.0 / 20, lr.base(SameJvmResults.Clock.CPU), 1e-12); // per operation: 10 invocations of 2 operations
        var b = new Forks.Bench("org.crystalbench.bench.TrainBench.fit", "avgt", Map.of("model", "LR"));
        BenchResult[] round = lr.pair(b, SameJvmResults.Clock.CPU);
        assertEquals(1.2, round[1].score() / round[0].score(), 1e-12);
        assertFalse(lr.offThread(SameJvm.OFF_THREAD));
        var rf = f.get("TrainBench.fit[model=RF]");
        assertTrue(rf.offThread(SameJvm.OFF_THREAD)); // its thread saw 10 of 4000 ns: judged on process CPU time
        assertEquals(Math.log(1.1), rf.logRatio(SameJvmResults.Clock.PROC), 1e-12);
        assertEquals("base: no @Param model value NB", f.get("TrainBench.fit[model=NB]").problem());
        assertFalse(f.get("TrainBench.fit[model=NB]").headFailed());
        assertTrue(f.get("TrainBench.fit[model=SVM]").headFailed());
        assertTrue(SameJvmResults.read(dir.resolve("missing.tsv")).isEmpty());
    }

    @Test
    void aBenchmarkIsFoundWhateverItsSideParameters() throws Exception {
        Path tsv = dir.resolve("fork-02.tsv");
        Files.write(tsv, List.of(SameJvmFork.HEADER, pair("KnownEffectBench.kernel{factor=1.00 vs factor=1.10}", 0, 100, 110, 100, 110, 100, 110)));
        var f = SameJvmResults.find(SameJvmResults.read(tsv), "KnownEffectBench.kernel");
        assertEquals(Math.log(1.1), f.logRatio(SameJvmResults.Clock.CPU), 1e-12);
        assertNull(SameJvmResults.find(SameJvmResults.read(tsv), "KnownEffectBench.other"));
    }

    @Test
    void forksFinishingTwoAtATimeStillTakeEveryLook() {
        var rule = new SequentialRule(0.95, 0.03, 24, 12, 4, 21);
        assertTrue(SameJvm.looked(rule, 10, 12));
        assertFalse(SameJvm.looked(rule, 12, 14));
        assertTrue(SameJvm.looked(rule, 15, 17)); // an odd count: the look at 16 is taken at 17
        assertFalse(SameJvm.looked(rule, 24, 26));
    }
}
