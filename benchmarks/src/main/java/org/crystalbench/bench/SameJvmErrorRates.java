package org.crystalbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.crystalbench.perf.Measure;
import org.crystalbench.perf.PerfCheck;
import org.crystalbench.perf.SameJvm;
import org.crystalbench.perf.SameJvmResults;
import org.crystalbench.perf.SequentialRule;

/**
 * Error rates of the one-JVM perf gate (docs/performance.md, "Fourth pass"), from recorded A/A forks: every
 * {@code bNNN-<condition>-K.tsv} of a folder is one fork of {@code SameJvmFork} with the same jar as base and head
 * (KnownEffectBench 1.00 against 1.10 and 1.05 beside the gated benchmarks), or a gate's A/A run. Per condition it prints each
 * benchmark's per-fork log ratios (mean and SD over forks, the gate's measure and wall time), then whole gates
 * resampled as CI runs them ({@link GateErrorRates#gate}: the gate's forks drawn with replacement from the
 * recorded ones, all benchmarks of a fork together, the same looks and Bonferroni split as the gate): false
 * alarms of A/A gates, and power with one benchmark in turn slowed by +10% or +5% (its recorded log ratios
 * shifted by log 1.10 or log 1.05), with exact (Clopper-Pearson) 95% intervals.
 *
 * <p>Usage: {@code SameJvmErrorRates CSV FORKS[,FORKS...] [COMPARISONS] [MAX_ROUNDS] [FIRST_LOOK] [LOOK_EVERY]}: FORKS is how
 * many forks fit the gate's budget; the CSV comes from {@code SameJvmErrorRates summarize CONDITION=DIR...} (one line per
 * fork and benchmark, small enough to commit, where the forks' own files are not).
 */
public final class SameJvmErrorRates {
    private SameJvmErrorRates() {}

    static final String KNOWN = "KnownEffectBench.kernel";

    public static void main(String[] args) throws IOException {
        if (args[0].equals("summarize")) {
            summarize(args);
            return;
        }
        Path dir = Path.of(args[0]);
        int comparisons = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        int maxRounds = args.length > 3 ? Integer.parseInt(args[3]) : 24, first = args.length > 4 ? Integer.parseInt(args[4]) : 12;
        int every = args.length > 5 ? Integer.parseInt(args[5]) : 4;
        for (var c : read(dir).entrySet()) {
            Map<String, double[][]> byBench = c.getValue();
            List<String> gated = byBench.keySet().stream().filter(k -> !k.startsWith(KNOWN)).toList();
            System.out.printf(Locale.ROOT, "%n## %s: %d forks%n%n| benchmark | forks | mean log ratio (gate) | SD over forks (gate) | mean (wall) | SD (wall) |%n|---|---:|---:|---:|---:|---:|%n",
                    c.getKey(), byBench.values().iterator().next()[0].length);
            byBench.forEach((k, v) -> System.out.printf(Locale.ROOT, "| %s | %d | %.4f | %.4f | %.4f | %.4f |%n", k, v[0].length,
                    mean(v[0]), GateErrorRates.sd(v[0]), mean(v[1]), GateErrorRates.sd(v[1])));
            double[][] residuals = new double[gated.size()][];
            for (int b = 0; b < gated.size(); b++) residuals[b] = byBench.get(gated.get(b))[0];
            var rule = new SequentialRule(0.95, 0.03, maxRounds, first, every, gated.size());
            System.out.printf(Locale.ROOT, "%nresampled gates: %d benchmarks, looks at %d, %d, ... up to %d at %.4g%% each%n%n"
                    + "| forks in budget | false alarms, A/A gate | power +10%% | power +5%% |%n|---:|---|---|---|%n",
                    gated.size(), first, first + every, maxRounds, 100 * rule.lookLevel());
            for (String f : args[1].split(",")) {
                int fit = Integer.parseInt(f);
                SplittableRandom rng = new SplittableRandom(34);
                int aa = 0;
                for (int i = 0; i < comparisons; i++) if (GateErrorRates.gate(rule, residuals, -1, 0, fit, Measure.CPU, rng).flagged() >= 0) aa++;
                var row = new StringBuilder(String.format(Locale.ROOT, "| %d | %s |", fit, GateErrorRates.rate(aa, comparisons)));
                for (double effect : new double[] {1.10, 1.05}) {
                    int hits = 0;
                    for (int i = 0; i < comparisons; i++) {
                        var sim = GateErrorRates.gate(rule, residuals, i % gated.size(), Math.log(effect), fit, Measure.CPU, rng);
                        if (sim.target() == PerfCheck.Verdict.REGRESSION) hits++;
                    }
                    row.append(' ').append(GateErrorRates.rate(hits, comparisons)).append(" |");
                }
                System.out.println(row);
            }
        }
    }

    /**
     * {@code summarize CONDITION=DIR...}: one CSV line per fork and benchmark of every fork TSV in each folder
     * ({@code fork-NN.tsv} of a gate run or {@code bNNN-...tsv} of a recording): the condition, the fork, the benchmark,
     * the log ratio of the gate's measure (thread CPU time; process CPU time for work off the benchmark thread, as
     * {@link SameJvm}), which measure that was, and the wall-time log ratio. A fork is named by its folder's place in the
     * arguments and its file, so that two gate runs of one condition do not mix.
     */
    static void summarize(String[] args) throws IOException {
        System.out.println("condition,fork,benchmark,gate_log_ratio,gate_measure,wall_log_ratio");
        for (int a = 1; a < args.length; a++) {
            String condition = args[a].substring(0, args[a].indexOf('='));
            try (Stream<Path> files = Files.list(Path.of(args[a].substring(args[a].indexOf('=') + 1)))) {
                for (Path p : files.filter(p -> p.getFileName().toString().matches("(fork-\\d+|b\\d+-.+-\\d+)\\.tsv")).sorted().toList()) {
                    for (var f : SameJvmResults.read(p).values()) {
                        if (f.problem() != null) continue;
                        var c = f.offThread(SameJvm.OFF_THREAD) ? SameJvmResults.Clock.PROC : SameJvmResults.Clock.CPU;
                        System.out.printf(Locale.ROOT, "%s,%d:%s,%s,%.5f,%s,%.5f%n", condition, a, p.getFileName().toString().replace(".tsv", ""),
                                f.label().replace(',', ';'), f.logRatio(c), c.name().toLowerCase(Locale.ROOT), f.logRatio(SameJvmResults.Clock.WALL));
                    }
                }
            }
        }
    }

    /**
     * Per condition and benchmark of a {@link #summarize} CSV, {@code [0]} the per-fork log ratios of the gate's measure,
     * {@code [1]} of wall time; only benchmarks every fork of the condition measured.
     */
    static Map<String, Map<String, double[][]>> read(Path csv) throws IOException {
        Map<String, Map<String, Map<String, double[]>>> byFork = new TreeMap<>(); // condition -> fork -> benchmark -> [gate, wall]
        for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
            String[] f = line.split(",");
            byFork.computeIfAbsent(f[0], k -> new TreeMap<>()).computeIfAbsent(f[1], k -> new TreeMap<>())
                    .put(f[2], new double[] {Double.parseDouble(f[3]), Double.parseDouble(f[5])});
        }
        Map<String, Map<String, double[][]>> out = new TreeMap<>();
        byFork.forEach((condition, forks) -> {
            List<Map<String, double[]>> list = new ArrayList<>(forks.values());
            Map<String, double[][]> benches = new TreeMap<>();
            for (String label : list.getFirst().keySet()) {
                if (!list.stream().allMatch(f -> f.containsKey(label))) continue;
                double[][] v = new double[2][list.size()];
                for (int i = 0; i < list.size(); i++) {
                    v[0][i] = list.get(i).get(label)[0];
                    v[1][i] = list.get(i).get(label)[1];
                }
                benches.put(label, v);
            }
            out.put(condition, benches);
        });
        return out;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }
}
