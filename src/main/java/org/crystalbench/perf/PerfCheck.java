package org.crystalbench.perf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.InputException;

/**
 * Compares two JMH runs the way a careful engineer reads them. A benchmark regressed only when its
 * score moved the wrong way (by its unit's direction) by more than the threshold AND the two 99.9%
 * error intervals (score +- error) do not overlap: a big change inside the noise is reported as such,
 * not as a regression. Pure functions over {@link BenchResult}s; the command does the files.
 */
public final class PerfCheck {
    private PerfCheck() {}

    /** The fixed arithmetic kernel that every run includes, used by {@code --normalize}. */
    public static final String CALIBRATION = "org.crystalbench.bench.CalibrationBench.kernel";

    public enum Verdict {
        REGRESSION("REGRESSION"), IMPROVEMENT("improvement"), NOISE("within noise"), UNCHANGED("ok"),
        CALIBRATION("calibration"), INCOMPARABLE("incomparable");

        public final String label;

        Verdict(String label) {
            this.label = label;
        }
    }

    /**
     * One benchmark in both files; scores and their intervals [lo, hi] in {@code unit} (the
     * baseline's unit, or the normalised unit), {@code change} = current / baseline - 1.
     */
    public record Row(String name, String unit, boolean biggerIsBetter, double baseline, double baselineLo,
                      double baselineHi, double current, double currentLo, double currentHi, double change,
                      Verdict verdict) {}

    /**
     * @param onlyBaseline labels of benchmarks missing from the current run
     * @param onlyCurrent  labels of benchmarks new in the current run
     * @param threshold    relative change that counts (0.10 = 10%)
     */
    public record Report(List<Row> rows, List<String> onlyBaseline, List<String> onlyCurrent, double threshold,
                         boolean normalized) {
        public long count(Verdict v) {
            return rows.stream().filter(r -> r.verdict() == v).count();
        }

        public boolean regressed() {
            return count(Verdict.REGRESSION) > 0;
        }

        /** Benchmarks were paired but none could be judged (e.g. every current score 0): not a pass. */
        public boolean nothingCompared() {
            return rows.stream().anyMatch(r -> r.verdict() != Verdict.CALIBRATION)
                    && rows.stream().allMatch(r -> r.verdict() == Verdict.INCOMPARABLE || r.verdict() == Verdict.CALIBRATION);
        }
    }

    /**
     * Judges one benchmark: {@code threshold} as a fraction, errors as interval half-widths (0 when
     * JMH gave none, which makes the interval a point).
     */
    public static Verdict judge(boolean biggerIsBetter, double baseline, double baselineError, double current,
                                double currentError, double threshold) {
        return judge(biggerIsBetter, baseline, baseline - baselineError, baseline + baselineError,
                current, current - currentError, current + currentError, threshold);
    }

    /** Judges one benchmark given each score's interval [lo, hi]. */
    public static Verdict judge(boolean biggerIsBetter, double baseline, double baselineLo, double baselineHi,
                                double current, double currentLo, double currentHi, double threshold) {
        // A zero score is no measurement (a broken or empty run), not an infinitely fast one.
        if (!(baseline > 0) || !(current > 0) || !Double.isFinite(baseline) || !Double.isFinite(current)) {
            return Verdict.INCOMPARABLE;
        }
        double change = current / baseline - 1;
        if (Math.abs(change) <= threshold) return Verdict.UNCHANGED;
        boolean overlap = baselineLo <= currentHi && currentLo <= baselineHi; // touching counts
        if (overlap) return Verdict.NOISE;
        boolean better = biggerIsBetter ? current > baseline : current < baseline;
        return better ? Verdict.IMPROVEMENT : Verdict.REGRESSION;
    }

    /**
     * Compares every benchmark present in both runs. With {@code normalize}, each score is first
     * divided by its own run's calibration speed (see {@link #normalized}), so that runs from
     * machines of different speed can be compared; the calibration row itself is never a regression.
     *
     * @param baselineName names the baseline in messages (its file)
     * @param currentName  names the current run in messages (its file)
     */
    public static Report compare(List<BenchResult> baseline, List<BenchResult> current, double threshold,
                                 boolean normalize, String baselineName, String currentName) {
        if (!(threshold >= 0)) throw new InputException("--threshold must be >= 0");
        BenchResult baseCal = normalize ? calibration(baseline, baselineName) : null;
        BenchResult curCal = normalize ? calibration(current, currentName) : null;
        Map<String, BenchResult> cur = new LinkedHashMap<>();
        for (BenchResult r : current) cur.put(r.key(), r);
        List<Row> rows = new ArrayList<>();
        List<String> onlyBaseline = new ArrayList<>();
        for (BenchResult b : baseline) {
            BenchResult c = cur.remove(b.key());
            if (c == null) onlyBaseline.add(b.label() + " (" + b.mode() + ")");
            else rows.add(row(b, c, threshold, baseCal, curCal));
        }
        List<String> onlyCurrent = cur.values().stream().map(r -> r.label() + " (" + r.mode() + ")").toList();
        return new Report(List.copyOf(rows), List.copyOf(onlyBaseline), onlyCurrent, threshold, normalize);
    }

    private static Row row(BenchResult b, BenchResult c, double threshold, BenchResult baseCal, BenchResult curCal) {
        PerfUnit bu = PerfUnit.parse(b.unit()), cu = PerfUnit.parse(c.unit());
        boolean isCalibration = b.benchmark().equals(CALIBRATION);
        if (bu.throughput() != cu.throughput()) {
            return new Row(b.label(), b.unit() + " vs " + c.unit(), bu.biggerIsBetter(), b.score(), b.score() - b.error(),
                    b.score() + b.error(), c.score(), c.score() - c.error(), c.score() + c.error(), Double.NaN,
                    Verdict.INCOMPARABLE);
        }
        double[] bs, cs;
        String unit;
        if (baseCal != null && !isCalibration) {
            bs = normalized(b, baseCal);
            cs = normalized(c, curCal);
            unit = bu.throughput() ? "ops/cal" : "cal/op";
        } else { // the current score in the baseline's unit
            bs = new double[] {b.score(), b.score() - b.error(), b.score() + b.error()};
            double score = bu.fromBase(cu.toBase(c.score())), error = bu.fromBase(cu.toBase(c.error()));
            cs = new double[] {score, score - error, score + error};
            unit = b.unit();
        }
        Verdict v = judge(bu.biggerIsBetter(), bs[0], bs[1], bs[2], cs[0], cs[1], cs[2], threshold);
        if (isCalibration && v != Verdict.INCOMPARABLE) v = Verdict.CALIBRATION; // the machine, not the code
        return new Row(b.label(), unit, bu.biggerIsBetter(), bs[0], bs[1], bs[2], cs[0], cs[1], cs[2], cs[0] / bs[0] - 1, v);
    }

    /**
     * A score in units of its run's calibration kernel: a throughput becomes operations per
     * calibration operation ({@code ops/cal}, bigger is better), a time becomes calibration operations
     * per operation ({@code cal/op}, smaller is better). Either way the direction is kept and the
     * machine's speed cancels to first order. The interval is propagated by interval arithmetic from
     * both error intervals, so a noisy calibration widens every normalised interval (without bound
     * when the calibration's interval reaches zero): one disturbed calibration cannot make every
     * benchmark look faster or slower. Returns {score, lo, hi}.
     */
    public static double[] normalized(BenchResult r, BenchResult calibration) {
        PerfUnit u = PerfUnit.parse(r.unit()), cu = PerfUnit.parse(calibration.unit());
        double cal = cu.toBase(calibration.score()), calErr = cu.toBase(calibration.error());
        double rate, rateLo, rateHi; // calibration kernels per second
        if (cu.throughput()) {
            rate = cal;
            rateLo = Math.max(0, cal - calErr);
            rateHi = cal + calErr;
        } else {
            rate = 1 / cal;
            rateLo = 1 / (cal + calErr);
            rateHi = cal - calErr > 0 ? 1 / (cal - calErr) : Double.POSITIVE_INFINITY;
        }
        double v = u.toBase(r.score()), e = u.toBase(r.error());
        double lo = Math.max(0, v - e), hi = v + e;
        if (u.throughput()) return new double[] {v / rate, lo / rateHi, rateLo > 0 ? hi / rateLo : Double.POSITIVE_INFINITY};
        return new double[] {v * rate, lo * rateLo, hi * rateHi};
    }

    private static BenchResult calibration(List<BenchResult> results, String source) {
        return results.stream().filter(r -> r.benchmark().equals(CALIBRATION)).findFirst()
                .filter(r -> r.score() > 0)
                .orElseThrow(() -> new InputException(source + ": --normalize needs the calibration benchmark "
                        + CALIBRATION + ", which this file lacks (run `crystal-bench bench` without --include, or drop --normalize)"));
    }
}
