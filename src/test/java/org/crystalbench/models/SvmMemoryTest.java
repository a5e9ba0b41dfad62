package org.crystalbench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.crystalbench.InputException;
import org.junit.jupiter.api.Test;

/** Kernel SVMs are quadratic in rows: refused with one clear line instead of running out of memory (issue 17). */
class SvmMemoryTest {
    static final long GIB = 1L << 30;
    final SvmSpec ovo = new SvmSpec("SVM", null, null, null, null, null);
    final SvmSpec ovr = new SvmSpec("SVM-ovr", null, null, null, null, SvmSpec.Strategy.OVR);

    @Test
    void theEstimateIsEightBytesPerPairOfTheLargestMachinesRows() {
        assertEquals(8L * 1000 * 1000, SvmSpec.kernelBytes(1000));
        assertEquals(8L * 800_000 * 800_000, SvmSpec.kernelBytes(800_000)); // no int overflow
        int[] counts = {100, 500, 300};
        assertEquals(800, ovo.largestMachine(counts)); // the two largest classes
        assertEquals(900, ovr.largestMachine(counts)); // every row
    }

    @Test
    void smallDataPassesAndLargeDataIsRefusedNamingModelRowsEstimateAndHeap() {
        // the public file's training split (271 rows) on a 1 GiB heap, two fits at once: 0.6 MB each
        assertTrue(ovo.memoryRefusal(new int[] {57, 111, 103}, GIB, 2).isEmpty());
        // 10,000 rows per class, 4 GiB: 20,000-row machines need 3.0 GiB each, two at once more than half the heap
        String msg = ovo.memoryRefusal(new int[] {10_000, 10_000, 10_000}, 4 * GIB, 2).orElseThrow();
        assertTrue(msg.startsWith("model 'SVM': a kernel SVM on 30000 training rows (largest binary machine 20000 rows)"), msg);
        assertTrue(msg.contains("may need 6.0 GiB") && msg.contains("2 fits at once") && msg.contains("the 4.0 GiB heap"), msg);
        assertTrue(msg.contains("CRYSTAL_BENCH_JAVA_OPTS=-Xmx") && msg.contains("--threads"), msg);
        assertEquals(1, msg.lines().count());
        // the same data, one fit at once, passes with the rule's margin: 3.0 GiB <= half of 8 GiB
        assertTrue(ovo.memoryRefusal(new int[] {10_000, 10_000, 10_000}, 8 * GIB, 1).isEmpty());
        // the boundary: exactly half the heap passes, a byte over is refused
        long rows = 1000;
        assertTrue(ovr.memoryRefusal(new int[] {500, 500}, 2 * SvmSpec.kernelBytes(rows), 1).isEmpty());
        assertFalse(ovr.memoryRefusal(new int[] {500, 500}, 2 * SvmSpec.kernelBytes(rows) - 2, 1).isEmpty());
    }

    @Test
    void aFitTooLargeForThisHeapIsRefusedBeforeAnyKernelIsComputed() {
        // 3 x 2,000,000 rows of one feature (46 MiB): one-vs-one machines of 4,000,000 rows would need 116 TiB
        int n = 6_000_000;
        double[][] x = new double[n][];
        double[] row = {0.0};
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = row;
            y[i] = i % 3;
        }
        var e = assertThrows(InputException.class, () -> ovo.fit(x, y, 3, 1));
        assertTrue(e.getMessage().startsWith("model 'SVM': a kernel SVM on 6000000 training rows"), e.getMessage());
    }
}
