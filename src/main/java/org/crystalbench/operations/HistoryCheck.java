package org.crystalbench.operations;

import java.nio.file.Path;
import java.time.Instant;
import org.crystalbench.InputException;
import org.crystalbench.io.Console;
import org.crystalbench.perf.History;
import org.crystalbench.perf.JmhJson;
import org.crystalbench.perf.TrendCharts;
import org.crystalbench.report.PerfTables;

/**
 * {@code perf-check --history FILE}: append one JMH run to the history, or analyse it (change points, a trend chart per
 * benchmark, the table on standard output). Reports only: a flag is for a person to read, the history keeps it.
 */
public final class HistoryCheck {
    private HistoryCheck() {}

    /**
     * @param append  a JMH run to append (with {@code commit}); null: analyse
     * @param date    the appended run's ISO instant; null: now
     * @param charts  folder for the trend charts; null: beside the history as NAME-charts
     */
    public record Request(Path history, Path append, String commit, String date, int window, double minEffect,
            boolean normalize, Path charts) {}

    /** @param appended true when a run was appended; {@code analysis} is null then */
    public record Outcome(boolean appended, History.Analysis analysis) {}

    public static Outcome execute(Request q, Console console) {
        if (q.history() == null) throw new InputException("--append, --commit, --date and --window need --history FILE");
        if (q.append() != null) {
            if (q.commit() == null || q.commit().isBlank()) throw new InputException("--append needs --commit");
            History.Entry e = History.entry(q.commit(), when(q.date()), JmhJson.read(q.append()));
            String repaired = History.append(q.history(), e);
            if (repaired != null) console.err().println("crystal-bench perf-check: warning: " + repaired);
            console.err().printf("crystal-bench perf-check: appended %s (%d benchmarks) to %s%n", q.commit(), e.scores().size(), q.history());
            return new Outcome(true, null);
        }
        if (q.window() < 2 || q.window() > 100) throw new InputException("--window: " + q.window() + " is not in [2, 100]");
        Path charts = q.charts() != null ? q.charts()
                : q.history().resolveSibling(q.history().getFileName().toString().replaceFirst("\\.[^.]*$", "") + "-charts");
        History.Analysis a = History.analyse(History.read(q.history()), q.window(), q.minEffect(), q.normalize());
        TrendCharts.write(a, charts);
        console.out().print(PerfTables.history(a));
        console.err().printf("crystal-bench perf-check: %d trend charts in %s%n", a.series().size(), charts);
        return new Outcome(false, a);
    }

    private static Instant when(String date) {
        if (date == null) return Instant.now();
        try {
            return Instant.parse(date);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InputException("--date: '" + date + "' is not an ISO instant (e.g. 2026-11-27T15:00:00Z)");
        }
    }
}
