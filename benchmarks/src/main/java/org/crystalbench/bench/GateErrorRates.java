package org.crystalbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.crystalbench.perf.BenchResult;
import org.crystalbench.perf.CpuTimeProfiler;
import org.crystalbench.perf.Interleaved;
import org.crystalbench.perf.JmhJson;
import org.crystalbench.perf.PerfCheck;
import org.crystalbench.perf.SequentialRule;
import smile.stat.distribution.BetaDistribution;

/**
 * The perf gate's error rates from rounds recorded by {@code benchmarks/record-rounds.sh} (a residual
 * bootstrap): for each condition (the machine as it was, or with the generated load) and measure (CPU
 * time, wall time), the recorded per-round log ratios head / base of the three pairs (A/A, +5%, +10%),
 * each less its own median, are pooled as the shape of the noise; then {@code comparisons} sequential
 * comparisons per true slowdown (1.00, 1.05, 1.10) are run with the gate's own {@link SequentialRule},
 * each round's log ratio being log(slowdown) plus a residual drawn with replacement. The share called a
 * regression is the false-alarm rate (1.00) or the power, with its exact (Clopper-Pearson) 95% interval
 * over the simulated comparisons. Drawing whole recorded rounds instead would reuse a small pool's own
 * chance offset in every comparison (with 7 rounds it called 65% of A/A comparisons regressions); the
 * residuals keep the recorded spread and tails but assume the noise does not depend on the slowdown and
 * the A/A pair is unbiased, which the measured medians printed beside them let one check. Each fork's
 * score is its best iteration, as in the gate.
 *
 * <p>Usage: {@code java -cp crystal-bench.jar org.crystalbench.bench.GateErrorRates DIR [COMPARISONS]
 * [MIN_EFFECT_PERCENT] [MAX_ROUNDS] [FIRST_LOOK] [LOOK_EVERY] [CONFIDENCE_PERCENT]}
 */
public final class GateErrorRates {
    private GateErrorRates() {}

    record Round(String condition, Map<String, BenchResult> wall, Map<String, BenchResult> cpu, double loadBefore) {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int comparisons = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        double m = args.length > 2 ? Double.parseDouble(args[2]) / 100 : 0.03;
        int maxRounds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        int first = args.length > 4 ? Integer.parseInt(args[4]) : 9, every = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        double level = args.length > 6 ? Double.parseDouble(args[6]) / 100 : 0.95;
        Map<String, List<Round>> byCondition = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("rounds.tsv")).subList(1, Files.readAllLines(dir.resolve("rounds.tsv")).size())) {
            String[] f = line.split("\t");
            String id = String.format(Locale.ROOT, "r%04d", Integer.parseInt(f[0]));
            Map<String, BenchResult> wall = new LinkedHashMap<>(), cpu = new LinkedHashMap<>();
            boolean complete = true;
            for (String side : List.of("base", "aa", "f05", "f10")) {
                Path json = dir.resolve(id + "-" + side + ".json");
                try {
                    var w = JmhJson.read(json, null, true);
                    var c = JmhJson.read(json, CpuTimeProfiler.METRIC, true);
                    if (w.isEmpty() || c.isEmpty()) complete = false;
                    else {
                        wall.put(side, w.getFirst());
                        cpu.put(side, c.getFirst());
                    }
                } catch (RuntimeException e) {
                    complete = false;
                }
            }
            if (complete) byCondition.computeIfAbsent(f[1], k -> new ArrayList<>()).add(new Round(f[1], wall, cpu, Double.parseDouble(f[4])));
        }
        var rule = new SequentialRule(level, m, maxRounds, first, every);
        System.out.printf(Locale.ROOT, "rule: minimum effect %.3g%%, looks at %d, %d, ... up to %d rounds (%d looks, each at %.4g%%); "
                + "%d simulated comparisons per cell%n%n", 100 * m, first, first + every, maxRounds, rule.looks(), 100 * rule.lookLevel(), comparisons);
        System.out.println("| condition | rounds | load (1-min avg) | measure | SD of log ratio | measured A/A, +5%, +10% (median) "
                + "| false alarms, A/A [95% CI] | detected, +5% [95% CI] | detected, +10% [95% CI] | median rounds at +10% |");
        System.out.println("|---|---:|---|---|---:|---|---|---|---|---:|");
        SplittableRandom rng = new SplittableRandom(25);
        byCondition.forEach((condition, rounds) -> {
            double lo = rounds.stream().mapToDouble(Round::loadBefore).min().orElse(0), hi = rounds.stream().mapToDouble(Round::loadBefore).max().orElse(0);
            for (Interleaved.Measure measure : Interleaved.Measure.values()) {
                // residuals: each pair's per-round log ratios less their own median, pooled (the noise's shape)
                List<Double> residuals = new ArrayList<>();
                var measured = new StringBuilder();
                double sdSum = 0;
                for (String pair : List.of("aa", "f05", "f10")) {
                    double[] d = logRatios(rounds, pair, measure);
                    double med = median(d);
                    for (double x : d) residuals.add(x - med);
                    measured.append(measured.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", Math.exp(med)));
                    sdSum += sd(d);
                }
                var cell = new StringBuilder();
                int medianRounds = 0;
                for (double effect : new double[] {1.00, 1.05, 1.10}) {
                    int flagged = 0;
                    List<Integer> used = new ArrayList<>();
                    for (int c = 0; c < comparisons; c++) {
                        List<BenchResult[]> pairs = new ArrayList<>();
                        PerfCheck.Verdict v = PerfCheck.Verdict.NOISE;
                        int n = 0;
                        while (n < maxRounds) {
                            double d = Math.log(effect) + residuals.get(rng.nextInt(residuals.size()));
                            pairs.add(new BenchResult[] {result(100), result(100 * Math.exp(d))});
                            n++;
                            if (rule.isLook(n)) {
                                v = rule.decide("k", pairs, pairs, measure, true).verdict();
                                if (v != PerfCheck.Verdict.NOISE) break;
                            }
                        }
                        used.add(n);
                        if (v == PerfCheck.Verdict.REGRESSION) flagged++;
                    }
                    double[] ci = clopperPearson(flagged, comparisons);
                    cell.append(String.format(Locale.ROOT, " %d of %d = %.1f%% [%.1f%%, %.1f%%] |", flagged, comparisons, 100.0 * flagged / comparisons,
                            100 * ci[0], 100 * ci[1]));
                    used.sort(null);
                    medianRounds = used.get(used.size() / 2);
                }
                System.out.printf(Locale.ROOT, "| %s | %d | %.1f-%.1f | %s | %.3f | %s |%s %d |%n", condition, rounds.size(), lo, hi,
                        measure.name().toLowerCase(Locale.ROOT), sdSum / 3, measured, cell, medianRounds);
            }
        });
    }

    private static BenchResult result(double usPerOp) {
        return new BenchResult("org.crystalbench.bench.KnownEffectBench.kernel", "avgt", Map.of(), usPerOp, 0, "us/op");
    }

    /** Per round, the log of head / base time per operation. */
    static double[] logRatios(List<Round> rounds, String pair, Interleaved.Measure measure) {
        return rounds.stream().mapToDouble(r -> {
            var m = measure == Interleaved.Measure.CPU ? r.cpu() : r.wall();
            double ratio = m.get(pair).score() / m.get("base").score();
            return Math.log(m.get("base").unit().startsWith("ops/") ? 1 / ratio : ratio);
        }).toArray();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double sd(double[] d) {
        double mean = java.util.Arrays.stream(d).average().orElse(0), ss = 0;
        for (double x : d) ss += (x - mean) * (x - mean);
        return d.length > 1 ? Math.sqrt(ss / (d.length - 1)) : Double.NaN;
    }

    /** Exact 95% binomial interval for k successes in n trials. */
    static double[] clopperPearson(int k, int n) {
        double lo = k == 0 ? 0 : new BetaDistribution(k, n - k + 1).quantile(0.025);
        double hi = k == n ? 1 : new BetaDistribution(k + 1, n - k).quantile(0.975);
        return new double[] {lo, hi};
    }
}
