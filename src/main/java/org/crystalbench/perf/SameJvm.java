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
import org.crystalbench.InputException;
import org.openjdk.jmh.runner.BenchmarkListEntry;

/**
 * {@code perf-check --same-jvm} (docs/performance.md, "Fourth pass: both builds in one JVM"): each fork is one
 * JVM holding both builds ({@link SameJvmFork}), {@value #PARALLEL} forks at a time (one per core: both builds
 * share each fork's conditions, so forks need not take turns), each fork a round of the {@link SequentialRule}:
 * per benchmark the fork's median log ratio of its base/head slice pairs, judged over the forks at the looks.
 */
public final class SameJvm {
    private SameJvm() {}

    /** Forks run at a time. */
    public static final int PARALLEL = 2;
    /** Per benchmark and fork: warmup ms per build, slice ms, most pairs, least pairs, most ms of pairs. */
    public static final String SETTINGS = "500,5,100,5,600";
    /** A benchmark whose thread CPU time is under this share of the process's works off its thread: judged on process CPU time (RF fit: 0.02-0.03; SVM fit, whose GC is busy: 0.22-0.78). */
    public static final double OFF_THREAD = 0.1;

    /** The rounds so far: per benchmark key, a {@code [base, head]} pair per fork, wall and CPU time. */
    private record Rounds(Map<String, List<BenchResult[]>> wall, Map<String, List<BenchResult[]>> cpu) {}

    public static InterleavedOutcome run(InterleavedRequest q, PrintWriter log) {
        try {
            Files.createDirectories(q.out());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<BenchmarkListEntry> headList = Forks.listed(q.headJar(), "--head-jar"), baseList = Forks.listed(q.baseJar(), "--base-jar");
        List<Forks.Bench> wanted = Forks.expand(headList, q.include(), q.params(), q.sideNames());
        if (wanted.isEmpty()) throw new InputException("--include: '" + q.include() + "' matches no benchmark in " + q.headJar());
        List<String> skipped = new ArrayList<>(), failed = new ArrayList<>();
        List<Forks.Bench> open = new ArrayList<>();
        for (Forks.Bench b : wanted) {
            if (Forks.declares(baseList, b)) open.add(b);
            else skipped.add(b.key() + ": not in the base build's benchmarks");
        }
        skipped.forEach(s -> log.println("skipped " + s));
        SequentialRule rule = new SequentialRule(q.level(), q.minEffect(), q.rounds(), q.plan().firstLook(), q.plan().lookEvery(),
                q.plan().sequential() ? Math.max(1, open.size()) : 1);
        var m = new Rounds(new LinkedHashMap<>(), new LinkedHashMap<>());
        Map<String, SequentialRule.Decision> decided = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        int forks = forks(q, rule, open, headList, m, decided, skipped, failed, log, t0);
        for (Forks.Bench b : open) {
            if (!m.wall().containsKey(b.key())) skipped.add(b.key() + ": not measured, no fork finished within the time budget");
            else decided.put(b.key(), rule.decide(b.key(), m.wall().get(b.key()), m.cpu().get(b.key()), q.plan().measure(), q.plan().sequential()));
        }
        var rows = new ArrayList<SequentialRule.Decision>();
        for (Forks.Bench b : wanted) if (decided.containsKey(b.key())) rows.add(decided.get(b.key()));
        return new InterleavedOutcome(rule.report(rows, q.plan().measure(), q.plan().sequential()), List.copyOf(skipped), List.copyOf(failed),
                forks, (System.nanoTime() - t0) / 1e9, "");
    }

    /** Runs forks {@value #PARALLEL} at a time until every benchmark is decided, a look finds a regression, or the rounds or budget end. */
    private static int forks(InterleavedRequest q, SequentialRule rule, List<Forks.Bench> open, List<BenchmarkListEntry> headList, Rounds m,
                             Map<String, SequentialRule.Decision> decided, List<String> skipped, List<String> failed, PrintWriter log, long t0) {
        long budgetMs = q.plan().budgetMs(), deadline = budgetMs > 0 ? t0 + budgetMs * 1_000_000 : Long.MAX_VALUE;
        double last = 0;
        int n = 0;
        while (n < q.rounds() && !open.isEmpty()) {
            double elapsed = (System.nanoTime() - t0) / 1e9;
            if (budgetMs > 0 && n > 0 && (elapsed + last) * 1000 > budgetMs) {
                log.printf(Locale.ROOT, "time budget of %.0f s: no fork %d (%.0f s so far, the last forks took %.0f s)%n", budgetMs / 1000.0, n + 1,
                        elapsed, last);
                break;
            }
            long f0 = System.nanoTime();
            int k = Math.min(PARALLEL, q.rounds() - n);
            List<List<String>> commands = new ArrayList<>();
            List<Path> outs = new ArrayList<>(), logs = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                String name = String.format(Locale.ROOT, "fork-%02d", n + i + 1);
                outs.add(q.out().resolve(name + ".tsv"));
                logs.add(q.out().resolve(name + ".log"));
                commands.add(command(q, open, headList, q.seed() * 1000 + n + i, outs.getLast()));
            }
            if (!Forks.fork(commands, logs, deadline)) {
                log.printf(Locale.ROOT, "time budget of %.0f s reached during forks %d-%d: stopped, not counted%n", budgetMs / 1000.0, n + 1, n + k);
                break;
            }
            for (Path out : outs) record(SameJvmResults.read(out), open, m, skipped, failed, out, log);
            int before = n;
            n += k;
            log.printf(Locale.ROOT, "forks %d-%d of %d (%d open): %.1f s%n", before + 1, n, q.rounds(), open.size(), (System.nanoTime() - f0) / 1e9);
            if (q.plan().sequential() && looked(rule, before, n) && look(q, rule, open, m, decided, log)) {
                log.printf(Locale.ROOT, "a regression after %d forks: the gate fails, no more forks%n", n);
                break;
            }
            last = (System.nanoTime() - f0) / 1e9;
        }
        return n;
    }

    /** Whether a look falls in (before, after]: forks finish {@value #PARALLEL} at a time, the look is then taken at {@code after}. */
    static boolean looked(SequentialRule rule, int before, int after) {
        for (int r = before + 1; r <= after; r++) if (rule.isLook(r)) return true;
        return false;
    }

    private static List<String> command(InterleavedRequest q, List<Forks.Bench> open, List<BenchmarkListEntry> headList, long seed, Path out) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true",
                "--sun-misc-unsafe-memory-access=allow",
                // the thread waits for each compilation: warmup ends compiled in both builds even when the machine starves the JIT
                "-Xbatch",
                // parallel streams run in the benchmark thread, so its CPU time is the work (as in Forks)
                "-Djava.util.concurrent.ForkJoinPool.common.parallelism=0",
                "-cp", q.headJar().toAbsolutePath().toString(), SameJvmFork.class.getName(), out.toString(), String.valueOf(seed), SETTINGS,
                q.baseJar().toAbsolutePath().toString(), BenchInput.CONFIG_PROPERTY + "=" + q.configOf(true).toAbsolutePath(),
                q.headJar().toAbsolutePath().toString(), BenchInput.CONFIG_PROPERTY + "=" + q.configOf(false).toAbsolutePath()));
        for (Forks.Bench b : open) {
            Map<String, String> base = sideOf(headList, b, q.baseParams()), head = sideOf(headList, b, q.headParams());
            cmd.add(new SameJvmFork.Bench(b.benchmark(), b.params(), base, head).arg());
        }
        return cmd;
    }

    /** The side parameters the benchmark declares. */
    private static Map<String, String> sideOf(List<BenchmarkListEntry> list, Forks.Bench b, Map<String, String> side) {
        Map<String, String> out = new LinkedHashMap<>();
        for (BenchmarkListEntry e : list) {
            if (!e.getUsername().equals(b.benchmark()) || !e.getParams().hasValue()) continue;
            side.forEach((k, v) -> {
                if (e.getParams().get().containsKey(k)) out.put(k, v);
            });
        }
        return out;
    }

    private static void record(Map<String, SameJvmResults.Fork> fork, List<Forks.Bench> open, Rounds m, List<String> skipped, List<String> failed,
                               Path out, PrintWriter log) {
        for (var it = open.iterator(); it.hasNext(); ) {
            Forks.Bench b = it.next();
            SameJvmResults.Fork f = SameJvmResults.find(fork, SameJvmResults.label(b.benchmark(), b.params()));
            if (f == null || f.problem() != null) {
                it.remove();
                m.wall().remove(b.key());
                m.cpu().remove(b.key());
                String why = f == null ? "no result (see " + out.getFileName().toString().replace(".tsv", ".log") + ")" : f.problem();
                boolean head = f == null || f.headFailed();
                (head ? failed : skipped).add(b.key() + ": " + why);
                log.println((head ? "FAILED " : "skipped ") + b.key() + ": " + why);
                continue;
            }
            m.wall().computeIfAbsent(b.key(), x -> new ArrayList<>()).add(f.pair(b, SameJvmResults.Clock.WALL));
            m.cpu().computeIfAbsent(b.key(), x -> new ArrayList<>()).add(f.pair(b, f.offThread(OFF_THREAD) ? SameJvmResults.Clock.PROC : SameJvmResults.Clock.CPU));
        }
    }

    /** One look: decided benchmarks leave the open list; true when one of them is a regression. */
    private static boolean look(InterleavedRequest q, SequentialRule rule, List<Forks.Bench> open, Rounds m,
                                Map<String, SequentialRule.Decision> decided, PrintWriter log) {
        boolean regression = false;
        for (var it = open.iterator(); it.hasNext(); ) {
            Forks.Bench b = it.next();
            var d = rule.decide(b.key(), m.wall().get(b.key()), m.cpu().get(b.key()), q.plan().measure(), true);
            if (d.verdict() != PerfCheck.Verdict.NOISE) {
                decided.put(b.key(), d);
                it.remove();
                log.println("  " + d.line());
                regression |= d.verdict() == PerfCheck.Verdict.REGRESSION;
            }
        }
        return regression;
    }
}
