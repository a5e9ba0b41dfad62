package org.crystalbench.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.crystalbench.data.Dataset;
import org.crystalbench.splits.Protocol;
import org.crystalbench.splits.Split;
import org.crystalbench.splits.SplitId;
import org.junit.jupiter.api.Test;

class SplitLeakageTest {
    /** Six rows: 0 and 1 equal with one label, 2 and 3 equal with two labels, 4 and 5 unique; groups a a b b c c. */
    static Dataset data() {
        double[][] x = {{1, 2}, {1, 2}, {3, 4}, {3, 4}, {5, 6}, {-0.0, 7}};
        String[][] cat = {{"u"}, {"u"}, {"v"}, {"v"}, {"w"}, {"w"}};
        return new Dataset("d.csv", "", new String[6], List.of("p", "q"), x, List.of("k"), cat, List.of("A", "B"),
                new int[] {0, 0, 0, 1, 1, 0}, new long[] {2, 3, 4, 5, 6, 7}, 6, 0);
    }

    @Test
    void countsDuplicatesAndTestRowsThatMeetTheirDuplicateOrGroupInTraining() {
        Split s = new Split(SplitId.of(Protocol.CV, 0, 0), new int[] {0, 2, 4}, new int[] {1, 3, 5});
        String[] groups = {"a", "a", "b", "b", "c", "x"};
        var rows = SplitLeakage.of(data(), Map.of("all", List.of("p", "q", "k")), Map.of(Protocol.CV, List.of(s)), groups);
        SplitLeakage l = rows.getFirst();
        assertEquals(2, l.duplicateRowsSame()); // rows 0, 1
        assertEquals(2, l.duplicateRowsConflicting()); // rows 2, 3
        assertEquals(2 / 3.0, l.testDuplicateShare(), 1e-12); // test rows 1 and 3 meet their twin
        assertEquals(2 / 3.0, l.testGroupShare(), 1e-12); // rows 1 (a) and 3 (b); row 5's group x is not in training
        assertEquals(2, l.testGroupRowsMax());
        assertTrue(l.flagged());
        // twins on the same side, no groups: nothing shared, nothing flagged
        Split apart = new Split(SplitId.of(Protocol.CV, 0, 1), new int[] {0, 1, 2, 3}, new int[] {4, 5});
        var q = SplitLeakage.of(data(), Map.of("all", List.of("p", "q", "k")), Map.of(Protocol.CV, List.of(apart)), null).getFirst();
        assertEquals(0, q.testDuplicateShare());
        assertTrue(Double.isNaN(q.testGroupShare()));
        assertFalse(q.flagged());
    }
}
