package org.crystalbench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.crystalbench.InputException;
import org.junit.jupiter.api.Test;

/** libsvm's memory is bounded by its kernel cache (cache_size MB) plus arrays linear in rows (issues 17, 21). */
class SvmMemoryTest {
    static final long MIB = 1L << 20, GIB = 1L << 30;
    final SvmSpec svm = new SvmSpec("SVM", null, null, null, null, null, null, null, null, null, null, null, null);
    final SvmSpec small = new SvmSpec("SVM", null, null, null, null, null, null, 10.0, null, null, null, null, null);

    @Test
    void theBoundIsTheCacheSizeOrTheWholeMatrixIfSmallerPlusLinearArrays() {
        // 1,000 rows: the whole matrix (32 bytes a pair at most, 32 MB) fits in the 200 MB cache
        assertEquals(32L * 1000 * 1000 + SvmSpec.BYTES_PER_ROW * 1000, svm.kernelBytes(1000));
        // 100,000 rows: the cache caps it (the matrix would be 40 GB)
        assertEquals(200 * MIB + SvmSpec.BYTES_PER_ROW * 100_000, svm.kernelBytes(100_000));
        assertEquals(10 * MIB + SvmSpec.BYTES_PER_ROW * 100_000, small.kernelBytes(100_000));
        assertEquals(800, svm.largestMachine(new int[] {100, 500, 300})); // the two largest classes
    }

    @Test
    void largeDataNowFitsAndOnlyCacheTimesThreadsBeyondHalfTheHeapIsRefused() {
        // 80,000 rows, 2 fits: was refused (59 GiB under the LASVM rule); libsvm needs 2 x (200 MiB + 6 MiB)
        assertTrue(svm.memoryRefusal(new int[] {31_000, 32_000, 17_000}, 6 * GIB, 2).isEmpty());
        // 16 fits at once on a 4 GiB heap: 16 x 206 MiB > 2 GiB
        String msg = svm.memoryRefusal(new int[] {31_000, 32_000, 17_000}, 4 * GIB, 16).orElseThrow();
        assertTrue(msg.startsWith("model 'SVM': a kernel SVM on 80000 training rows (largest binary machine 63000 rows)"), msg);
        assertTrue(msg.contains("libsvm's kernel cache (cache_size 200 MB)") && msg.contains("16 fits at once")
                && msg.contains("the 4.0 GiB heap") && msg.contains("--threads") && msg.contains("lower cache_size"), msg);
        assertEquals(1, msg.lines().count());
        // the boundary: exactly half the heap passes, a byte over is refused
        long need = svm.kernelBytes(63_000);
        assertTrue(svm.memoryRefusal(new int[] {31_000, 32_000, 17_000}, 2 * need, 1).isEmpty());
        assertFalse(svm.memoryRefusal(new int[] {31_000, 32_000, 17_000}, 2 * need - 2, 1).isEmpty());
    }

    @Test
    void aFitTooLargeForThisHeapIsRefusedBeforeAnyKernelIsComputed() {
        long heap = Runtime.getRuntime().maxMemory();
        // a cache as large as the heap cannot be right, whatever the rows
        var huge = new SvmSpec("SVM", null, null, null, null, null, null, (double) (heap / MIB), null, null, null, null, null);
        int n = 200_000;
        double[][] x = new double[n][];
        double[] row = {0.0};
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = row;
            y[i] = i % 2;
        }
        var e = assertThrows(InputException.class, () -> huge.fit(x, y, 2, 1));
        assertTrue(e.getMessage().startsWith("model 'SVM': a kernel SVM on 200000 training rows"), e.getMessage());
    }
}
