package org.crystalbench.perf;

import java.util.List;
import java.util.Locale;
import org.crystalbench.stats.PairedRatio;

/**
 * When a benchmark has been measured enough, and what the verdict is (docs/performance.md, "The perf
 * gate"). Rounds are judged at looks: after {@code firstLook} rounds, then every {@code lookEvery}
 * rounds up to {@code maxRounds}, so there are at most K looks, K known before the first round. At each
 * look the paired slowdown gets an exact signed-rank interval at level {@code 1 - (1 - level) / K}:
 * Bonferroni alpha spending, the simplest valid rule for repeated looks (the union bound holds
 * whatever the correlation between looks, so over all K looks the interval misses the true slowdown
 * with probability at most {@code 1 - level}; Lan and DeMets' spending functions or a confidence
 * sequence spend less but need a model of the statistic's path). A benchmark stops at the first look
 * whose interval clears {@code 1 + minEffect} either way: above it is a {@code REGRESSION} (slower by
 * more than the minimum effect, interval clear of it), below it is {@code ok} (or an improvement).
 * Benchmarks still undecided when the rounds or the time run out pass as {@code within noise}.
 * Without sequential looks ({@code firstLook} 0) there is one look after the last round at
 * {@code level}, judged by {@link PairedCheck#judge} as before.
 */
public final class SequentialRule {
    private final double level, minEffect;
    private final int maxRounds, firstLook, lookEvery, family;

    public SequentialRule(double level, double minEffect, int maxRounds, int firstLook, int lookEvery) {
        this(level, minEffect, maxRounds, firstLook, lookEvery, 1);
    }

    /**
     * @param family number of benchmarks judged together (the gate's): {@code 1 - level} is also split
     *               evenly over them (Bonferroni), so the chance that the gate, not just one benchmark, calls
     *               any unchanged benchmark a regression is bounded, however noisy the machine
     */
    public SequentialRule(double level, double minEffect, int maxRounds, int firstLook, int lookEvery, int family) {
        if (firstLook > 0 && lookEvery < 1) throw new IllegalArgumentException("rounds between looks must be >= 1");
        if (family < 1) throw new IllegalArgumentException("family must be >= 1");
        this.family = family;
        this.level = level;
        this.minEffect = minEffect;
        this.maxRounds = maxRounds;
        this.firstLook = firstLook;
        this.lookEvery = lookEvery;
    }

    /**
     * One benchmark's result.
     *
     * @param wall    paired wall-clock slowdown (null if no round ran)
     * @param cpu     paired CPU-time slowdown (null if a round lacked it)
     * @param verdict from the measure the rule uses
     * @param rounds  rounds judged
     */
    public record Decision(String key, PairedCheck.Row wall, PairedCheck.Row cpu, Measure measure,
                           PerfCheck.Verdict verdict, int rounds) {
        public PairedCheck.Row gate() {
            return measure == Measure.CPU ? cpu : wall;
        }

        /** One log line: the benchmark, both measures with their intervals, the verdict. */
        public String line() {
            return String.format(Locale.ROOT, "%s after %d rounds: %s; cpu %s, wall %s", key, rounds,
                    verdict == PerfCheck.Verdict.REGRESSION ? "REGRESSION" : verdict.label, PairedCheck.text(cpu), PairedCheck.text(wall));
        }
    }

    /** @param lookLevel confidence of each look's interval */
    public record Report(List<Decision> rows, Measure measure, boolean sequential, double level, double lookLevel,
                         int looks, double minEffect, int family) {
        public long count(PerfCheck.Verdict v) {
            return rows.stream().filter(r -> r.verdict() == v).count();
        }

        public boolean regressed() {
            return count(PerfCheck.Verdict.REGRESSION) > 0;
        }
    }

    /** Number of looks K: 1 without sequential looks. */
    public int looks() {
        if (firstLook <= 0 || firstLook > maxRounds) return 1;
        return 1 + (maxRounds - firstLook) / lookEvery;
    }

    /** Confidence of the interval at each look, for each benchmark of the family. */
    public double lookLevel() {
        return 1 - (1 - level) / looks() / family;
    }

    /** Benchmarks the confidence is split over. */
    public int family() {
        return family;
    }

    /** Whether the rule looks after {@code rounds} rounds. */
    public boolean isLook(int rounds) {
        return firstLook > 0 && rounds >= firstLook && rounds <= maxRounds && (rounds - firstLook) % lookEvery == 0;
    }

    /**
     * The sequential verdict from a paired slowdown: {@code REGRESSION} when its interval lies above
     * {@code 1 + minEffect}; {@code ok} when it lies below (an improvement when it also lies below 1 and
     * the estimate is at most {@code 1 / (1 + minEffect)}); otherwise not decided ({@code within noise}).
     */
    public static PerfCheck.Verdict verdict(PairedRatio s, double minEffect) {
        if (s == null) return PerfCheck.Verdict.INCOMPARABLE;
        double up = 1 + minEffect;
        if (s.interval().low() > up) return PerfCheck.Verdict.REGRESSION;
        if (s.interval().high() < up) {
            return s.interval().high() < 1 && s.ratio() <= 1 / up ? PerfCheck.Verdict.IMPROVEMENT : PerfCheck.Verdict.UNCHANGED;
        }
        return PerfCheck.Verdict.NOISE;
    }

    /**
     * Judges one benchmark's rounds ({@code [base, head]} per round; a null CPU pair leaves the CPU
     * measure out) with this rule's look level.
     */
    public Decision decide(String key, List<BenchResult[]> wall, List<BenchResult[]> cpu, Measure measure,
                           boolean sequential) {
        double at = sequential ? lookLevel() : level;
        PairedCheck.Row w = PairedCheck.row(key, wall.toArray(BenchResult[][]::new), at, minEffect);
        PairedCheck.Row c = cpu == null || cpu.contains(null) ? null : PairedCheck.row(key, cpu.toArray(BenchResult[][]::new), at, minEffect);
        PairedCheck.Row g = measure == Measure.CPU ? c : w;
        PerfCheck.Verdict v = g == null ? PerfCheck.Verdict.INCOMPARABLE
                : sequential ? verdict(g.slowdown(), minEffect) : g.verdict();
        if (wall.getFirst()[0].benchmark().equals(PerfCheck.CALIBRATION) && v != PerfCheck.Verdict.NOISE) {
            v = PerfCheck.Verdict.CALIBRATION; // the same kernel in both builds: it measures the pairing, never fails
        }
        return new Decision(key, w, c, measure, v, wall.size());
    }

    public Report report(List<Decision> rows, Measure measure, boolean sequential) {
        return new Report(List.copyOf(rows), measure, sequential, level, sequential ? lookLevel() : level, sequential ? looks() : 1,
                minEffect,
                sequential ? family : 1);
    }

}
