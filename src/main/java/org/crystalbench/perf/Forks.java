package org.crystalbench.perf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.crystalbench.InputException;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;

/**
 * The processes of an interleaved comparison ({@link Interleaved}): which benchmarks a jar declares, the
 * command line of one JMH run of one build, running it under the deadline, and reading its JSON back.
 */
final class Forks {
    private static final String PATH_SEPARATOR = java.io.File.pathSeparator;

    private Forks() {}

    /** One benchmark to run: the method's full name, its mode and the parameter values of the pairing key. */
    record Bench(String benchmark, String mode, Map<String, String> params) {
        String key() {
            return PairedCheck.key(new BenchResult(benchmark, mode, params, 1, 0, "ns/op"), Set.of());
        }
    }

    /** For each round, whether the base fork runs first: a fair coin from {@code seed}. */
    public static boolean[] baseFirst(int rounds, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        boolean[] first = new boolean[rounds];
        for (int r = 0; r < rounds; r++) first[r] = rng.nextBoolean();
        return first;
    }

    /** The jar's benchmark list. */
    static List<BenchmarkListEntry> listed(Path jar, String option) {
        if (!Files.isRegularFile(jar)) throw new InputException(option + ": " + jar + ": file not found");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry list = zip.getEntry("META-INF/BenchmarkList");
            if (list == null) throw new InputException(option + ": " + jar + ": not a benchmark jar (no META-INF/BenchmarkList)");
            try (InputStream in = zip.getInputStream(list)) {
                return BenchmarkList.readBenchmarkList(in);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InputException ie) throw ie;
            throw new InputException(option + ": " + jar + ": not a jar: " + e.getMessage());
        }
    }

    /**
     * The benchmarks of a jar's list that {@code include} finds, one per combination of the values of
     * the parameters outside {@code sideNames} ({@code params} restricts them; otherwise the declared values).
     */
    static List<Bench> expand(List<BenchmarkListEntry> entries, String include, Map<String, String> params, Set<String> sideNames) {
        Pattern p = Pattern.compile(include);
        Set<Bench> out = new LinkedHashSet<>();
        for (BenchmarkListEntry e : entries) {
            if (!p.matcher(e.getUsername()).find()) continue;
            Map<String, String[]> declared = e.getParams().hasValue() ? new TreeMap<>(e.getParams().get()) : new TreeMap<>();
            List<Map<String, String>> combos = new ArrayList<>(List.of(Map.of()));
            for (var d : declared.entrySet()) {
                if (sideNames.contains(d.getKey())) continue;
                String[] values = params.containsKey(d.getKey()) ? params.get(d.getKey()).split(",") : d.getValue();
                List<Map<String, String>> next = new ArrayList<>();
                for (var c : combos) {
                    for (String v : values) {
                        var m = new LinkedHashMap<>(c);
                        m.put(d.getKey(), v);
                        next.add(m);
                    }
                }
                combos = next;
            }
            for (var c : combos) out.add(new Bench(e.getUsername(), e.getMode().shortLabel(), Map.copyOf(c)));
        }
        return List.copyOf(out);
    }

    /** Whether the base's list declares the benchmark with these parameter values. */
    static boolean declares(List<BenchmarkListEntry> base, Bench b) {
        for (BenchmarkListEntry e : base) {
            if (!e.getUsername().equals(b.benchmark()) || !e.getMode().shortLabel().equals(b.mode())) continue;
            Map<String, String[]> declared = e.getParams().hasValue() ? e.getParams().get() : Map.of();
            boolean all = true;
            for (var p : b.params().entrySet()) {
                String[] values = declared.get(p.getKey());
                all &= values != null && Arrays.asList(values).contains(p.getValue());
            }
            if (all) return true;
        }
        return false;
    }

    /** The command line of one fork running {@code include} with {@code forkParams}. */
    static List<String> command(InterleavedRequest q, Path jar, Path profiler, Path config, String include, Map<String, String> forkParams,
                                Path json) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = profiler == null ? jar.toString() : profiler + PATH_SEPARATOR + jar;
        // -Xbatch (with the profiler): the benchmark thread waits for each compilation, so on a busy machine a fork
        // reaches compiled code after the same work, not after the same wall time (a starved JIT otherwise
        // leaves a fork's first iterations interpreted: 5x the CPU time per operation, measured)
        List<String> jvm = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true",
                "--sun-misc-unsafe-memory-access=allow"));
        if (profiler != null) jvm.add("-Xbatch");
        // no fork-join workers: parallel streams (Smile's random forest fit) run in the benchmark thread, so its
        // thread CPU time is all the work (with workers it saw 1-2 ms of a 1 s fit), and on 2 shared cores the
        // two builds compete with nothing of their own
        jvm.add("-Djava.util.concurrent.ForkJoinPool.common.parallelism=0");
        jvm.add("-D" + BenchInput.CONFIG_PROPERTY + "=" + config.toAbsolutePath());
        boolean oneJvm = q.plan().oneJvm();
        List<String> cmd = new ArrayList<>(List.of(java, "-Djmh.ignoreLock=true"));
        if (oneJvm) cmd.addAll(jvm); // -f 0: the benchmarks run in this very JVM
        cmd.addAll(List.of("-cp", cp, "org.openjdk.jmh.Main", include, "-f", oneJvm ? "0" : "1", "-wi", String.valueOf(q.warmups()),
                "-w", q.iterationMs() + "ms", "-i", String.valueOf(q.iterations()), "-r", q.iterationMs() + "ms"));
        if (profiler != null) cmd.addAll(List.of("-prof", CpuTimeProfiler.class.getName()));
        cmd.addAll(List.of("-rf", "json", "-rff", json.toString()));
        if (!oneJvm) cmd.addAll(List.of("-jvmArgsAppend", String.join(" ", jvm)));
        forkParams.forEach((k, v) -> cmd.addAll(List.of("-p", k + "=" + v)));
        return cmd;
    }

    /** The command line of one fork of the request's whole include regex (both sides' parameters). */
    static List<String> command(InterleavedRequest q, Path jar, Map<String, String> sideParams, Path json) {
        Map<String, String> all = new LinkedHashMap<>(q.params());
        all.putAll(sideParams);
        return command(q, jar, null, q.config(), q.include(), all, json);
    }

    /**
     * The forks of one side for the open benchmarks: methods that need the same parameter values share
     * one JMH run (JMH still forks a JVM per benchmark), and a method only runs the values still open.
     */
    static List<Map.Entry<String, Map<String, String>>> groups(List<Bench> open, Map<String, String> sideParams) {
        Map<String, Map<String, Set<String>>> byMethod = new LinkedHashMap<>();
        for (Bench b : open) {
            var m = byMethod.computeIfAbsent(b.benchmark(), k -> new TreeMap<>());
            b.params().forEach((k, v) -> m.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v));
        }
        Map<Map<String, String>, List<String>> byParams = new LinkedHashMap<>();
        byMethod.forEach((method, values) -> {
            Map<String, String> p = new TreeMap<>();
            values.forEach((k, v) -> p.put(k, String.join(",", v)));
            p.putAll(sideParams);
            byParams.computeIfAbsent(p, k -> new ArrayList<>()).add(method);
        });
        List<Map.Entry<String, Map<String, String>>> out = new ArrayList<>();
        byParams.forEach((p, methods) -> out.add(Map.entry(
                "^(" + methods.stream().map(Pattern::quote).collect(Collectors.joining("|")) + ")$", p)));
        return out;
    }

    /** Writes {@link CpuTimeProfiler} alone into a jar in {@code dir}, for either build's class path. */
    static Path profilerJar(Path dir) {
        String name = CpuTimeProfiler.class.getName().replace('.', '/') + ".class";
        Path jar = dir.resolve("cpu-profiler.jar");
        try (InputStream in = CpuTimeProfiler.class.getClassLoader().getResourceAsStream(name);
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            if (in == null) throw new IllegalStateException(name + " not found on the class path");
            out.putNextEntry(new ZipEntry(name));
            in.transferTo(out);
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    /** Adds one side's results of a fork's JSON (the primary metric, or {@code secondary}) to {@code round}. */
    static void collect(Path json, String secondary, Set<String> sides, boolean isBase, Map<String, BenchResult[]> round,
                                boolean best) {
        if (!Files.isRegularFile(json)) return;
        List<BenchResult> results;
        try {
            results = JmhJson.read(json, secondary, best);
        } catch (InputException e) { // every benchmark of the fork failed: JMH writes an empty array
            return;
        }
        for (BenchResult b : results) round.computeIfAbsent(PairedCheck.key(b, sides), k -> new BenchResult[2])[isBase ? 0 : 1] = b;
    }

    /**
     * Runs JMH processes at the same time (one, or a duet: the base's and the head's JVM of a round side by side)
     * and waits for all; a benchmark that fails in one is simply absent from its JSON. False when the deadline
     * ({@link System#nanoTime}) came first: every process and its forks are then stopped.
     */
    static boolean fork(List<List<String>> commands, List<Path> logFiles, long deadline) {
        List<Process> started = new ArrayList<>();
        // Ctrl-C or a CI timeout must not leave a JMH fork (and its forked benchmark JVM) running
        Thread stop = new Thread(() -> started.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }));
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            for (int i = 0; i < commands.size(); i++) {
                ProcessBuilder pb = new ProcessBuilder(commands.get(i)).redirectErrorStream(true).redirectOutput(logFiles.get(i).toFile());
                pb.environment().put("OPENBLAS_NUM_THREADS", "1");
                started.add(pb.start());
            }
            for (Process p : started) {
                if (deadline == Long.MAX_VALUE) {
                    p.waitFor();
                } else if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS)) {
                    stop.run();
                    for (Process q : started) q.waitFor();
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            stop.run();
            throw new UncheckedIOException(e);
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
    }
}
