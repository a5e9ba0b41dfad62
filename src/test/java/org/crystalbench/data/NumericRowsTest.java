package org.crystalbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The numeric store keeps every cell's bits, costs 8 bytes a cell and nothing a row, and hands out copies only. */
class NumericRowsTest {
    /** More rows than two of the builder's chunks, the last one partial; -0.0, NaN and extremes among the cells. */
    static double[][] rows(int n, int width) {
        var random = new SplittableRandom(5);
        double[][] rows = new double[n][width];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < width; j++) rows[r][j] = random.nextDouble(-1e6, 1e6);
        }
        rows[1][0] = -0.0;
        rows[2][1] = Double.NaN;
        rows[3][2] = Double.MAX_VALUE;
        rows[n - 1][width - 1] = Double.MIN_VALUE;
        return rows;
    }

    @Test
    void everyCellKeepsItsBitsAcrossChunks() {
        int n = 2 * NumericRows.Builder.chunkRows(6) + 17, width = 6;
        double[][] rows = rows(n, width);
        NumericRows store = NumericRows.of(rows);
        assertEquals(n, store.size());
        assertEquals(width, store.width());
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < width; j++) {
                assertEquals(Double.doubleToRawLongBits(rows[r][j]), Double.doubleToRawLongBits(store.get(r, j)), r + "," + j);
            }
            assertArrayEquals(rows[r], store.row(r));
        }
        assertArrayEquals(rows, store.toArrays());
    }

    /** A block of chosen rows' chosen columns, side by side or not, across chunks: the cells where they are. */
    @Test
    void gatherReadsTheChosenCells() {
        int n = 3 * NumericRows.Builder.chunkRows(5) + 11, width = 5;
        NumericRows store = NumericRows.of(rows(n, width));
        int[] rows = {n - 1, 0, 7, NumericRows.Builder.chunkRows(5), n - 1, 5};
        for (int[] cols : new int[][] {{1, 2, 3}, {4, 0, 2}, {}}) {
            double[] out = new double[(rows.length - 1) * cols.length];
            store.gather(rows, 1, rows.length, cols, out);
            for (int i = 1; i < rows.length; i++) {
                for (int j = 0; j < cols.length; j++) {
                    assertEquals(Double.doubleToRawLongBits(store.get(rows[i], cols[j])),
                            Double.doubleToRawLongBits(out[(i - 1) * cols.length + j]));
                }
            }
        }
        assertThrows(IndexOutOfBoundsException.class, () -> store.gather(new int[] {n}, 0, 1, new int[] {0}, new double[1]));
    }

    @Test
    void eightBytesACellAndNoSlack() {
        int n = NumericRows.Builder.chunkRows(4) + 3, width = 4;
        assertEquals(8L * n * width, NumericRows.of(rows(n, width)).payloadBytes());
        assertEquals(0, NumericRows.of(3, new double[0][]).payloadBytes());
    }

    @Test
    void aSelectionHasTheChosenRowsInTheirOrder() {
        double[][] rows = rows(50, 3);
        int[] chosen = {7, 2, 2, 49, 0};
        NumericRows s = NumericRows.of(rows).select(chosen);
        assertEquals(chosen.length, s.size());
        for (int k = 0; k < chosen.length; k++) assertArrayEquals(rows[chosen[k]], s.row(k));
        assertEquals(8L * chosen.length * 3, s.payloadBytes());
    }

    @Test
    void rowsAreCopiesAndOutOfRangeIsRefused() {
        NumericRows store = NumericRows.of(new double[][] {{1, 2}, {3, 4}});
        store.row(0)[0] = 99;
        assertEquals(1, store.get(0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> store.get(2, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> store.get(0, 2));
        assertThrows(IllegalArgumentException.class, () -> NumericRows.of(2, new double[] {1, 2, 3}));
    }
}
