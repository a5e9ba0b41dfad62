package org.crystalbench.perf;

import java.util.List;
import java.util.Locale;

/** Markdown for benchmark runs and comparisons. */
public final class PerfTables {
    private PerfTables() {}

    /** A run's results: one row per benchmark. */
    public static String results(List<BenchResult> results, String title) {
        var sb = new StringBuilder("# ").append(title).append("\n\n");
        sb.append("| benchmark | mode | score | error (99.9%) | unit | better |\n|---|---|---:|---:|---|---|\n");
        for (BenchResult r : results) {
            PerfUnit u = PerfUnit.parse(r.unit());
            sb.append("| ").append(r.label()).append(" | ").append(r.mode()).append(" | ").append(num(r.score()))
                    .append(" | ").append(r.error() > 0 ? "\u00b1 " + num(r.error()) : "n/a").append(" | ").append(r.unit())
                    .append(" | ").append(u.biggerIsBetter() ? "higher" : "lower").append(" |\n");
        }
        return sb.toString();
    }

    /** The perf-check table, then the benchmarks found in one file only, then a one-line verdict. */
    public static String comparison(PerfCheck.Report report) {
        var sb = new StringBuilder();
        sb.append("| benchmark | unit | baseline | current | change | verdict |\n|---|---|---:|---:|---:|---|\n");
        for (PerfCheck.Row r : report.rows()) {
            sb.append("| ").append(r.name()).append(" | ").append(r.unit()).append(r.biggerIsBetter() ? " (higher is better)" : " (lower is better)")
                    .append(" | ").append(interval(r.baseline(), r.baselineLo(), r.baselineHi()))
                    .append(" | ").append(interval(r.current(), r.currentLo(), r.currentHi()))
                    .append(" | ").append(Double.isFinite(r.change()) ? String.format(Locale.ROOT, "%+.1f%%", 100 * r.change()) : "n/a")
                    .append(" | ").append(r.verdict() == PerfCheck.Verdict.REGRESSION ? "**REGRESSION**" : r.verdict().label)
                    .append(" |\n");
        }
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
        sb.append("| benchmark | unit | base (median) | head (median) | slowdown head/base | interval | verdict |\n")
                .append("|---|---|---:|---:|---:|---|---|\n");
        for (PairedCheck.Row r : report.rows()) {
            var s = r.slowdown();
            sb.append("| ").append(r.name()).append(" | ").append(r.unit()).append(r.biggerIsBetter() ? " (higher is better)" : " (lower is better)")
                    .append(" | ").append(num(r.base())).append(" | ").append(num(r.head()))
                    .append(" | ").append(s == null ? "n/a" : String.format(Locale.ROOT, "%.3f (%+.1f%%)", s.ratio(), 100 * (s.ratio() - 1)))
                    .append(" | ").append(s == null ? "n/a" : Double.isInfinite(s.interval().high()) ? "none (too few rounds)"
                            : String.format(Locale.ROOT, "[%.3f, %.3f] %.1f%%", s.interval().low(), s.interval().high(), 100 * s.confidence()))
                    .append(" | ").append(r.verdict() == PerfCheck.Verdict.REGRESSION ? "**REGRESSION**" : r.verdict().label)
                    .append(" |\n");
        }
        if (!report.unpaired().isEmpty()) {
            sb.append("\nNot in every round of both builds (not compared): ").append(String.join(", ", report.unpaired())).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "%n%d regression(s), %d improvement(s), %d change(s) within noise; %d interleaved rounds, "
                        + "minimum effect %.3g%%, Hodges-Lehmann ratio with exact signed-rank intervals (asked %.3g%%).%n",
                report.count(PerfCheck.Verdict.REGRESSION), report.count(PerfCheck.Verdict.IMPROVEMENT),
                report.count(PerfCheck.Verdict.NOISE), report.rounds(), 100 * report.minEffect(), 100 * report.level()));
        return sb.toString();
    }

    /** "1.023 [0.991, 1.060]": a paired slowdown with its interval; "n/a" without one. */
    static String slowdown(PairedCheck.Row r) {
        return PairedCheck.text(r);
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
        sb.append("| benchmark | unit | rounds | base (median ").append(m).append(") | head (median) | slowdown, CPU time | slowdown, wall time | verdict |\n")
                .append("|---|---|---:|---:|---:|---|---|---|\n");
        for (SequentialRule.Decision d : g.rows()) {
            PairedCheck.Row r = d.gate() != null ? d.gate() : d.wall();
            sb.append("| ").append(d.key()).append(" | ").append(r.unit()).append(r.biggerIsBetter() ? " (higher is better)" : " (lower is better)")
                    .append(" | ").append(d.rounds()).append(" | ").append(num(r.base())).append(" | ").append(num(r.head()))
                    .append(" | ").append(slowdown(d.cpu())).append(" | ").append(slowdown(d.wall()))
                    .append(" | ").append(d.verdict() == PerfCheck.Verdict.REGRESSION ? "**REGRESSION**"
                            : g.sequential() && d.verdict() == PerfCheck.Verdict.NOISE ? "undecided (passes)" : d.verdict().label)
                    .append(" |\n");
        }
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
