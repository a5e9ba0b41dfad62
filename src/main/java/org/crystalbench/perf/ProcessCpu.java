package org.crystalbench.perf;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;

/**
 * The process's CPU time in nanoseconds, every thread's, the dead ones' too: {@code clock_gettime(CLOCK_PROCESS_CPUTIME_ID)}
 * through the foreign function API (the JDK's {@code getProcessCpuTime} counts in 10 ms ticks on Linux, too coarse
 * for a slice); the JDK's where that call is not available.
 */
final class ProcessCpu {
    private ProcessCpu() {}

    private static final int CLOCK_PROCESS_CPUTIME_ID = 2;
    private static final MethodHandle CLOCK_GETTIME = lookup();
    private static final ThreadLocal<MemorySegment> TIMESPEC = ThreadLocal.withInitial(() -> Arena.global().allocate(16, 8));

    private static MethodHandle lookup() {
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("clock_gettime").map(a -> linker.downcallHandle(a,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS))).orElse(null);
        } catch (RuntimeException | LinkageError e) { // no native access: the coarse clock below
            return null;
        }
    }

    static long nanos() {
        if (CLOCK_GETTIME != null) {
            MemorySegment ts = TIMESPEC.get();
            try {
                if ((int) CLOCK_GETTIME.invokeExact(CLOCK_PROCESS_CPUTIME_ID, ts) == 0) {
                    return ts.get(ValueLayout.JAVA_LONG, 0) * 1_000_000_000L + ts.get(ValueLayout.JAVA_LONG, 8);
                }
            } catch (Throwable t) {
                // the coarse clock below
            }
        }
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
