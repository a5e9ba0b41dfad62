package org.crystalbench.data;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The compact row ids: what goes in comes out, for any text, and no more bytes are kept than the ids need. */
class RowIdsTest {
    @Test
    void idsComeBackAsWritten() {
        String[] in = {"mp-1", "", "Fe|Li", "é✓𝔘", "mp-123456789"};
        RowIds ids = RowIds.of(in);
        assertEquals(in.length, ids.size());
        assertArrayEquals(in, ids.toArray());
        assertEquals("é✓𝔘", ids.get(3));
        assertThrows(IndexOutOfBoundsException.class, () -> ids.get(5));
        assertArrayEquals(new String[] {"mp-123456789", "Fe|Li", "mp-1", "mp-1"}, ids.select(new int[] {4, 2, 0, 0}).toArray());
    }

    @Test
    void withoutIdsNothingIsStored() {
        RowIds none = RowIds.of(new String[3]); // nulls: a test's data set without ids
        assertEquals(0, none.payloadBytes());
        assertArrayEquals(new String[] {"", "", ""}, none.toArray());
        assertEquals(0, none.select(new int[] {2, 1}).payloadBytes());
        assertEquals(2, none.select(new int[] {2, 1}).size());
        assertEquals(0, RowIds.none(1_000_000).payloadBytes());
    }

    @Test
    void keepsTheIdsBytesAndOneOffsetARow() {
        RowIds.Builder b = new RowIds.Builder();
        long bytes = 0;
        for (int r = 0; r < 100_000; r++) {
            String id = "syn-" + r;
            bytes += id.length();
            b.add(id);
        }
        RowIds ids = b.build();
        assertEquals("syn-99999", ids.get(99_999));
        // the buffers are trimmed: the UTF-8 bytes and 4 bytes a row (+1 offset), not a grown buffer's spare room
        assertEquals(bytes + 4L * (100_000 + 1), ids.payloadBytes());
        assertEquals("syn-0syn-99999".length() + 4L * 3, ids.select(new int[] {0, 99_999}).payloadBytes());
    }
}
