package org.crystalbench.io;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work on stderr: a live bar on a terminal, or on a pipe/CI a plain line every
 * {@code interval} (done/total, rate, ETA, failures), so logs stay readable.
 */
public interface Progress extends AutoCloseable {
    void step(long n);

    default void fail() {}

    @Override
    default void close() {}

    /** Nothing shown. */
    Progress NONE = n -> {};

    static Progress create(String task, long total, boolean quiet) {
        if (quiet || total <= 0) return NONE;
        if (System.console() != null && System.console().isTerminal()) return new Bar(task, total);
        return new Log(task, total, System.err, Duration.ofSeconds(10));
    }

    /** The progressbar library's terminal bar. */
    final class Bar implements Progress {
        private final ProgressBar bar;
        private long failures;

        Bar(String task, long total) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .showSpeed().setUnit(" fits", 1).build();
        }

        @Override
        public synchronized void step(long n) {
            bar.stepBy(n);
        }

        @Override
        public synchronized void fail() {
            bar.setExtraMessage(++failures + " failed");
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** A plain line at a steady interval, for logs. */
    final class Log implements Progress {
        private final String task;
        private final long total;
        private final PrintStream out;
        private final long intervalNanos;
        private final long start = System.nanoTime();
        private long done, failures, lastPrint = System.nanoTime();

        Log(String task, long total, PrintStream out, Duration interval) {
            this.task = task;
            this.total = total;
            this.out = out;
            this.intervalNanos = interval.toNanos();
        }

        @Override
        public synchronized void step(long n) {
            done += n;
            long now = System.nanoTime();
            if (now - lastPrint >= intervalNanos) {
                lastPrint = now;
                print(now);
            }
        }

        @Override
        public synchronized void fail() {
            failures++;
        }

        private void print(long now) {
            double secs = (now - start) / 1e9;
            double rate = done / Math.max(secs, 1e-9);
            long eta = rate > 0 ? Math.round((total - done) / rate) : -1;
            out.printf("%s: %d/%d (%.0f%%), %.1f/s, elapsed %s, ETA %s%s%n", task, done, total, 100.0 * done / total,
                    rate, fmt(Math.round(secs)), eta < 0 ? "?" : fmt(eta), failures > 0 ? ", " + failures + " failed" : "");
        }

        @Override
        public synchronized void close() {
            print(System.nanoTime());
        }

        static String fmt(long s) {
            return s >= 3600 ? "%dh%02dm".formatted(s / 3600, s / 60 % 60) : s >= 60 ? "%dm%02ds".formatted(s / 60, s % 60) : s + "s";
        }
    }
}
