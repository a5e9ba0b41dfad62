package org.crystalbench.io;

import java.time.Duration;
import java.util.regex.Pattern;
import org.crystalbench.InputException;

/** Durations as people type them: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 8h}, {@code 1h30m}. */
public final class Durations {
    private Durations() {}

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    public static Duration parse(String option, String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        var m = PART.matcher(t);
        long nanos = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) break;
            double v = Double.parseDouble(m.group(1));
            nanos += (long) (v * switch (m.group(2)) {
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                case "h" -> 3600e9;
                default -> 86400e9;
            });
            end = m.end();
        }
        if (t.isEmpty() || end != t.length() || nanos <= 0) {
            throw new InputException(option + ": '" + text + "' is not a duration (e.g. 500ms, 30s, 10m, 8h, 1h30m)");
        }
        return Duration.ofNanos(nanos);
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) return ms + "ms";
        long s = ms / 1000;
        return s >= 3600 ? "%dh%02dm".formatted(s / 3600, s / 60 % 60) : s >= 60 ? "%dm%02ds".formatted(s / 60, s % 60) : s + "s";
    }
}
