package org.crystalbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.crystalbench.perf.BenchResult;
import org.crystalbench.perf.History;
import org.crystalbench.perf.InterleavedOutcome;
import org.crystalbench.perf.Measure;
import org.crystalbench.perf.PairedCheck;
import org.crystalbench.perf.PerfCheck;
import org.crystalbench.perf.PerfUnit;
import org.crystalbench.perf.SequentialRule;

/** Markdown for benchmark runs, comparisons and the history (perf's typed rows), through {@link Cells#table}. */
public final class PerfTables {
    private PerfTables() {}

    /** A run's results: one row per benchmark. */
    public static String results(List<BenchResult> results, String title) {
        var sb = new StringBuilder("# ").append(title).append("\n\n");
        sb.append(Cells.table(List.of("benchmark", "mode", "score", "error (99.9%)", "unit", "better"), "llrrll", results.stream().map(r -> List.of(
                r.label(), r.mode(), num(r.score()), r.error() > 0 ? "\u00b1 " + num(r.error()) : "n/a", r.unit(),
                PerfUnit.parse(r.unit()).biggerIsBetter() ? "higher" : "lower")).toList()));
        return sb.toString();
    }

    /** The perf-check table, then the benchmarks found in one file only, then a one-line verdict. */
    public static String comparison(PerfCheck.Report report) {
        var sb = new StringBuilder();
        sb.append(Cells.table(List.of("benchmark", "unit", "baseline", "current", "change", "verdict"), "llrrrl", report.rows().stream().map(r -> List.of(
                r.name(), r.unit() + better(r.biggerIsBetter()), interval(r.baseline(), r.baselineLo(), r.baselineHi()),
                interval(r.current(), r.currentLo(), r.currentHi()),
                Double.isFinite(r.change()) ? String.format(Locale.ROOT, "%+.1f%%", 100 * r.change()) : "n/a", verdict(r.verdict()))).toList()));
        if (!report.onlyBaseline().isEmpty()) {
            sb.append("\nOnly in the baseline (not compared): ").append(String.join(", ", report.onlyBaseline())).append('\n');
        }
        if (!report.onlyCurrent().isEmpty()) {
            sb.append("\nOnly in the current run (not compared): ").append(String.join(", ", report.onlyCurrent())).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "%n%d regression(s), %d improvement(s), %d change(s) within noise; "
                        + "threshold %.3g%%, 99.9%% error intervals%s.%n",
                report.count(PerfCheck.Verdict.REGRESSION), report.count(PerfCheck.Verdict.IMPROVEMENT),
                report.count(PerfCheck.Verdict.NOISE), 100 * report.threshold(),
                report.normalized() ? ", scores normalised by each run's calibration kernel" : ""));
        return sb.toString();
    }

    /**
     * The interleaved table: per benchmark the median scores, the slowdown head / base as a time
     * ratio (above 1 = slower, for throughputs too) with its interval, and the verdict.
     */
    public static String paired(PairedCheck.Report report, String title) {
        var sb = new StringBuilder();
        if (title != null) sb.append("### ").append(title).append("\n\n");
        sb.append(Cells.table(List.of("benchmark", "unit", "base (median)", "head (median)", "slowdown head/base", "interval", "verdict"),
                "llrrrll", report.rows().stream().map(r -> {
                    var s = r.slowdown();
                    return List.of(r.name(), r.unit() + better(r.biggerIsBetter()), num(r.base()), num(r.head()),
                            s == null ? "n/a" : String.format(Locale.ROOT, "%.3f (%+.1f%%)", s.ratio(), 100 * (s.ratio() - 1)),
                            s == null ? "n/a" : Double.isInfinite(s.interval().high()) ? "none (too few rounds)"
                                    : String.format(Locale.ROOT, "[%.3f, %.3f] %.1f%%", s.interval().low(), s.interval().high(), 100 * s.confidence()),
                            verdict(r.verdict()));
                }).toList()));
        if (!report.unpaired().isEmpty()) {
            sb.append("\nNot in every round of both builds (not compared): ").append(String.join(", ", report.unpaired())).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "%n%d regression(s), %d improvement(s), %d change(s) within noise; %d interleaved rounds, "
                        + "minimum effect %.3g%%, Hodges-Lehmann ratio with exact signed-rank intervals (asked %.3g%%).%n",
                report.count(PerfCheck.Verdict.REGRESSION), report.count(PerfCheck.Verdict.IMPROVEMENT),
                report.count(PerfCheck.Verdict.NOISE), report.rounds(), 100 * report.minEffect(), 100 * report.level()));
        return sb.toString();
    }

    /**
     * The interleaved comparison: per benchmark the rounds judged, the gate measure's median scores,
     * the CPU-time and wall-time slowdowns head / base (above 1 = slower, throughputs too) with their
     * intervals, and the verdict; then the benchmarks skipped or failed, one line each.
     */
    public static String gate(InterleavedOutcome o, String title) {
        var g = o.gate();
        var sb = new StringBuilder();
        if (title != null) sb.append("### ").append(title).append("\n\n");
        String m = g.measure() == Measure.CPU ? "CPU time" : "wall time";
        List<List<String>> rows = new ArrayList<>();
        for (SequentialRule.Decision d : g.rows()) {
            PairedCheck.Row r = d.gate() != null ? d.gate() : d.wall();
            rows.add(List.of(d.key(), r.unit() + better(r.biggerIsBetter()), String.valueOf(d.rounds()), num(r.base()), num(r.head()),
                    PairedCheck.text(d.cpu()), PairedCheck.text(d.wall()),
                    g.sequential() && d.verdict() == PerfCheck.Verdict.NOISE ? "undecided (passes)" : verdict(d.verdict())));
        }
        sb.append(Cells.table(List.of("benchmark", "unit", "rounds", "base (median " + m + ")", "head (median)", "slowdown, CPU time",
                "slowdown, wall time", "verdict"), "llrrrlll", rows));
        for (String s : o.skipped()) sb.append("\nSkipped: ").append(s);
        for (String s : o.failed()) sb.append("\nFAILED: ").append(s);
        if (!o.skipped().isEmpty() || !o.failed().isEmpty()) sb.append('\n');
        sb.append(String.format(Locale.ROOT, "%n%d regression(s), %d improvement(s), %d ok, %d %s, %d failed to run; verdicts from %s, "
                        + "minimum effect %.3g%%; %s%n",
                g.count(PerfCheck.Verdict.REGRESSION), g.count(PerfCheck.Verdict.IMPROVEMENT), g.count(PerfCheck.Verdict.UNCHANGED),
                g.count(PerfCheck.Verdict.NOISE), g.sequential() ? "undecided" : "within noise", o.failed().size(), m, 100 * g.minEffect(),
                g.sequential()
                        ? String.format(Locale.ROOT, "sequential: up to %d looks, each interval at %.4g%% (%.3g%% spent evenly over the looks "
                                + "and the %d benchmarks, Bonferroni); a benchmark stops when its interval clears 1 + minimum effect either way",
                                g.looks(), 100 * g.lookLevel(), 100 * (1 - g.level()), g.family())
                        : String.format(Locale.ROOT, "one look after the last round, intervals asked at %.3g%%", 100 * g.level())));
        sb.append("Hodges-Lehmann slowdown head/base with exact signed-rank intervals (attained level at least the one asked).\n");
        return sb.toString();
    }

    /** perf-check --history: one row per benchmark, then one per change point. */
    public static String history(History.Analysis a) {
        List<List<String>> rows = new ArrayList<>();
        for (History.Series s : a.series()) {
            List<History.Point> p = s.points();
            var changes = new StringBuilder();
            if (!s.leftOut().isEmpty()) {
                changes.append(s.leftOut().size()).append(" run(s) without a measurement left out (")
                        .append(String.join(", ", s.leftOut().stream().map(x -> x.commit() + ": " + x.value()).toList())).append("); ");
            }
            if (s.changes().isEmpty()) changes.append("none");
            for (int i = 0; i < s.changes().size(); i++) {
                var c = s.changes().get(i);
                if (i > 0) changes.append("; ");
                changes.append(String.format(Locale.ROOT, "%s at %s (run %d): %+.1f%% time, p = %.2g", c.shift() > 0 ? "**slower**" : "faster",
                        p.get(c.index()).commit(), c.index() + 1, 100 * c.shift(), c.p()));
            }
            rows.add(List.of(s.name(), s.unit(), String.valueOf(p.size()), p.isEmpty() ? "–" : num(p.get(0).value()),
                    p.isEmpty() ? "–" : num(p.get(p.size() - 1).value()), changes.toString()));
        }
        return Cells.table(List.of("benchmark", "unit", "runs", "first", "last", "change points"), "llrrrl", rows)
                + String.format(Locale.ROOT, "%n%d slowdown(s) flagged; windowed Welch t-test on log time per operation, %d runs "
                        + "each side, p < %.2g and a shift of at least %.3g%%%s.%n", a.slowdowns(), a.window(), History.ALPHA,
                100 * a.minEffect(), a.normalized() ? ", scores in units of each run's calibration kernel" : "");
    }

    private static String better(boolean biggerIsBetter) {
        return biggerIsBetter ? " (higher is better)" : " (lower is better)";
    }

    private static String verdict(PerfCheck.Verdict v) {
        return v == PerfCheck.Verdict.REGRESSION ? "**REGRESSION**" : v.label;
    }

    /** "v ± e" for a symmetric interval (raw JMH), "v [lo, hi]" otherwise (normalised), "v" for a point. */
    static String interval(double v, double lo, double hi) {
        double below = v - lo, above = hi - v;
        if (below == 0 && above == 0) return num(v);
        if (Math.abs(above - below) <= 1e-9 * Math.max(Math.abs(v), Math.abs(above))) return num(v) + " \u00b1 " + num(above);
        return num(v) + " [" + num(lo) + ", " + num(hi) + "]";
    }

    /** Four significant digits, without exponent for everyday magnitudes. */
    static String num(double v) {
        if (!Double.isFinite(v)) return String.valueOf(v);
        double a = Math.abs(v);
        if (a == 0) return "0";
        if (a >= 1e9 || a < 1e-4) return String.format(Locale.ROOT, "%.3e", v);
        int decimals = Math.max(0, 3 - (int) Math.floor(Math.log10(a)));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
