package org.crystalbench.perf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.crystalbench.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterleavedTest {
    /** A look over 12 rounds: a benchmark 20% slower in every round is a regression and ends the gate; unchanged ones do not. */
    @Test
    void aLookThatFindsARegressionEndsTheGateAndDecidedBenchmarksLeave(@TempDir Path dir) {
        var q = new InterleavedRequest(Path.of("base.jar"), Path.of("head.jar"), "X", 24, 1, 1, 3, 20, Map.of(), Map.of(), Map.of(),
                Path.of("configs/paper.yaml"), dir, 0.95, 0.03, new InterleavedRequest.Plan(null, Measure.CPU, 12, 4, 0, true, true));
        var rule = new SequentialRule(0.95, 0.03, 24, 12, 4, 2);
        for (double slowdown : new double[] {1.2, 1.0}) {
            var m = Interleaved.Measured.empty();
            var open = new java.util.ArrayList<>(List.of(new Forks.Bench("a.B.fit", "avgt", Map.of()), new Forks.Bench("a.C.row", "avgt", Map.of())));
            var rng = new java.util.SplittableRandom(3);
            for (var b : open) {
                var pairs = new java.util.ArrayList<BenchResult[]>();
                for (int r = 0; r < 12; r++) {
                    double base = 100 * (1 + 0.01 * rng.nextGaussian()), f = b.benchmark().equals("a.B.fit") ? slowdown : 1.0;
                    pairs.add(new BenchResult[] {new BenchResult(b.benchmark(), "avgt", Map.of(), base, 0, "us/op"),
                            new BenchResult(b.benchmark(), "avgt", Map.of(), base * f * (1 + 0.01 * rng.nextGaussian()), 0, "us/op")});
                }
                m.wall().put(b.key(), pairs);
                m.cpu().put(b.key(), pairs);
            }
            boolean stop = Interleaved.look(q, rule, open, m, new java.io.PrintWriter(java.io.Writer.nullWriter()));
            assertEquals(slowdown > 1, stop, "slowdown " + slowdown);
            assertEquals(slowdown > 1 ? PerfCheck.Verdict.REGRESSION : PerfCheck.Verdict.UNCHANGED,
                    m.decided().get(new Forks.Bench("a.B.fit", "avgt", Map.of()).key()).verdict());
            assertTrue(open.isEmpty(), "both decided at the look: " + open);
        }
    }

    @Test
    void theOrderIsSeededAndMixed() {
        boolean[] a = Forks.baseFirst(40, 7);
        assertArrayEquals(a, Forks.baseFirst(40, 7));
        int first = 0;
        for (boolean b : a) first += b ? 1 : 0;
        assertTrue(first > 10 && first < 30, "base first in " + first + " of 40 rounds");
        assertTrue(!java.util.Arrays.equals(a, Forks.baseFirst(40, 8)));
    }

    @Test
    void eachForkIsOneJmhRunOfItsJarWithItsSideParameters(@TempDir Path dir) {
        var q = new InterleavedRequest(Path.of("base.jar"), Path.of("head.jar"), "KnownEffectBench", 6, 1, 1, 3, 400,
                Map.of("n", "2"), Map.of("factor", "1.00"), Map.of("factor", "1.10"), Path.of("configs/paper.yaml"), dir, 0.95, 0.03, InterleavedRequest.Plan.fixed());
        var cmd = String.join(" ", Forks.command(q, q.headJar(), q.headParams(), dir.resolve("x.json")));
        assertTrue(cmd.contains(" -cp head.jar org.openjdk.jmh.Main KnownEffectBench -f 1 -wi 1 -w 400ms -i 3 -r 400ms -rf json -rff "), cmd);
        assertTrue(cmd.contains("-p n=2") && cmd.contains("-p factor=1.10") && !cmd.contains("factor=1.00"), cmd);
    }

    @Test
    void aJarMustExistAndHoldBenchmarks(@TempDir Path dir) throws Exception {
        var e = assertThrows(InputException.class, () -> Interleaved.checkJar(dir.resolve("no.jar"), "--base-jar"));
        assertTrue(e.getMessage().startsWith("--base-jar: ") && e.getMessage().endsWith("no.jar: file not found"), e.getMessage());
        Path text = Files.writeString(dir.resolve("t.jar"), "not a zip");
        assertTrue(assertThrows(InputException.class, () -> Interleaved.checkJar(text, "--head-jar")).getMessage().contains("not a jar"));
        Path empty = dir.resolve("e.jar");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(empty))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("META-INF/MANIFEST.MF"));
        }
        assertTrue(assertThrows(InputException.class, () -> Interleaved.checkJar(empty, "--head-jar")).getMessage()
                .contains("not a benchmark jar"));
    }

    @Test
    void theBenchmarksToCompareComeFromTheHeadsListAndTheBaseMustDeclareThem() {
        var list = org.openjdk.jmh.runner.BenchmarkList.defaultList().getAll(null, List.of());
        var entries = List.copyOf(list);
        var wanted = Forks.expand(entries, "(TrainBench\\.fit|SingleRowBench\\.predictRow)$", Map.of("model", "LR,NB,NOPE"), Set.of());
        assertEquals(List.of("SingleRowBench.predictRow[model=LR] (avgt)", "SingleRowBench.predictRow[model=NB] (avgt)",
                "SingleRowBench.predictRow[model=NOPE] (avgt)", "TrainBench.fit[model=LR] (avgt)", "TrainBench.fit[model=NB] (avgt)",
                "TrainBench.fit[model=NOPE] (avgt)"), wanted.stream().map(Forks.Bench::key).sorted().toList());
        // a model the base's benchmarks do not declare is skipped, not run
        assertTrue(wanted.stream().filter(b -> b.params().get("model").equals("NOPE")).noneMatch(b -> Forks.declares(entries, b)));
        assertTrue(wanted.stream().filter(b -> !b.params().get("model").equals("NOPE")).allMatch(b -> Forks.declares(entries, b)));
        // every declared value without --param; a side parameter is not part of the key
        assertEquals(9, Forks.expand(entries, "TrainBench\\.fit$", Map.of(), Set.of()).size());
        var known = Forks.expand(entries, "KnownEffectBench", Map.of(), Set.of("factor"));
        assertEquals(List.of("KnownEffectBench.kernel (avgt)"), known.stream().map(Forks.Bench::key).toList());
        assertTrue(Forks.declares(entries, known.getFirst()));
    }

    @Test
    void methodsNeedingTheSameValuesShareOneJmhRunAndOnlyOpenValuesRun() {
        var open = List.of(new Forks.Bench("a.B.fit", "avgt", Map.of("model", "LR")),
                new Forks.Bench("a.B.fit", "avgt", Map.of("model", "NB")),
                new Forks.Bench("a.C.row", "avgt", Map.of("model", "LR")),
                new Forks.Bench("a.C.row", "avgt", Map.of("model", "NB")),
                new Forks.Bench("a.D.batch", "thrpt", Map.of("model", "NB")));
        var groups = Forks.groups(open, Map.of("factor", "1.10"));
        assertEquals(2, groups.size());
        assertEquals("^(\\Qa.B.fit\\E|\\Qa.C.row\\E)$", groups.get(0).getKey());
        assertEquals(Map.of("model", "LR,NB", "factor", "1.10"), groups.get(0).getValue());
        assertEquals(Map.of("model", "NB", "factor", "1.10"), groups.get(1).getValue());
        assertTrue(java.util.regex.Pattern.compile(groups.get(0).getKey()).matcher("a.C.row").find());
        assertFalse(java.util.regex.Pattern.compile(groups.get(0).getKey()).matcher("a.C.rowX").find());
    }

    @Test
    void theProfilerGoesFirstOnEitherBuildsClassPath(@TempDir Path dir) throws Exception {
        Path jar = Forks.profilerJar(dir);
        try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
            assertTrue(zip.getEntry("org/crystalbench/perf/CpuTimeProfiler.class") != null);
            assertEquals(1, zip.size()); // the class alone: nothing of the head shadows the base
        }
        var q = new InterleavedRequest(Path.of("base.jar"), Path.of("head.jar"), "X", 6, 1, 1, 3, 200, Map.of(), Map.of(), Map.of(),
                Path.of("configs/paper.yaml"), dir, 0.95, 0.03, new InterleavedRequest.Plan(Path.of("base.yaml"), Measure.CPU, 9, 3, 0));
        var cmd = String.join(" ", Forks.command(q, q.baseJar(), jar, q.configOf(true), "^(x)$", Map.of("model", "LR"), dir.resolve("j.json")));
        assertTrue(cmd.contains(" -cp " + jar + java.io.File.pathSeparator + "base.jar org.openjdk.jmh.Main ^(x)$ "), cmd);
        assertTrue(cmd.contains("-prof org.crystalbench.perf.CpuTimeProfiler") && cmd.contains(" -Xbatch "), cmd);
        assertTrue(cmd.contains("base.yaml") && cmd.contains("-p model=LR"), cmd);
        assertTrue(String.join(" ", Forks.command(q, q.headJar(), jar, q.configOf(false), "x", Map.of(), dir.resolve("j.json")))
                .contains("configs/paper.yaml"));
    }

    @Test
    void oneJvmRunsTheRoundsBenchmarksInTheLaunchedJvmItself(@TempDir Path dir) {
        Path jar = Forks.profilerJar(dir);
        var q = new InterleavedRequest(Path.of("base.jar"), Path.of("head.jar"), "X", 24, 1, 3, 3, 100, Map.of(), Map.of(), Map.of(),
                Path.of("configs/paper.yaml"), dir, 0.95, 0.03, new InterleavedRequest.Plan(null, Measure.CPU, 8, 4, 480_000, true));
        List<String> cmd = Forks.command(q, q.headJar(), jar, q.configOf(false), "^(x)$", Map.of("model", "LR"), dir.resolve("j.json"));
        // JMH -f 0 runs the benchmarks in the JVM that runs JMH: the JVM options go on that java command, before -cp
        assertEquals("0", cmd.get(cmd.indexOf("-f") + 1), cmd.toString());
        assertTrue(cmd.indexOf("-Xbatch") > 0 && cmd.indexOf("-Xbatch") < cmd.indexOf("-cp"), cmd.toString());
        assertTrue(cmd.indexOf("-Djava.util.concurrent.ForkJoinPool.common.parallelism=0") < cmd.indexOf("-cp"), cmd.toString());
        assertTrue(cmd.stream().anyMatch(a -> a.startsWith("-Dcrystalbench.config=") && a.endsWith("paper.yaml")), cmd.toString());
        assertTrue(!cmd.contains("-jvmArgsAppend"), cmd.toString());
        // a JVM per benchmark (the default) passes the same options to JMH's forks instead
        var perBenchmark = Forks.command(new InterleavedRequest(q.baseJar(), q.headJar(), "X", 24, 1, 3, 3, 100, Map.of(), Map.of(),
                Map.of(), q.config(), dir, 0.95, 0.03, new InterleavedRequest.Plan(null, Measure.CPU, 8, 4, 0)), q.headJar(), jar,
                q.config(), "x", Map.of(), dir.resolve("j.json"));
        assertEquals("1", perBenchmark.get(perBenchmark.indexOf("-f") + 1));
        assertTrue(perBenchmark.get(perBenchmark.indexOf("-jvmArgsAppend") + 1).contains("-Xbatch -Djava.util.concurrent.ForkJoinPool.common.parallelism=0"));
    }
}
