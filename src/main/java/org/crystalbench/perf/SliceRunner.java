package org.crystalbench.perf;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;

/**
 * Base and head of one benchmark in alternating short slices on one thread (docs/performance.md, "Fourth
 * pass"): both warmed up in turn, then pairs of slices of the same number of invocations, the order within
 * each pair drawn at random, each slice timed in thread CPU time, wall time and process CPU time. Whatever
 * else the machine does hits both builds within milliseconds, so the ratio of a pair's two slices cancels
 * it; a fork's estimate is the median of its pairs' log ratios (one disturbed slice moves it little).
 */
public final class SliceRunner {
    private SliceRunner() {}

    /** One build's benchmark: {@code run(n)} calls it {@code n} times. */
    public interface Op {
        void run(long invocations);

        default int opsPerInvocation() {
            return 1;
        }
    }

    /** The clocks a slice reads, in nanoseconds (the thread's CPU time, wall time, the process's CPU time). */
    public interface Clock {
        long cpu();

        long wall();

        long proc();

        Clock SYSTEM = new Clock() {
            private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

            public long cpu() {
                return threads.getCurrentThreadCpuTime();
            }

            public long wall() {
                return System.nanoTime();
            }

            public long proc() {
                return ProcessCpu.nanos();
            }
        };
    }

    /**
     * @param warmupNanos wall time each build runs before measuring (in alternation, slices growing to {@code sliceNanos})
     * @param sliceNanos  wanted wall time of one slice (at least one invocation)
     * @param pairs       most pairs measured
     * @param minPairs    pairs measured even past {@code maxNanos}
     * @param maxNanos    wall time after which no further pair starts (beyond {@code minPairs})
     */
    public record Settings(long warmupNanos, long sliceNanos, int pairs, int minPairs, long maxNanos) {}

    /** One slice's times, in nanoseconds. */
    public record Slice(long cpu, long wall, long proc) {}

    /** @param baseFirst whether the base's slice ran first */
    public record Pair(boolean baseFirst, Slice base, Slice head) {}

    /** @param invocations invocations per slice (both builds the same) */
    public record Result(long invocations, int opsPerInvocation, List<Pair> pairs) {
        /** Median over the pairs of {@code log(head / base)} of one clock. */
        public double medianLogRatio(ToLongFunction<Slice> clock) {
            return PairedCheck.median(pairs.stream().mapToDouble(p -> Math.log((double) Math.max(1, clock.applyAsLong(p.head()))
                    / Math.max(1, clock.applyAsLong(p.base())))).toArray());
        }

        /** Median over the pairs of one clock's time per operation of one side. */
        public double medianPerOp(ToLongFunction<Slice> clock, boolean base) {
            return PairedCheck.median(pairs.stream().mapToDouble(p -> clock.applyAsLong(base ? p.base() : p.head())).toArray())
                    / ((double) invocations * opsPerInvocation);
        }
    }

    public static Result run(Op base, Op head, Settings s, SplittableRandom rng, Clock clock) {
        long invocations = warmUp(base, head, s, clock);
        List<Pair> pairs = new ArrayList<>();
        long start = clock.wall();
        while (pairs.size() < s.pairs() && (pairs.size() < s.minPairs() || clock.wall() - start < s.maxNanos())) {
            boolean baseFirst = rng.nextBoolean();
            Slice first = slice(baseFirst ? base : head, invocations, clock);
            Slice second = slice(baseFirst ? head : base, invocations, clock);
            pairs.add(new Pair(baseFirst, baseFirst ? first : second, baseFirst ? second : first));
        }
        return new Result(invocations, base.opsPerInvocation(), List.copyOf(pairs));
    }

    /**
     * Runs both builds in turn for the warmup time, doubling the invocations per turn until a turn lasts
     * a slice; returns the invocations per measured slice, from the slower build's last turn.
     */
    static long warmUp(Op base, Op head, Settings s, Clock clock) {
        long n = 1, start = clock.wall();
        double nanosPerInvocation;
        do {
            long b = slice(base, n, clock).wall(), h = slice(head, n, clock).wall();
            nanosPerInvocation = (double) Math.max(b, h) / n;
            if (Math.max(b, h) < s.sliceNanos()) n *= 2;
        } while (clock.wall() - start < s.warmupNanos());
        return Math.max(1, Math.round(s.sliceNanos() / Math.max(1, nanosPerInvocation)));
    }

    static Slice slice(Op op, long invocations, Clock clock) {
        long c = clock.cpu(), p = clock.proc(), w = clock.wall();
        op.run(invocations);
        long w1 = clock.wall(), c1 = clock.cpu(), p1 = clock.proc();
        return new Slice(c1 - c, w1 - w, p1 - p);
    }
}
