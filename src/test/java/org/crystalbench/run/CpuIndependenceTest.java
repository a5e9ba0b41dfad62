package org.crystalbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.crystalbench.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same numbers on every machine: `run` in child JVMs forced onto different CPU code paths must write
 * the same splits.csv (all but the timing columns) and the same predictions.csv.gz (every probability
 * at full precision), to the bit. The paths: OpenBLAS kernels for other CPU types (the gemm MLP used to
 * call OpenBLAS, whose kernel the CPU chose: its DNN cells differed between machines), the JIT limited
 * to SSE, AVX or AVX2 instead of this CPU's best, no vectorised loops at all, and no BLAS library
 * (Smile's BLAS binding cannot load, so any model that still called BLAS would fail the run).
 *
 * <p>Every model type of the project, with the MLP's engine {@code gemm} on a one-hot set (its sparse
 * first layer) and a numeric set (dense). Smile's own MLP engine ({@code engine: smile}) is left out on
 * purpose: it calls OpenBLAS for every row and does vary by kernel (docs/grid.md, "The MLP engines").
 */
class CpuIndependenceTest {
    @TempDir
    Path dir;

    static final String MODELS = """
            - {name: DNN, type: mlp, hidden: [16, 8], epochs: 30, batch: 16, engine: gemm}
            - {name: SVM, type: svm, sigma: 3.0, C: 1.0}
            - {name: LR, type: logistic, lambda: 0.1}
            - {name: NB, type: naive-bayes}
            - {name: RF, type: random-forest, trees: 20}
            - {name: GBT, type: gradient-boosting, trees: 20}
            - {name: Voting-soft, type: voting, members: [DNN, SVM, LR, NB], rule: soft}
            """;

    /** One child JVM's code path: an OpenBLAS kernel (null: the CPU's own) and HotSpot flags. */
    record CodePath(String name, String coretype, List<String> jvmFlags) {}

    /** OpenBLAS kernel names and the /proc/cpuinfo flags each needs to run (it would crash without them). */
    static final Map<String, Set<String>> KERNELS = Map.of(
            "Prescott", Set.of("pni"),
            "Haswell", Set.of("avx2", "fma"),
            "Zen", Set.of("avx2", "fma"),
            "SkylakeX", Set.of("avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd"));

    static Set<String> cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) return Set.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no kernel can be forced
        }
        return Set.of();
    }

    /** The code paths this machine can run; each kernel paired with a JIT instruction-set limit to keep the JVMs few. */
    static List<CodePath> paths() {
        Set<String> cpu = cpuFlags();
        boolean x86 = Set.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
        List<CodePath> out = new ArrayList<>();
        out.add(new CodePath("no BLAS library", null, List.of("-Dsmile.lib.blas=none")));
        String[][] pairs = {{"Prescott", "-XX:UseAVX=0"}, {"Haswell", "-XX:UseAVX=1"}, {"Zen", "-XX:UseAVX=2"}, {"SkylakeX", null}};
        for (String[] p : pairs) {
            String kernel = cpu.containsAll(KERNELS.get(p[0])) ? p[0] : null;
            List<String> flags = x86 && p[1] != null ? List.of(p[1]) : List.of();
            if (kernel == null && flags.isEmpty()) continue;
            out.add(new CodePath((kernel == null ? "" : "OpenBLAS " + kernel + " ") + String.join(" ", flags), kernel, flags));
        }
        out.add(new CodePath("-XX:-UseSuperWord", null, List.of("-XX:-UseSuperWord")));
        return out;
    }

    /** Runs {@code crystal-bench run} in a child JVM on {@code path}; returns its output folder. */
    Path run(Path config, String name, CodePath path) throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-Xmx384m"));
        if (path != null) cmd.addAll(path.jvmFlags());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.crystalbench.cli.Main",
                "run", config.toString(), "--out", out.toString(), "--quiet", "--threads", "1"));
        Path log = dir.resolve(name + ".log");
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        pb.environment().remove("OPENBLAS_CORETYPE");
        if (path != null && path.coretype() != null) pb.environment().put("OPENBLAS_CORETYPE", path.coretype());
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(name + ": still running after 10 minutes");
        }
        assertEquals(0, p.exitValue(), name + " (" + path + ") failed:\n" + Files.readString(log));
        return out;
    }

    /** splits.csv without fit_ms and predict_ms: every metric of every split. */
    static List<String> metrics(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("splits.csv"));
        List<String> header = Arrays.asList(lines.getFirst().split(",", -1));
        Set<Integer> drop = Set.of(header.indexOf("fit_ms"), header.indexOf("predict_ms"));
        assertTrue(!drop.contains(-1), "timing columns not found: " + header);
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            var row = new StringBuilder();
            for (int i = 0; i < cells.length; i++) if (!drop.contains(i)) row.append(cells[i]).append(',');
            kept.add(row.toString());
        }
        return kept;
    }

    static List<String> predictions(Path out) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(out.resolve("predictions.csv.gz")))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** Fails with the first differing line (a whole file in the message would hide it). */
    static void sameLines(String what, List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), what + " differs from the default path at line " + (i + 1));
        }
        assertEquals(expected.size(), actual.size(), what + ": line count");
    }

    @Test
    void everyModelScoresTheSameBitsOnEveryCodePath() throws Exception {
        Path data = Fixtures.syntheticCsv(dir, 200, 5);
        Path config = Fixtures.config(data).name("cpu").featureSets(Fixtures.ALL_AND_NUMERIC_ONLY)
                .protocols("holdout: {repeats: 2, test_ratio: 0.25}").models(MODELS).write(dir, "cpu.yaml");
        List<CodePath> paths = paths();
        assertTrue(paths.size() >= 3, "too few code paths on this machine: " + paths);
        ExecutorService pool = Executors.newFixedThreadPool(2); // two children at a time on a 2-core machine
        try {
            Future<Path> reference = pool.submit(() -> run(config, "reference", null));
            List<Future<Path>> others = new ArrayList<>();
            for (int i = 0; i < paths.size(); i++) {
                CodePath p = paths.get(i);
                String name = "path-" + i;
                others.add(pool.submit(() -> run(config, name, p)));
            }
            Path ref = reference.get();
            List<String> refMetrics = metrics(ref), refPredictions = predictions(ref);
            assertEquals(1 + 2 * 2 * 8, refMetrics.size(), "2 feature sets x 2 splits x (7 models + the chance baseline)");
            assertTrue(refPredictions.size() > 100, "predictions.csv.gz has " + refPredictions.size() + " lines");
            for (int i = 0; i < paths.size(); i++) {
                Path out = others.get(i).get();
                sameLines(paths.get(i).name() + ": splits.csv", refMetrics, metrics(out));
                sameLines(paths.get(i).name() + ": predictions.csv.gz", refPredictions, predictions(out));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
