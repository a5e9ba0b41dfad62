package org.crystalbench.perf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.crystalbench.stats.Interval;
import org.crystalbench.stats.PairedRatio;

/**
 * Judges base and head measured in the same rounds (interleaved forks): per round and benchmark the
 * ratio head / base of the time per operation (base / head for a throughput, so above 1 is always
 * slower), summarised by {@link PairedRatio} (Hodges–Lehmann estimate, exact signed-rank interval).
 * A benchmark regressed when the interval lies above 1 (the slowdown is real) AND the estimate is
 * at least the minimum effect (it matters). Pure functions; {@link Interleaved} runs the forks.
 */
public final class PairedCheck {
    private PairedCheck() {}

    /**
     * One benchmark over all its rounds.
     *
     * @param base     median base score over the rounds, in {@code unit}
     * @param head     median head score, in {@code unit} (converted from the head's unit if needed)
     * @param slowdown head / base as a time ratio, with its interval and attained confidence
     */
    public record Row(String name, String unit, boolean biggerIsBetter, double base, double head, PairedRatio slowdown,
                      PerfCheck.Verdict verdict) {}

    /** @param minEffect smallest slowdown that counts, as a fraction (0.03 = 3%) */
    public record Report(List<Row> rows, List<String> unpaired, int rounds, double level, double minEffect) {
        public long count(PerfCheck.Verdict v) {
            return rows.stream().filter(r -> r.verdict() == v).count();
        }

        public boolean regressed() {
            return count(PerfCheck.Verdict.REGRESSION) > 0;
        }
    }

    /**
     * The verdict from a slowdown ratio (above 1 = slower) and its interval: {@code REGRESSION} if the
     * interval lies above 1 and the estimate is at least 1 + minEffect, {@code improvement} if it lies
     * below 1 and the estimate is at most 1 / (1 + minEffect), {@code ok} if the estimate is inside
     * that band, otherwise {@code within noise}.
     */
    public static PerfCheck.Verdict judge(double slowdown, Interval interval, double minEffect) {
        if (!(slowdown > 0) || Double.isInfinite(slowdown)) return PerfCheck.Verdict.INCOMPARABLE;
        double up = 1 + minEffect, down = 1 / up;
        if (interval.low() > 1 && slowdown >= up) return PerfCheck.Verdict.REGRESSION;
        if (interval.high() < 1 && slowdown <= down) return PerfCheck.Verdict.IMPROVEMENT;
        if (slowdown < up && slowdown > down) return PerfCheck.Verdict.UNCHANGED;
        return PerfCheck.Verdict.NOISE;
    }

    /**
     * Pairs the results of each round by benchmark key (method, parameters except {@code sideParams},
     * mode) and judges every benchmark present on both sides of every round.
     *
     * @param base       per round, the base build's results
     * @param head       per round, the head build's results (same number of rounds)
     * @param sideParams parameter names set differently per side (e.g. a work factor): not part of the key
     */
    public static Report compare(List<List<BenchResult>> base, List<List<BenchResult>> head, Set<String> sideParams,
                                 double level, double minEffect) {
        if (base.size() != head.size()) throw new IllegalArgumentException("base and head ran different numbers of rounds");
        if (!(minEffect >= 0)) throw new IllegalArgumentException("minimum effect must be >= 0");
        int rounds = base.size();
        Map<String, BenchResult[][]> byKey = new LinkedHashMap<>(); // key -> [round][0 base, 1 head]
        for (int r = 0; r < rounds; r++) {
            for (int side = 0; side < 2; side++) {
                for (BenchResult b : (side == 0 ? base : head).get(r)) {
                    byKey.computeIfAbsent(key(b, sideParams), k -> new BenchResult[rounds][2])[r][side] = b;
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        List<String> unpaired = new ArrayList<>();
        byKey.forEach((key, pairs) -> {
            boolean complete = true;
            for (BenchResult[] p : pairs) complete &= p[0] != null && p[1] != null;
            if (complete) rows.add(row(key, pairs, level, minEffect));
            else unpaired.add(key);
        });
        return new Report(List.copyOf(rows), List.copyOf(unpaired), rounds, level, minEffect);
    }

    /** "1.023 [0.991, 1.060]": a paired slowdown with its interval; "n/a" without one. */
    public static String text(Row r) {
        var s = r == null ? null : r.slowdown();
        if (s == null) return "n/a";
        if (Double.isInfinite(s.interval().high())) return String.format(Locale.ROOT, "%.3f [none: too few rounds]", s.ratio());
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", s.ratio(), s.interval().low(), s.interval().high());
    }

    static Row row(String key, BenchResult[][] pairs, double level, double minEffect) {
        PerfUnit unit = PerfUnit.parse(pairs[0][0].unit());
        int n = pairs.length;
        double[] base = new double[n], head = new double[n], baseTime = new double[n], headTime = new double[n];
        for (int r = 0; r < n; r++) {
            PerfUnit hu = PerfUnit.parse(pairs[r][1].unit()), bu = PerfUnit.parse(pairs[r][0].unit());
            if (hu.throughput() != unit.throughput() || bu.throughput() != unit.throughput()) {
                return new Row(key, pairs[0][0].unit() + " vs " + pairs[r][1].unit(), unit.biggerIsBetter(), Double.NaN,
                        Double.NaN, null, PerfCheck.Verdict.INCOMPARABLE);
            }
            base[r] = unit.fromBase(bu.toBase(pairs[r][0].score()));
            head[r] = unit.fromBase(hu.toBase(pairs[r][1].score()));
            baseTime[r] = unit.throughput() ? 1 / base[r] : base[r]; // time per operation, any scale
            headTime[r] = unit.throughput() ? 1 / head[r] : head[r];
        }
        PairedRatio slowdown;
        try {
            slowdown = PairedRatio.of(baseTime, headTime, level);
        } catch (IllegalArgumentException e) { // a zero or non-finite score
            return new Row(key, pairs[0][0].unit(), unit.biggerIsBetter(), median(base), median(head), null,
                    PerfCheck.Verdict.INCOMPARABLE);
        }
        PerfCheck.Verdict v = judge(slowdown.ratio(), slowdown.interval(), minEffect);
        // the same kernel in both builds: its paired ratio shows how well the pairing cancels the machine's noise
        if (pairs[0][0].benchmark().equals(PerfCheck.CALIBRATION)) v = PerfCheck.Verdict.CALIBRATION;
        return new Row(key, pairs[0][0].unit(), unit.biggerIsBetter(), median(base), median(head), slowdown, v);
    }

    /** The label without the per-side parameters, and the mode. */
    static String key(BenchResult b, Set<String> sideParams) {
        Map<String, String> params = new LinkedHashMap<>(b.params());
        params.keySet().removeAll(sideParams);
        BenchResult k = new BenchResult(b.benchmark(), b.mode(), params, b.score(), b.error(), b.unit());
        return k.label() + " (" + k.mode() + ")";
    }

    /** The median (NaN of none); {@code v} is not changed. */
    static double median(double[] v) {
        if (v.length == 0) return Double.NaN;
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
