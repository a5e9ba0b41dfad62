package org.crystalbench.perf;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.ZipFile;
import org.crystalbench.InputException;

/**
 * Runs the benchmarks of two builds interleaved on one machine: in each round one JMH fork of the
 * base jar and one of the head jar, in a seeded random order, each a separate {@code java -cp JAR
 * org.openjdk.jmh.Main} process writing JMH JSON. A disturbance that lasts longer than a fork
 * (another job, a thermal state) then hits both builds alike and cancels in the per-round ratio;
 * {@link PairedCheck} judges the pairs. Either jar only needs JMH and the benchmarks, so a base
 * commit older than this class works.
 */
public final class Interleaved {
    private Interleaved() {}

    /**
     * @param include      JMH include regex
     * @param params       JMH parameters for both sides, {@code name -> "v1,v2"}
     * @param baseParams   parameters for the base side only (e.g. {@code factor=1.00})
     * @param headParams   parameters for the head side only; names in either map are left out of the pairing key
     * @param iterationMs  length of each warmup and measurement iteration
     * @param config       config the per-model benchmarks read (absolute path passed to each fork)
     * @param out          folder for every fork's JSON and log
     */
    public record Request(Path baseJar, Path headJar, String include, int rounds, long seed, int warmups,
                          int iterations, long iterationMs, Map<String, String> params, Map<String, String> baseParams,
                          Map<String, String> headParams, Path config, Path out, double level, double minEffect) {
        public Request {
            params = Map.copyOf(params);
            baseParams = Map.copyOf(baseParams);
            headParams = Map.copyOf(headParams);
        }
    }

    /** @param seconds wall time of all forks */
    public record Outcome(PairedCheck.Report report, double seconds) {}

    /** For each round, whether the base fork runs first: a fair coin from {@code seed}. */
    public static boolean[] baseFirst(int rounds, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        boolean[] first = new boolean[rounds];
        for (int r = 0; r < rounds; r++) first[r] = rng.nextBoolean();
        return first;
    }

    /** Checks that {@code jar} exists and holds JMH benchmarks (META-INF/BenchmarkList). */
    public static void checkJar(Path jar, String option) {
        if (!Files.isRegularFile(jar)) throw new InputException(option + ": " + jar + ": file not found");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.getEntry("META-INF/BenchmarkList") == null) {
                throw new InputException(option + ": " + jar + ": not a benchmark jar (no META-INF/BenchmarkList)");
            }
        } catch (IOException e) {
            throw new InputException(option + ": " + jar + ": not a jar: " + e.getMessage());
        }
    }

    /** The command line of one fork. */
    static List<String> command(Request q, Path jar, Map<String, String> sideParams, Path json) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Djmh.ignoreLock=true", "-cp", jar.toString(),
                "org.openjdk.jmh.Main", q.include(), "-f", "1", "-wi", String.valueOf(q.warmups()),
                "-w", q.iterationMs() + "ms", "-i", String.valueOf(q.iterations()), "-r", q.iterationMs() + "ms",
                "-rf", "json", "-rff", json.toString(), "-jvmArgsAppend",
                "--enable-native-access=ALL-UNNAMED -Djava.awt.headless=true --sun-misc-unsafe-memory-access=allow -D"
                        + BenchInput.CONFIG_PROPERTY + "=" + q.config().toAbsolutePath()));
        Map<String, String> all = new LinkedHashMap<>(q.params());
        all.putAll(sideParams);
        all.forEach((k, v) -> cmd.addAll(List.of("-p", k + "=" + v)));
        return cmd;
    }

    public static Outcome run(Request q, PrintWriter log) {
        try {
            Files.createDirectories(q.out());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean[] baseFirst = baseFirst(q.rounds(), q.seed());
        List<List<BenchResult>> base = new ArrayList<>(), head = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int r = 0; r < q.rounds(); r++) {
            List<BenchResult> b = null, h = null;
            var line = new StringBuilder(String.format(Locale.ROOT, "round %d/%d:", r + 1, q.rounds()));
            for (int k = 0; k < 2; k++) {
                boolean isBase = (k == 0) == baseFirst[r];
                String name = String.format(Locale.ROOT, "round-%02d-%s", r + 1, isBase ? "base" : "head");
                long f0 = System.nanoTime();
                List<BenchResult> res = fork(q, isBase ? q.baseJar() : q.headJar(), isBase ? q.baseParams() : q.headParams(),
                        q.out().resolve(name + ".json"), q.out().resolve(name + ".log"), r == 0);
                line.append(String.format(Locale.ROOT, " %s %.1f s", isBase ? "base" : "head", (System.nanoTime() - f0) / 1e9));
                if (isBase) b = res;
                else h = res;
            }
            base.add(b);
            head.add(h);
            log.println(line);
            log.flush();
        }
        var sideNames = new java.util.HashSet<>(q.baseParams().keySet());
        sideNames.addAll(q.headParams().keySet());
        PairedCheck.Report report = PairedCheck.compare(base, head, sideNames, q.level(), q.minEffect());
        return new Outcome(report, (System.nanoTime() - t0) / 1e9);
    }

    private static List<BenchResult> fork(Request q, Path jar, Map<String, String> sideParams, Path json, Path logFile,
                                          boolean first) {
        ProcessBuilder pb = new ProcessBuilder(command(q, jar, sideParams, json)).redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        int code;
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Ctrl-C or a CI timeout must not leave a JMH fork (and its forked benchmark JVM) running
        Thread stop = new Thread(() -> {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        });
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            code = p.waitFor();
        } catch (InterruptedException e) {
            stop.run();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs
            }
        }
        String tail = tail(logFile);
        if (code != 0 || !Files.isRegularFile(json)) {
            if (first && tail.contains("No matching benchmarks")) {
                throw new InputException("--include: '" + q.include() + "' matches no benchmark in " + jar);
            }
            throw new IllegalStateException("JMH fork of " + jar + " failed (exit " + code + "; log " + logFile + "): " + tail);
        }
        return JmhJson.read(json);
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
