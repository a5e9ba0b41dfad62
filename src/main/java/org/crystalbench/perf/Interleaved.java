package org.crystalbench.perf;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.crystalbench.InputException;
import org.openjdk.jmh.runner.BenchmarkListEntry;

/**
 * Runs the benchmarks of two builds interleaved on one machine: in each round one JMH run of the base
 * jar and one of the head jar for every benchmark still open, in a seeded random order, each a separate
 * {@code java -cp JAR org.openjdk.jmh.Main} process writing JMH JSON ({@link Forks}). A disturbance that
 * lasts longer than a fork (another job, a thermal state) then hits both builds alike and cancels in the
 * per-round ratio; {@link PairedCheck} judges the pairs, {@link SequentialRule} decides when a benchmark
 * has been measured enough. Every fork also measures thread CPU time per operation
 * ({@link CpuTimeProfiler}, put first on either build's class path), so a base commit older than this
 * class is measured the same way; either jar only needs JMH and the benchmarks.
 */
public final class Interleaved {
    private Interleaved() {}

    /** The rounds so far: per benchmark key, one {@code [base, head]} pair per round, wall and CPU time. */
    record Measured(Map<String, List<BenchResult[]>> wall, Map<String, List<BenchResult[]>> cpu,
                    Map<String, SequentialRule.Decision> decided, List<String> skipped, List<String> failed) {
        static Measured empty() {
            return new Measured(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    /** Checks that {@code jar} exists and holds JMH benchmarks (META-INF/BenchmarkList). */
    public static void checkJar(java.nio.file.Path jar, String option) {
        Forks.listed(jar, option);
    }

    /** Runs the comparison, writes {@code table.md} into the request's folder and returns the verdicts with the table. */
    public static InterleavedOutcome run(InterleavedRequest q, PrintWriter log) {
        try {
            Files.createDirectories(q.out());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> sides = q.sideNames();
        List<Forks.Bench> wanted = Forks.expand(Forks.listed(q.headJar(), "--head-jar"), q.include(), q.params(), sides);
        if (wanted.isEmpty()) throw new InputException("--include: '" + q.include() + "' matches no benchmark in " + q.headJar());
        List<BenchmarkListEntry> baseList = Forks.listed(q.baseJar(), "--base-jar");
        var m = Measured.empty();
        List<Forks.Bench> open = new ArrayList<>();
        for (Forks.Bench b : wanted) {
            if (Forks.declares(baseList, b)) open.add(b);
            else m.skipped().add(b.key() + ": not in the base build's benchmarks");
        }
        m.skipped().forEach(s -> log.println("skipped " + s));
        // sequential: the confidence is split over the looks and over the benchmarks judged, so that the gate as a whole
        // keeps its false-alarm bound (with 21 benchmarks and noisy rounds a per-benchmark bound let 4-18% of simulated
        // A/A gates fail, docs/performance.md)
        SequentialRule rule = new SequentialRule(q.level(), q.minEffect(), q.rounds(), q.plan().firstLook(), q.plan().lookEvery(),
                q.plan().sequential() ? Math.max(1, open.size()) : 1);
        long t0 = System.nanoTime();
        int rounds = rounds(q, rule, open, m, log, t0);
        for (Forks.Bench b : open) {
            if (!m.wall().containsKey(b.key())) m.skipped().add(b.key() + ": not measured, no complete round within the time budget");
            else m.decided().put(b.key(), rule.decide(b.key(), m.wall().get(b.key()), m.cpu().get(b.key()),
                    q.plan().measure(), q.plan().sequential()));
        }
        var rows = new ArrayList<SequentialRule.Decision>();
        for (Forks.Bench b : wanted) if (m.decided().containsKey(b.key())) rows.add(m.decided().get(b.key()));
        var o = new InterleavedOutcome(rule.report(rows, q.plan().measure(), q.plan().sequential()), List.copyOf(m.skipped()),
                List.copyOf(m.failed()), rounds, (System.nanoTime() - t0) / 1e9, "");
        return o; // its table: operations.InterleavedCheck (report renders Markdown)
    }

    /**
     * Adds rounds until every benchmark is decided, the rounds or the time budget end, or a look finds a
     * regression (the gate fails then whatever the rest would show, so it stops: a clear case ends early).
     * Returns the rounds run.
     */
    /** One step's forks: per fork its command, JSON output, log and side (true: base). */
    private record Step(List<List<String>> commands, List<java.nio.file.Path> jsons, List<java.nio.file.Path> logs, List<Boolean> sideOf) {}

    private static Step step(InterleavedRequest q, int r, List<Boolean> sidesOfStep, List<Forks.Bench> open, java.nio.file.Path profiler) {
        var st = new Step(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (boolean isBase : sidesOfStep) {
            int g = 0;
            for (var group : Forks.groups(open, isBase ? q.baseParams() : q.headParams())) {
                String name = String.format(Locale.ROOT, "round-%02d-%s-%d", r + 1, isBase ? "base" : "head", ++g);
                st.jsons().add(q.out().resolve(name + ".json"));
                st.logs().add(q.out().resolve(name + ".log"));
                st.sideOf().add(isBase);
                st.commands().add(Forks.command(q, isBase ? q.baseJar() : q.headJar(), profiler, q.configOf(isBase), group.getKey(),
                        group.getValue(), st.jsons().getLast()));
            }
        }
        return st;
    }

    private static int rounds(InterleavedRequest q, SequentialRule rule, List<Forks.Bench> open, Measured m, PrintWriter log, long t0) {
        Set<String> sides = q.sideNames();
        java.nio.file.Path profiler = Forks.profilerJar(q.out());
        boolean[] baseFirst = Forks.baseFirst(q.rounds(), q.seed());
        // the budget is also a hard deadline: a fork still running at its end is stopped and its round not counted
        long budgetMs = q.plan().budgetMs(), deadline = budgetMs > 0 ? t0 + budgetMs * 1_000_000 : Long.MAX_VALUE;
        double last = 0;
        int r = 0;
        for (; r < q.rounds() && !open.isEmpty(); r++) {
            double elapsed = (System.nanoTime() - t0) / 1e9;
            if (budgetMs > 0 && r > 0 && (elapsed + last) * 1000 > budgetMs) {
                log.printf(Locale.ROOT, "time budget of %.0f s: no round %d (%.0f s so far, the last round took %.0f s)%n",
                        budgetMs / 1000.0, r + 1, elapsed, last);
                break;
            }
            long r0 = System.nanoTime();
            var line = new StringBuilder(String.format(Locale.ROOT, "round %d/%d (%d open):", r + 1, q.rounds(), open.size()));
            Map<String, BenchResult[]> roundWall = new LinkedHashMap<>(), roundCpu = new LinkedHashMap<>();
            // one step per side, or one step for both sides at once (duet); each step runs its forks side by side
            List<List<Boolean>> steps = q.plan().duet() ? List.of(List.of(baseFirst[r], !baseFirst[r]))
                    : List.of(List.of(baseFirst[r]), List.of(!baseFirst[r]));
            for (List<Boolean> step : steps) {
                long f0 = System.nanoTime();
                Step st = step(q, r, step, open, profiler);
                List<List<String>> commands = st.commands();
                List<java.nio.file.Path> jsons = st.jsons(), logs = st.logs();
                List<Boolean> sideOf = st.sideOf();
                // a duet runs each side's forks one after another, the two sides together
                int perSide = q.plan().duet() ? commands.size() / 2 : commands.size();
                for (int i = 0; i < perSide; i++) {
                    List<Integer> at = q.plan().duet() ? List.of(i, i + perSide) : List.of(i);
                    if (!Forks.fork(at.stream().map(commands::get).toList(), at.stream().map(logs::get).toList(), deadline)) {
                        log.printf(Locale.ROOT, "time budget of %.0f s reached during round %d: its forks stopped, the round not counted%n",
                                budgetMs / 1000.0, r + 1);
                        return r;
                    }
                    for (int k : at) {
                        Forks.collect(jsons.get(k), null, sides, sideOf.get(k), roundWall, true);
                        Forks.collect(jsons.get(k), CpuTimeProfiler.METRIC, sides, sideOf.get(k), roundCpu, true);
                    }
                }
                line.append(String.format(Locale.ROOT, " %s %.1f s", q.plan().duet() ? "base and head together"
                        : step.getFirst() ? "base" : "head", (System.nanoTime() - f0) / 1e9));
            }
            log.println(line);
            record(q, r, open, roundWall, roundCpu, m, log);
            if (rule.isLook(r + 1) && q.plan().sequential() && look(q, rule, open, m, log)) {
                log.printf(Locale.ROOT, "a regression after %d rounds: the gate fails, no more rounds%n", r + 1);
                return r + 1;
            }
            last = (System.nanoTime() - r0) / 1e9;
        }
        return r;
    }

    /** Adds a round's pairs; a benchmark one build did not run leaves the comparison (the head's: failed). */
    private static void record(InterleavedRequest q, int r, List<Forks.Bench> open, Map<String, BenchResult[]> roundWall,
                               Map<String, BenchResult[]> roundCpu, Measured m, PrintWriter log) {
        String where = String.format(Locale.ROOT, " (see %s)", q.out().resolve(String.format(Locale.ROOT, "round-%02d-*.log", r + 1)));
        for (var it = open.iterator(); it.hasNext(); ) {
            Forks.Bench b = it.next();
            BenchResult[] w = roundWall.get(b.key()), c = roundCpu.get(b.key());
            if (w == null || w[0] == null) { // the base's problem, not the head's: not compared, not failing
                it.remove();
                m.wall().remove(b.key());
                m.cpu().remove(b.key());
                m.skipped().add(b.key() + (r == 0 ? ": the base build did not run it" : ": the base build stopped running it in round " + (r + 1))
                        + where);
                log.println("skipped " + m.skipped().getLast());
            } else if (w[1] == null) {
                it.remove();
                m.failed().add(b.key() + ": the head build did not run it in round " + (r + 1) + where);
                log.println("FAILED " + m.failed().getLast());
            } else {
                m.wall().computeIfAbsent(b.key(), x -> new ArrayList<>()).add(w);
                m.cpu().computeIfAbsent(b.key(), x -> new ArrayList<>()).add(c != null && c[0] != null && c[1] != null ? c : null);
            }
        }
    }

    /** One sequential look: decided benchmarks leave the open list. True when one of them is a regression. */
    static boolean look(InterleavedRequest q, SequentialRule rule, List<Forks.Bench> open, Measured m, PrintWriter log) {
        boolean regression = false;
        for (var it = open.iterator(); it.hasNext(); ) {
            Forks.Bench b = it.next();
            var d = rule.decide(b.key(), m.wall().get(b.key()), m.cpu().get(b.key()), q.plan().measure(), true);
            if (d.verdict() != PerfCheck.Verdict.NOISE) {
                m.decided().put(b.key(), d);
                it.remove();
                log.println("  " + d.line());
                regression |= d.verdict() == PerfCheck.Verdict.REGRESSION;
            }
        }
        return regression;
    }
}
