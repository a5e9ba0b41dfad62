package org.crystalbench.io;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Independent tasks on a fixed pool of worker threads, results in task order: what the tasks compute
 * cannot depend on the thread count, only when it is ready.
 */
public final class Parallel {
    private Parallel() {}

    /** {@code threads}, when at least 1: the one check of a library caller's thread count (the CLI checks as it parses). */
    public static int threads(int threads) {
        if (threads < 1) throw new org.crystalbench.InputException("--threads: " + threads + " (must be >= 1)");
        return threads;
    }

    /**
     * Runs every task on {@code threads} daemon threads named {@code name} and returns their results in
     * the order of {@code tasks}; the first task to throw (in task order) ends the call with its exception.
     */
    public static <T> List<T> map(List<? extends Callable<T>> tasks, int threads, String name) {
        List<T> out = new ArrayList<>(tasks.size());
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, tasks.size())), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        })) {
            List<Future<T>> futures = new ArrayList<>(tasks.size());
            for (Callable<T> task : tasks) futures.add(pool.submit(task));
            try {
                for (Future<T> f : futures) out.add(f.get());
            } catch (ExecutionException e) {
                futures.forEach(f -> f.cancel(true));
                throw unchecked(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return out;
    }

    private static RuntimeException unchecked(Throwable cause) {
        if (cause instanceof RuntimeException re) return re;
        if (cause instanceof Error err) throw err; // OutOfMemoryError keeps its meaning (exit 5)
        return new IllegalStateException(cause);
    }
}
