package org.crystalbench.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The pairing and the fork's estimate on a fake clock: a known cost ratio comes out exactly, whatever hits both slices of a pair. */
class SliceRunnerTest {
    /** A clock the fake benchmarks advance: CPU by their cost, wall by their cost times the machine's current slowness. */
    static final class FakeClock implements SliceRunner.Clock {
        long cpu, wall, proc;
        double slowness = 1;

        public long cpu() {
            return cpu;
        }

        public long wall() {
            return wall;
        }

        public long proc() {
            return proc;
        }
    }

    record FakeOp(FakeClock clock, long nanos, double offThread, SplittableRandom neighbour) implements SliceRunner.Op {
        public void run(long invocations) {
            long work = nanos * invocations;
            // a neighbour changes the machine's slowness now and then, at most once per pair (between pairs)
            clock.cpu += Math.round(work * (1 - offThread) * clock.slowness);
            clock.proc += Math.round(work * clock.slowness);
            clock.wall += Math.round(work * clock.slowness * 1.5);
        }
    }

    @Test
    void aKnownCostRatioComesOutExactlyAndBothOrdersAreUsed() {
        FakeClock clock = new FakeClock();
        var rng = new SplittableRandom(3);
        FakeOp base = new FakeOp(clock, 1000, 0, rng), head = new FakeOp(clock, 1100, 0, rng);
        var r = SliceRunner.run(new Slowing(base, clock, rng), head, new SliceRunner.Settings(50_000_000, 1_000_000, 40, 5, Long.MAX_VALUE), new SplittableRandom(1), clock);
        assertEquals(40, r.pairs().size());
        assertEquals(Math.log(1.1), r.medianLogRatio(SliceRunner.Slice::cpu), 1e-3);
        assertEquals(Math.log(1.1), r.medianLogRatio(SliceRunner.Slice::wall), 1e-3);
        // a slice is about the wanted length: 1 ms of wall time at the slower build's pace (1.5 x 1.1 us per invocation, 1-4 x slower)
        assertTrue(r.invocations() >= 150 && r.invocations() <= 700, "invocations per slice " + r.invocations());
        long baseFirst = r.pairs().stream().filter(SliceRunner.Pair::baseFirst).count();
        assertTrue(baseFirst > 5 && baseFirst < 35, "order drawn at random: " + baseFirst + " of 40 base first");
    }

    @Test
    void thePairsStopAtTheTimeLimitButNotBeforeTheLeastNumber() {
        FakeClock clock = new FakeClock();
        var rng = new SplittableRandom(3);
        FakeOp op = new FakeOp(clock, 1_000_000, 0, rng);
        var r = SliceRunner.run(op, op, new SliceRunner.Settings(0, 1_000_000, 100, 5, 1), new SplittableRandom(1), clock);
        assertEquals(5, r.pairs().size());
        assertEquals(1, r.invocations());
        assertEquals(1_000_000, r.medianPerOp(SliceRunner.Slice::cpu, true), 1e-9);
        assertEquals(1_500_000, r.medianPerOp(SliceRunner.Slice::wall, false), 1e-9);
    }

    @Test
    void everyPairHoldsTheBasesAndTheHeadsSliceWhicheverRanFirst() {
        FakeClock clock = new FakeClock();
        var rng = new SplittableRandom(3);
        var r = SliceRunner.run(new FakeOp(clock, 1000, 0, rng), new FakeOp(clock, 1100, 0, rng),
                new SliceRunner.Settings(10_000_000, 1_000_000, 20, 5, Long.MAX_VALUE), new SplittableRandom(5), clock);
        for (var p : r.pairs()) assertEquals(1.1, (double) p.head().cpu() / p.base().cpu(), 1e-9, "base first: " + p.baseFirst());
    }

    /** Changes the machine's slowness before some of the base's slices: the pair's other slice sees the same. */
    record Slowing(FakeOp op, FakeClock clock, SplittableRandom rng) implements SliceRunner.Op {
        public void run(long invocations) {
            if (rng.nextInt(3) == 0) clock.slowness = 1 + 3 * rng.nextDouble();
            op.run(invocations);
        }
    }
}
