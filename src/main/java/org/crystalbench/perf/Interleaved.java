package org.crystalbench.perf;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
 * Runs the benchmarks of two builds interleaved on one machine: in each round one JMH fork of the
 * base jar and one of the head jar for every benchmark still open, in a seeded random order, each a
 * separate {@code java -cp JAR org.openjdk.jmh.Main} process writing JMH JSON. A disturbance that
 * lasts longer than a fork (another job, a thermal state) then hits both builds alike and cancels in
 * the per-round ratio; {@link PairedCheck} judges the pairs, {@link SequentialRule} decides when a
 * benchmark has been measured enough. Every fork also measures thread CPU time per operation
 * ({@link CpuTimeProfiler}, put first on either build's class path), so a base commit older than this
 * class is measured the same way; either jar only needs JMH and the benchmarks.
 */
public final class Interleaved {
    private static final String PATH_SEPARATOR = java.io.File.pathSeparator;

    private Interleaved() {}

    /** Which per-round score the verdicts use; both are always measured and shown. */
    public enum Measure {
        CPU, WALL
    }

    /**
     * How rounds are added and judged.
     *
     * @param baseConfig config the base build's forks read (its own commit's), or null for {@code config}
     * @param firstLook  0: one look after the last round with {@link PairedCheck#judge}; otherwise the
     *                   rounds of the first sequential look ({@link SequentialRule})
     * @param lookEvery  rounds between sequential looks
     * @param budgetMs   no round is started that would, at the pace of the last one, end after this; 0 = none
     * @param oneJvm     each build's benchmarks of a round run one after another in one JVM (JMH {@code -f 0}),
     *                   instead of a JVM per benchmark: a JVM start and JMH's own launcher per build and round
     *                   instead of two per benchmark, so many more rounds fit a budget; the rounds stay
     *                   independent JVMs, so a JIT decision that differs from one JVM to the next still varies
     *                   from round to round and is not mistaken for a difference between the builds
     */
    public record Plan(Path baseConfig, Measure measure, int firstLook, int lookEvery, long budgetMs, boolean oneJvm) {
        public Plan(Path baseConfig, Measure measure, int firstLook, int lookEvery, long budgetMs) {
            this(baseConfig, measure, firstLook, lookEvery, budgetMs, false);
        }

        public static Plan fixed() {
            return new Plan(null, Measure.CPU, 0, 0, 0, false);
        }

        public boolean sequential() {
            return firstLook > 0;
        }
    }

    /**
     * @param include      JMH include regex
     * @param rounds       rounds to run (sequential: the most to run)
     * @param params       JMH parameters for both sides, {@code name -> "v1,v2"}
     * @param baseParams   parameters for the base side only (e.g. {@code factor=1.00})
     * @param headParams   parameters for the head side only; names in either map are left out of the pairing key
     * @param iterationMs  length of each warmup and measurement iteration
     * @param config       config the per-model benchmarks read (absolute path passed to each fork)
     * @param out          folder for every fork's JSON and log
     */
    public record Request(Path baseJar, Path headJar, String include, int rounds, long seed, int warmups,
                          int iterations, long iterationMs, Map<String, String> params, Map<String, String> baseParams,
                          Map<String, String> headParams, Path config, Path out, double level, double minEffect, Plan plan) {
        public Request {
            params = Map.copyOf(params);
            baseParams = Map.copyOf(baseParams);
            headParams = Map.copyOf(headParams);
        }

        Set<String> sideNames() {
            var s = new java.util.TreeSet<>(baseParams.keySet());
            s.addAll(headParams.keySet());
            return s;
        }

        Path configOf(boolean base) {
            return base && plan.baseConfig() != null ? plan.baseConfig() : config;
        }
    }

    /**
     * @param gate     every compared benchmark, both measures, its verdict
     * @param skipped  benchmarks of the head not compared, each with the reason (one line each)
     * @param failed   benchmarks the head build could not run
     * @param rounds   rounds run
     * @param seconds  wall time of all forks
     */
    public record Outcome(SequentialRule.Report gate, List<String> skipped, List<String> failed, int rounds, double seconds) {
        public boolean failing() {
            return gate.regressed() || !failed.isEmpty();
        }
    }

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

    /** Checks that {@code jar} exists and holds JMH benchmarks (META-INF/BenchmarkList). */
    public static void checkJar(Path jar, String option) {
        listed(jar, option);
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
    static List<String> command(Request q, Path jar, Path profiler, Path config, String include, Map<String, String> forkParams,
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
    static List<String> command(Request q, Path jar, Map<String, String> sideParams, Path json) {
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

    public static Outcome run(Request q, PrintWriter log) {
        try {
            Files.createDirectories(q.out());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> sides = q.sideNames();
        List<Bench> wanted = expand(listed(q.headJar(), "--head-jar"), q.include(), q.params(), sides);
        if (wanted.isEmpty()) throw new InputException("--include: '" + q.include() + "' matches no benchmark in " + q.headJar());
        List<BenchmarkListEntry> baseList = listed(q.baseJar(), "--base-jar");
        List<String> skipped = new ArrayList<>(), failed = new ArrayList<>();
        List<Bench> open = new ArrayList<>();
        for (Bench b : wanted) {
            if (declares(baseList, b)) open.add(b);
            else skipped.add(b.key() + ": not in the base build's benchmarks");
        }
        skipped.forEach(s -> log.println("skipped " + s));
        Path profiler = profilerJar(q.out());
        // sequential: the confidence is split over the looks and over the benchmarks judged, so that the gate as a whole
        // keeps its false-alarm bound (with 21 benchmarks and noisy rounds a per-benchmark bound let 4-18% of simulated
        // A/A gates fail, docs/performance.md)
        SequentialRule rule = new SequentialRule(q.level(), q.minEffect(), q.rounds(), q.plan().firstLook(), q.plan().lookEvery(),
                q.plan().sequential() ? Math.max(1, open.size()) : 1);
        Map<String, List<BenchResult[]>> wall = new LinkedHashMap<>(), cpu = new LinkedHashMap<>();
        Map<String, SequentialRule.Decision> decided = new LinkedHashMap<>();
        boolean[] baseFirst = baseFirst(q.rounds(), q.seed());
        long t0 = System.nanoTime();
        // the budget is also a hard deadline: a fork still running at its end is stopped and its round not counted
        long deadline = q.plan().budgetMs() > 0 ? t0 + q.plan().budgetMs() * 1_000_000 : Long.MAX_VALUE;
        double last = 0;
        int r = 0;
        rounds:
        for (; r < q.rounds() && !open.isEmpty(); r++) {
            double elapsed = (System.nanoTime() - t0) / 1e9;
            if (q.plan().budgetMs() > 0 && r > 0 && (elapsed + last) * 1000 > q.plan().budgetMs()) {
                log.printf(Locale.ROOT, "time budget of %.0f s: no round %d (%.0f s so far, the last round took %.0f s)%n",
                        q.plan().budgetMs() / 1000.0, r + 1, elapsed, last);
                break;
            }
            long r0 = System.nanoTime();
            var line = new StringBuilder(String.format(Locale.ROOT, "round %d/%d (%d open):", r + 1, q.rounds(), open.size()));
            Map<String, BenchResult[]> roundWall = new LinkedHashMap<>(), roundCpu = new LinkedHashMap<>();
            for (int k = 0; k < 2; k++) {
                boolean isBase = (k == 0) == baseFirst[r];
                Map<String, String> side = isBase ? q.baseParams() : q.headParams();
                long f0 = System.nanoTime();
                int g = 0;
                for (var group : groups(open, side)) {
                    String name = String.format(Locale.ROOT, "round-%02d-%s-%d", r + 1, isBase ? "base" : "head", ++g);
                    Path json = q.out().resolve(name + ".json");
                    if (!fork(command(q, isBase ? q.baseJar() : q.headJar(), profiler, q.configOf(isBase), group.getKey(), group.getValue(), json),
                            q.out().resolve(name + ".log"), deadline)) {
                        log.printf(Locale.ROOT, "time budget of %.0f s reached during round %d: its forks stopped, the round not counted%n",
                                q.plan().budgetMs() / 1000.0, r + 1);
                        break rounds;
                    }
                    collect(json, null, sides, isBase, roundWall, true);
                    collect(json, CpuTimeProfiler.METRIC, sides, isBase, roundCpu, true);
                }
                line.append(String.format(Locale.ROOT, " %s %.1f s", isBase ? "base" : "head", (System.nanoTime() - f0) / 1e9));
            }
            log.println(line);
            for (var it = open.iterator(); it.hasNext(); ) {
                Bench b = it.next();
                BenchResult[] w = roundWall.get(b.key()), c = roundCpu.get(b.key());
                String where = String.format(Locale.ROOT, " (see %s)", q.out().resolve(String.format(Locale.ROOT, "round-%02d-*.log", r + 1)));
                if (w == null || w[0] == null) { // the base's problem, not the head's: not compared, not failing
                    it.remove();
                    wall.remove(b.key());
                    cpu.remove(b.key());
                    skipped.add(b.key() + (r == 0 ? ": the base build did not run it" : ": the base build stopped running it in round " + (r + 1)) + where);
                    log.println("skipped " + skipped.getLast());
                } else if (w[1] == null) {
                    it.remove();
                    failed.add(b.key() + ": the head build did not run it in round " + (r + 1) + where);
                    log.println("FAILED " + failed.getLast());
                } else {
                    wall.computeIfAbsent(b.key(), x -> new ArrayList<>()).add(w);
                    cpu.computeIfAbsent(b.key(), x -> new ArrayList<>()).add(c != null && c[0] != null && c[1] != null ? c : null);
                }
            }
            if (rule.isLook(r + 1) && q.plan().sequential()) {
                for (var it = open.iterator(); it.hasNext(); ) {
                    Bench b = it.next();
                    var d = rule.decide(b.key(), wall.get(b.key()), cpu.get(b.key()), q.plan().measure(), true);
                    if (d.verdict() != PerfCheck.Verdict.NOISE) {
                        decided.put(b.key(), d);
                        it.remove();
                        log.println("  " + SequentialRule.line(d));
                    }
                }
            }
            last = (System.nanoTime() - r0) / 1e9;
        }
        for (Bench b : open) {
            if (!wall.containsKey(b.key())) skipped.add(b.key() + ": not measured, no complete round within the time budget");
            else decided.put(b.key(), rule.decide(b.key(), wall.get(b.key()), cpu.get(b.key()),
                    q.plan().measure(), q.plan().sequential()));
        }
        var rows = new ArrayList<SequentialRule.Decision>();
        for (Bench b : wanted) if (decided.containsKey(b.key())) rows.add(decided.get(b.key()));
        return new Outcome(rule.report(rows, q.plan().measure(), q.plan().sequential()), List.copyOf(skipped), List.copyOf(failed), r,
                (System.nanoTime() - t0) / 1e9);
    }

    /** Adds one side's results of a fork's JSON (the primary metric, or {@code secondary}) to {@code round}. */
    private static void collect(Path json, String secondary, Set<String> sides, boolean isBase, Map<String, BenchResult[]> round,
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
     * Runs one JMH process; a benchmark that fails in it is simply absent from its JSON. False when the
     * deadline ({@link System#nanoTime}) came first: the process and its forks are then stopped.
     */
    private static boolean fork(List<String> command, Path logFile, long deadline) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile());
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
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
            if (deadline == Long.MAX_VALUE) {
                p.waitFor();
                return true;
            }
            long left = deadline - System.nanoTime();
            if (!p.waitFor(Math.max(0, left), java.util.concurrent.TimeUnit.NANOSECONDS)) {
                stop.run();
                p.waitFor();
                return false;
            }
            return true;
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
