package org.crystalbench.perf;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One fork of the one-JVM comparison (docs/performance.md, "Fourth pass"): both builds' jars in this JVM,
 * each in its own class loader whose parent is the platform loader (so no class of the project, Smile or
 * JMH is shared), every benchmark run as {@link SliceRunner} pairs of base and head slices on this thread.
 * Writes one line per pair to the output file (TSV; a benchmark one build cannot run is a {@code #skip} line
 * saying why). Started by {@link SameJvm}; its own {@code main} so that each fork is a fresh JVM.
 */
public final class SameJvmFork {
    private SameJvmFork() {}

    /** One benchmark: method, parameters of both builds, parameters of each side only. */
    public record Bench(String method, Map<String, String> params, Map<String, String> baseParams, Map<String, String> headParams) {
        public Bench {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
            baseParams = Map.copyOf(baseParams);
            headParams = Map.copyOf(headParams);
        }

        /** {@code TrainBench.fit[model=LR]}: the class's simple name, the method, the shared parameters. */
        public String label() {
            String l = new BenchResult(method, "", params, 0, 0, "").label();
            return baseParams.isEmpty() && headParams.isEmpty() ? l : l + "{" + join(baseParams) + " vs " + join(headParams) + "}";
        }

        /** {@code method|k=v,...|k=v,...|k=v,...}: how {@link SameJvm} passes it on the fork's command line. */
        public String arg() {
            return String.join("|", method, join(params), join(baseParams), join(headParams));
        }

        public static Bench parse(String arg) {
            String[] p = arg.split("\\|", -1);
            return new Bench(p[0], split(p[1]), split(p[2]), split(p[3]));
        }

        Map<String, String> side(boolean base) {
            Map<String, String> m = new LinkedHashMap<>(params);
            m.putAll(base ? baseParams : headParams);
            return m;
        }

        private static String join(Map<String, String> m) {
            return String.join(",", m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        }

        private static Map<String, String> split(String s) {
            Map<String, String> m = new LinkedHashMap<>();
            for (String kv : s.isEmpty() ? new String[0] : s.split(",")) m.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            return m;
        }
    }

    /** A build: its jar and the system properties its setups read (its config, the data). */
    public record Build(Path jar, Map<String, String> props) {}

    /** Column names of the output file. */
    public static final String HEADER = "benchmark\tpair\tbase_first\tinvocations\tops\tbase_cpu\thead_cpu\tbase_wall\thead_wall\tbase_proc\thead_proc";

    /**
     * Usage: {@code SameJvmFork OUT SEED WARMUP_MS,SLICE_MS,PAIRS,MIN_PAIRS,MAX_MS BASE_JAR BASE_PROPS HEAD_JAR HEAD_PROPS BENCH...},
     * props as {@code k=v,k=v}, each BENCH as {@link Bench#arg}.
     */
    public static void main(String[] a) throws IOException {
        long[] s = java.util.Arrays.stream(a[2].split(",")).mapToLong(Long::parseLong).toArray();
        var settings = new SliceRunner.Settings(s[0] * 1_000_000, s[1] * 1_000_000, (int) s[2], (int) s[3], s[4] * 1_000_000);
        Build base = new Build(Path.of(a[3]), Bench.split(a[4])), head = new Build(Path.of(a[5]), Bench.split(a[6]));
        List<Bench> benches = new ArrayList<>();
        for (int i = 7; i < a.length; i++) benches.add(Bench.parse(a[i]));
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(a[0])), true)) {
            run(base, head, benches, settings, Long.parseLong(a[1]), out);
        }
    }

    /** Runs every benchmark, in an order shuffled by {@code seed}, writing its pairs to {@code out}. */
    public static void run(Build base, Build head, List<Bench> benches, SliceRunner.Settings settings, long seed, PrintWriter out)
            throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Bench> order = new ArrayList<>(benches);
        Collections.shuffle(order, new java.util.Random(seed));
        out.println(HEADER);
        try (URLClassLoader b = loader(base.jar()); URLClassLoader h = loader(head.jar())) {
            for (Bench bench : order) {
                SliceRunner.Op bo, ho;
                try {
                    bo = IsolatedBench.open(b, bench.method(), bench.side(true), base.props());
                } catch (IsolatedBench.Unavailable e) {
                    out.println("#skip\t" + bench.label() + "\tbase: " + e.getMessage());
                    continue;
                }
                try {
                    ho = IsolatedBench.open(h, bench.method(), bench.side(false), head.props());
                } catch (IsolatedBench.Unavailable e) {
                    out.println("#failed\t" + bench.label() + "\thead: " + e.getMessage());
                    continue;
                }
                long t = System.nanoTime();
                try {
                    write(out, bench.label(), SliceRunner.run(bo, ho, settings, rng, SliceRunner.Clock.SYSTEM));
                } catch (IllegalStateException e) {
                    out.println("#failed\t" + bench.label() + "\t" + e.getMessage());
                }
                System.err.printf(Locale.ROOT, "%s %.1f s%n", bench.label(), (System.nanoTime() - t) / 1e9);
            }
        }
    }

    /** A class loader of the jar alone, over the platform loader: the build shares only the JDK with the other. */
    public static URLClassLoader loader(Path jar) throws IOException {
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    static void write(PrintWriter out, String label, SliceRunner.Result r) {
        for (int i = 0; i < r.pairs().size(); i++) {
            var p = r.pairs().get(i);
            out.println(String.format(Locale.ROOT, "%s\t%d\t%b\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d", label, i, p.baseFirst(), r.invocations(),
                    r.opsPerInvocation(), p.base().cpu(), p.head().cpu(), p.base().wall(), p.head().wall(), p.base().proc(), p.head().proc()));
        }
    }
}
