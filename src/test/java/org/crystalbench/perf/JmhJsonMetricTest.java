package org.crystalbench.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CPU-time metric and a fork's best iteration, as the interleaved forks read them. */
class JmhJsonMetricTest {
    private static final String JSON = """
            [ { "benchmark" : "org.crystalbench.bench.SingleRowBench.predictRow", "mode" : "avgt", "params" : { "model" : "LR" },
                "primaryMetric" : { "score" : 300.0, "scoreError" : "NaN", "scoreUnit" : "ns/op", "rawData" : [ [ 600.0, 200.0, 100.0 ] ] },
                "secondaryMetrics" : { "\u00b7cpu" : { "score" : 150.0, "scoreError" : "NaN", "scoreUnit" : "ns/op",
                                                   "rawData" : [ [ 250.0, 90.0, 110.0 ] ] } } },
              { "benchmark" : "org.crystalbench.bench.BatchInferenceBench.predictBatch", "mode" : "thrpt", "params" : { "model" : "LR" },
                "primaryMetric" : { "score" : 2.0E6, "scoreError" : 1.0, "scoreUnit" : "ops/s", "rawData" : [ [ 1.0E6, 3.0E6 ] ] },
                "secondaryMetrics" : { "\u00b7cpu" : { "score" : 5.0E6, "scoreError" : 1.0, "scoreUnit" : "ops/s", "rawData" : [ [ 4.0E6, 6.0E6 ] ] } } },
              { "benchmark" : "org.crystalbench.bench.TrainBench.fit", "mode" : "avgt", "params" : { "model" : "NB" },
                "primaryMetric" : { "score" : 1.0, "scoreError" : 0.1, "scoreUnit" : "ms/op", "rawData" : [ [ 1.0 ] ] },
                "secondaryMetrics" : { } } ]
            """;

    @Test
    void theCpuMetricIsReadInPlaceOfThePrimaryAndAForkIsItsBestIteration(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("r.json"), JSON);
        var wall = JmhJson.read(f);
        assertEquals(300.0, wall.get(0).score());
        var cpu = JmhJson.read(f, CpuTimeProfiler.METRIC);
        assertEquals(2, cpu.size(), "an entry without the metric is left out");
        assertEquals(150.0, cpu.get(0).score());
        assertEquals("ns/op", cpu.get(0).unit());
        assertEquals("SingleRowBench.predictRow[model=LR] avgt", cpu.get(0).key());
        var best = JmhJson.read(f, CpuTimeProfiler.METRIC, true);
        assertEquals(90.0, best.get(0).score(), "a time per operation: the smallest iteration");
        assertEquals(6.0E6, best.get(1).score(), "a throughput: the largest iteration");
        assertEquals(100.0, JmhJson.read(f, null, true).get(0).score());
        assertEquals(1.0, JmhJson.read(f, null, true).get(2).score());
        assertTrue(JmhJson.read(f, "\u00b7gc.alloc.rate").isEmpty());
    }
}
