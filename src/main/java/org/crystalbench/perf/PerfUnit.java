package org.crystalbench.perf;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JMH score unit and the direction it implies: {@code ops/<time>} is a throughput (bigger is
 * better), {@code <time>/op} a time per operation (smaller is better). Reading every score as
 * smaller-is-better is the classic mistake that hides throughput regressions.
 *
 * @param throughput true for ops/time
 * @param seconds    length of the unit's time, in seconds (1e-6 for {@code us})
 */
public record PerfUnit(boolean throughput, double seconds) {
    private static final Map<String, Double> TIME = Map.of("ns", 1e-9, "us", 1e-6, "\u00b5s", 1e-6, "ms", 1e-3,
            "s", 1.0, "min", 60.0, "hr", 3600.0, "day", 86400.0);
    private static final Pattern THROUGHPUT = Pattern.compile("ops/(\\S+)"), TIME_PER_OP = Pattern.compile("(\\S+)/op");

    /** Parses a JMH unit; null when it is neither ops/time nor time/op. */
    public static PerfUnit parse(String unit) {
        Matcher m = THROUGHPUT.matcher(unit.trim());
        if (m.matches() && TIME.containsKey(m.group(1))) return new PerfUnit(true, TIME.get(m.group(1)));
        m = TIME_PER_OP.matcher(unit.trim());
        if (m.matches() && TIME.containsKey(m.group(1))) return new PerfUnit(false, TIME.get(m.group(1)));
        return null;
    }

    /** The score in base units: ops/s for a throughput, s/op for a time. */
    public double toBase(double score) {
        return throughput ? score / seconds : score * seconds;
    }

    /** Inverse of {@link #toBase}. */
    public double fromBase(double base) {
        return throughput ? base * seconds : base / seconds;
    }

    public boolean biggerIsBetter() {
        return throughput;
    }
}
