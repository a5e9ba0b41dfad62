package org.crystalbench.splits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import org.crystalbench.InputException;
import org.junit.jupiter.api.Test;

class StratifiedSplitsTest {
    // The public data's class sizes: 139 / 128 / 72.
    static final int[] Y = labels(139, 128, 72);

    static int[] labels(int... counts) {
        int n = 0;
        for (int c : counts) n += c;
        int[] y = new int[n];
        for (int c = 0, i = 0; c < counts.length; c++) for (int j = 0; j < counts[c]; j++) y[i++] = c;
        return y;
    }

    @Test
    void holdoutKeepsClassProportionsInEveryRepeat() {
        List<Split> splits = StratifiedSplits.holdout(Y, 3, 30, 0.2, 42);
        assertEquals(30, splits.size());
        for (Split s : splits) {
            int[] testCounts = new int[3];
            for (int i : s.test()) testCounts[Y[i]]++;
            assertArrayEquals(new int[] {28, 26, 14}, testCounts); // round(0.2 * n_c)
            assertPartition(s, Y.length);
        }
        assertFalse(splits.get(0).testHash().equals(splits.get(1).testHash()), "repeats differ");
    }

    @Test
    void cvFoldsPartitionTheRowsAndAreStratified() {
        List<Split> splits = StratifiedSplits.crossValidation(Y, 3, 2, 5, 42);
        assertEquals(10, splits.size());
        for (int r = 0; r < 2; r++) {
            BitSet seen = new BitSet();
            for (Split s : splits.subList(r * 5, r * 5 + 5)) {
                assertPartition(s, Y.length);
                for (int i : s.test()) {
                    assertFalse(seen.get(i), "row in two test folds");
                    seen.set(i);
                }
                int[] c = new int[3];
                for (int i : s.test()) c[Y[i]]++;
                assertTrue(Math.abs(c[0] - 139 / 5.0) <= 1 && Math.abs(c[1] - 128 / 5.0) <= 1 && Math.abs(c[2] - 72 / 5.0) <= 1);
                assertTrue(s.test().length == 67 || s.test().length == 68);
            }
            assertEquals(Y.length, seen.cardinality());
        }
    }

    @Test
    void sameSeedSameSplitsAndRepeatsDoNotDependOnTheirCount() {
        var a = StratifiedSplits.holdout(Y, 3, 5, 0.2, 9);
        var b = StratifiedSplits.holdout(Y, 3, 2, 0.2, 9);
        assertArrayEquals(a.get(1).test(), b.get(1).test());
        var c = StratifiedSplits.holdout(Y, 3, 2, 0.2, 10);
        assertFalse(a.get(0).testHash().equals(c.get(0).testHash()));
    }

    @Test
    void tooFewRowsInAClassIsAnInputError() {
        int[] y = labels(10, 10, 3);
        var e = assertThrows(InputException.class, () -> StratifiedSplits.crossValidation(y, 3, 1, 5, 1));
        assertTrue(e.getMessage().contains("class 2 has 3 rows"), e.getMessage());
    }

    static void assertPartition(Split s, int n) {
        assertEquals(n, s.train().length + s.test().length);
        BitSet train = new BitSet();
        for (int i : s.train()) train.set(i);
        for (int i : s.test()) assertFalse(train.get(i), "row in both train and test");
    }
}
