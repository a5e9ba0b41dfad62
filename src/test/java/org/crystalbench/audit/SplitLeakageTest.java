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
        return new Dataset("d.csv", "", org.crystalbench.data.RowIds.of(new String[6]), List.of("p", "q"), x, List.of("k"), cat, List.of("A", "B"),
                new int[] {0, 0, 0, 1, 1, 0}, new int[] {2, 3, 4, 5, 6, 7}, 6, 0);
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

    /** Brute force over every pair on random rows with many duplicates: the same counts and shares. */
    @Test
    void agreesWithCountingEveryPair() {
        var rnd = new java.util.Random(7);
        int n = 400;
        double[][] x = new double[n][];
        String[][] cat = new String[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {rnd.nextInt(3), rnd.nextInt(4)};
            cat[i] = new String[] {rnd.nextBoolean() ? "u" : "v"};
            y[i] = rnd.nextInt(2);
        }
        Dataset d = new Dataset("d.csv", "", org.crystalbench.data.RowIds.of(new String[n]), List.of("p", "q"), x, List.of("k"), cat, List.of("A", "B"), y,
                new int[n], n, 0);
        List<Split> splits = new java.util.ArrayList<>();
        for (int s = 0; s < 3; s++) {
            List<Integer> rows = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, n).boxed().toList());
            java.util.Collections.shuffle(rows, rnd);
            splits.add(new Split(SplitId.of(Protocol.HOLDOUT, s, 0), rows.subList(0, 300).stream().mapToInt(i -> i).toArray(),
                    rows.subList(300, n).stream().mapToInt(i -> i).toArray()));
        }
        SplitLeakage l = SplitLeakage.of(d, Map.of("all", List.of("p", "q", "k")), Map.of(Protocol.HOLDOUT, splits), null).getFirst();
        int same = 0, conflicting = 0;
        for (int i = 0; i < n; i++) {
            int twins = 0, sameLabel = 0;
            for (int j = 0; j < n; j++) {
                if (java.util.Arrays.equals(x[i], x[j]) && cat[i][0].equals(cat[j][0])) {
                    twins++;
                    if (y[i] == y[j]) sameLabel++;
                }
            }
            if (twins >= 2 && sameLabel < twins) conflicting++;
            else if (twins >= 2) same++;
        }
        double share = 0;
        for (Split s : splits) {
            int met = 0;
            for (int t : s.test()) {
                boolean found = false;
                for (int r : s.train()) found |= java.util.Arrays.equals(x[t], x[r]) && cat[t][0].equals(cat[r][0]);
                if (found) met++;
            }
            share += met / (double) s.test().length;
        }
        assertEquals(same, l.duplicateRowsSame());
        assertEquals(conflicting, l.duplicateRowsConflicting());
        assertEquals(share / splits.size(), l.testDuplicateShare(), 1e-12);
    }

    /** 300,000 equal rows: linear in the rows (counting each row's twins one by one took 4.5e10 steps). */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void manyEqualRowsCostLinearTime() {
        int n = 300_000;
        double[][] x = new double[n][];
        String[][] cat = new String[n][];
        double[] row = {1, 2};
        String[] c = {"u"};
        java.util.Arrays.fill(x, row);
        java.util.Arrays.fill(cat, c);
        int[] all = java.util.stream.IntStream.range(0, n).toArray();
        Split s = new Split(SplitId.of(Protocol.HOLDOUT, 0, 0), java.util.Arrays.copyOf(all, n - 1000),
                java.util.Arrays.copyOfRange(all, n - 1000, n));
        Dataset d = new Dataset("d.csv", "", org.crystalbench.data.RowIds.of(new String[n]), List.of("p", "q"), x, List.of("k"), cat, List.of("A", "B"),
                new int[n], new int[n], n, 0);
        SplitLeakage l = SplitLeakage.of(d, Map.of("all", List.of("p", "q", "k")), Map.of(Protocol.HOLDOUT, List.of(s)), null).getFirst();
        assertEquals(n, l.duplicateRowsSame());
        assertEquals(1.0, l.testDuplicateShare());
    }
}
