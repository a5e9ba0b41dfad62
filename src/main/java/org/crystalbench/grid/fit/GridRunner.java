package org.crystalbench.grid.fit;

import org.crystalbench.grid.journal.JournalEntry;
import org.crystalbench.grid.plan.WorkUnit;

import org.crystalbench.splits.SplitId;
import org.crystalbench.io.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.crystalbench.metrics.Metric;
import org.crystalbench.io.Progress;

/**
 * Runs work units on {@code threads} lanes. Each lane hands its fits to its own worker thread and
 * waits at most {@code fitTimeout}: a fit that throws, scores NaN or times out becomes a FAILED or
 * TIMEOUT entry and the lane goes on. Java cannot kill a thread: a timed-out fit's worker is
 * interrupted and abandoned (a daemon that runs on until the fit returns) and the lane starts a
 * fresh worker. No new fit starts after {@code deadline}; fits in flight finish or time out.
 */
public final class GridRunner {
    private GridRunner() {}

    /** @param fitTimeout null: none; @param deadline null: none */
    public record Options(int threads, Duration fitTimeout, Instant deadline) {}

    /** @param notStarted units left when the deadline stopped the run */
    public record Outcome(int ran, int failed, int timedOut, int notStarted) {}

    public static Outcome run(List<WorkUnit> todo, UnitEvaluator evaluator, JournalEntry.Binding grid, Options options,
                              Consumer<JournalEntry> sink, Progress progress) {
        AtomicInteger next = new AtomicInteger(), ran = new AtomicInteger(), failed = new AtomicInteger(), timedOut = new AtomicInteger();
        int lanes = Math.max(1, Math.min(options.threads(), todo.size()));
        Thread[] threads = new Thread[lanes];
        Throwable[] crash = new Throwable[1];
        for (int t = 0; t < lanes; t++) {
            threads[t] = Thread.ofPlatform().name("grid-lane-" + t).daemon(true).start(() -> {
                ExecutorService worker = newWorker();
                try {
                    while (options.deadline() == null || Instant.now().isBefore(options.deadline())) {
                        int i = next.getAndIncrement();
                        if (i >= todo.size()) break;
                        JournalEntry e = evaluate(todo.get(i), evaluator, grid, options.fitTimeout(), worker);
                        if (e.status() == JournalEntry.Status.TIMEOUT) {
                            worker.shutdownNow(); // interrupts the stuck fit; its thread is abandoned
                            worker = newWorker();
                            timedOut.incrementAndGet();
                        } else if (e.status() == JournalEntry.Status.FAILED) {
                            failed.incrementAndGet();
                        }
                        sink.accept(e);
                        ran.incrementAndGet();
                        if (!e.ok()) progress.fail();
                        progress.step(1);
                    }
                } catch (Throwable x) {
                    synchronized (crash) {
                        if (crash[0] == null) crash[0] = x;
                    }
                } finally {
                    worker.shutdownNow();
                }
            });
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        if (crash[0] instanceof RuntimeException re) throw re;
        if (crash[0] instanceof Error err) throw err;
        return new Outcome(ran.get(), failed.get(), timedOut.get(), Math.max(0, todo.size() - next.get()));
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name("grid-fit").daemon(true).unstarted(r));
    }

    static JournalEntry evaluate(WorkUnit u, UnitEvaluator evaluator, JournalEntry.Binding grid, Duration timeout, ExecutorService worker) {
        long t0 = System.nanoTime();
        Future<UnitEvaluator.Result> f = worker.submit(() -> evaluator.evaluate(u));
        try {
            UnitEvaluator.Result r = timeout == null ? f.get() : f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            double ms = (System.nanoTime() - t0) / 1e6;
            Map<String, Double> metrics = new LinkedHashMap<>();
            String nan = null;
            for (Metric m : Metric.LABEL) { // the grid ranks and journals predicted-class scores only
                double v = m.of(r.scores());
                if (Double.isNaN(v) && nan == null) nan = m.column();
                metrics.put(m.column(), v);
            }
            if (nan != null) return entry(u, grid, JournalEntry.Status.FAILED, null, r.trainSize(), r.testSize(), ms, nan + " is NaN", null, null);
            // Recorded, not ranked: the probability scores (when finite) and the confusion counts, from which a suite
            // writes each data set's run tables (summary, comparisons, per-class, confusion) without fitting again.
            for (Metric m : Metric.PROBABILITY) {
                double v = m.of(r.scores());
                if (Double.isFinite(v)) metrics.put(m.column(), v);
            }
            List<List<Integer>> confusion = java.util.Arrays.stream(r.scores().confusion())
                    .map(row -> java.util.Arrays.stream(row).boxed().toList()).toList();
            return entry(u, grid, JournalEntry.Status.OK, metrics, r.trainSize(), r.testSize(), ms, null,
                    r.warnings().isEmpty() ? null : r.warnings(), confusion);
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            String msg = c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
            return entry(u, grid, JournalEntry.Status.FAILED, null, 0, 0, (System.nanoTime() - t0) / 1e6, msg.replaceAll("\\s+", " "), null, null);
        } catch (TimeoutException e) {
            f.cancel(true);
            return entry(u, grid, JournalEntry.Status.TIMEOUT, null, 0, 0, (System.nanoTime() - t0) / 1e6,
                    "fit exceeded --fit-timeout " + Durations.format(timeout), null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JournalEntry entry(WorkUnit u, JournalEntry.Binding grid, JournalEntry.Status status, Map<String, Double> metrics,
                                      int train, int test, double ms, String error, List<String> warnings,
                                      List<List<Integer>> confusion) {
        SplitId s = u.split();
        return new JournalEntry(grid.config(), grid.data(), u.featureSet(), u.point().model(), u.point().hash(), s.protocol(), s.outerRepeat(),
                s.outerFold(), s.repeat(), s.fold(), status, metrics, train, test, Math.round(ms * 1000) / 1000.0, error, warnings, confusion);
    }
}
