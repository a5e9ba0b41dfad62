package org.crystalbench.perf;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler ({@code -prof org.crystalbench.perf.CpuTimeProfiler}) that adds the secondary result
 * {@value #METRIC}: the benchmark threads' CPU time ({@link ThreadMXBean#getThreadCpuTime}) per
 * operation, in the primary score's own unit (a time per op, or ops per CPU second for a throughput),
 * so it pairs exactly as the wall-clock score does. Time the thread spends descheduled by other
 * processes is not CPU time, which is why this measure is less noisy on a shared machine.
 *
 * <p>It depends on JMH and the JDK only, so {@link Interleaved} can copy this one class into a small
 * jar put first on the class path of either build: a base commit without it is measured the same way.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    /** Name of the secondary result in JMH's JSON. */
    public static final String METRIC = "\u00b7cpu";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> before = new HashMap<>();

    @Override
    public String getDescription() {
        return "CPU time of the benchmark threads per operation (crystal-bench)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        before.clear();
        for (ThreadInfo t : workers()) before.put(t.getThreadId(), threads.getThreadCpuTime(t.getThreadId()));
    }

    @Override
    public List<Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
        long cpu = 0;
        // a worker started during the iteration (the first one) counts from its start
        for (ThreadInfo t : workers()) {
            long now = threads.getThreadCpuTime(t.getThreadId());
            if (now >= 0) cpu += now - before.getOrDefault(t.getThreadId(), 0L);
        }
        long ops = result.getMetadata() == null ? 0 : result.getMetadata().getAllOps();
        if (ops <= 0 || cpu <= 0) return List.of();
        TimeUnit unit = benchmark.getTimeUnit();
        double perOp = (double) cpu / ops / unit.toNanos(1);
        boolean throughput = result.getScoreUnit().startsWith("ops/");
        return List.of(new ScalarResult(METRIC, throughput ? 1 / perOp : perOp, result.getScoreUnit(), AggregationPolicy.AVG));
    }

    /** JMH's benchmark threads ({@code <benchmark>-jmh-worker-<n>}). */
    private List<ThreadInfo> workers() {
        return java.util.Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
                .filter(t -> t != null && t.getThreadName().contains("-jmh-worker-")).toList();
    }
}
