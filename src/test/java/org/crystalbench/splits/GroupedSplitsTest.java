package org.crystalbench.splits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.crystalbench.InputException;
import org.crystalbench.chemistry.Formula;
import org.junit.jupiter.api.Test;

class GroupedSplitsTest {
    /** Like the public data: 339 rows, 3 classes, 114 groups of 1 to 12 rows, most groups holding several classes. */
    record Data(int[] y, int[] group) {}

    static Data data(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 339;
        int[] y = new int[n], group = new int[n];
        int g = -1, left = 0;
        for (int i = 0; i < n; i++) {
            if (left == 0) {
                g++;
                left = 1 + rng.nextInt(rng.nextInt(4) == 0 ? 12 : 4);
            }
            left--;
            group[i] = g;
            double u = rng.nextDouble();
            y[i] = u < 0.41 ? 0 : u < 0.79 ? 1 : 2;
        }
        return new Data(y, GroupedSplits.index(java.util.Arrays.stream(group).mapToObj(String::valueOf).toArray(String[]::new)));
    }

    static void assertNoGroupOnBothSides(Split s, int[] group) {
        var train = new HashSet<Integer>();
        for (int i : s.train()) train.add(group[i]);
        for (int i : s.test()) assertFalse(train.contains(group[i]), s.label() + ": group " + group[i] + " on both sides");
        assertEquals(0, GroupedSplits.testRowsWithGroupInTraining(s, group));
    }

    @Test
    void groupedCvKeepsEveryGroupInOneFoldAndTestsEveryRowOncePerRepeat() {
        for (long seed = 1; seed <= 20; seed++) {
            Data d = data(seed);
            List<Split> splits = GroupedSplits.crossValidation(d.y(), d.group(), 3, 3, 5, seed);
            assertEquals(15, splits.size());
            for (int r = 0; r < 3; r++) {
                BitSet seen = new BitSet();
                for (Split s : splits.subList(5 * r, 5 * r + 5)) {
                    assertNoGroupOnBothSides(s, d.group());
                    assertEquals(d.y().length, s.train().length + s.test().length);
                    for (int i : s.test()) {
                        assertFalse(seen.get(i), "row tested twice in a repeat");
                        seen.set(i);
                    }
                }
                assertEquals(d.y().length, seen.cardinality());
            }
        }
    }

    @Test
    void groupedHoldoutKeepsGroupsApartNearTheRequestedSize() {
        for (long seed = 1; seed <= 20; seed++) {
            Data d = data(seed);
            for (Split s : GroupedSplits.holdout(d.y(), d.group(), 3, 10, 0.2, seed)) {
                assertNoGroupOnBothSides(s, d.group());
                assertTrue(Math.abs(s.test().length - 0.2 * d.y().length) <= 12, "test size " + s.test().length);
            }
        }
    }

    /** Mean over folds of the largest |class share in the fold - class share overall|: 0 is perfect stratification. */
    static double imbalance(List<Split> folds, int[] y) {
        double[] overall = new double[3];
        for (int v : y) overall[v] += 1.0 / y.length;
        double sum = 0;
        for (Split s : folds) {
            double[] share = new double[3];
            for (int i : s.test()) share[y[i]] += 1.0 / s.test().length;
            double worst = 0;
            for (int c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(share[c] - overall[c]));
            sum += worst;
        }
        return sum / folds.size();
    }

    @Test
    void groupedCvIsStratifiedFarBetterThanDealingGroupsAtRandom() {
        double ours = 0, random = 0;
        for (long seed = 1; seed <= 20; seed++) {
            Data d = data(seed);
            ours += imbalance(GroupedSplits.crossValidation(d.y(), d.group(), 3, 1, 5, seed), d.y());
            // GroupKFold-like baseline: groups dealt to folds in a random order, no look at the classes
            SplittableRandom rng = new SplittableRandom(seed);
            int groups = java.util.Arrays.stream(d.group()).max().orElseThrow() + 1;
            int[] fold = new int[groups];
            for (int g = 0; g < groups; g++) fold[g] = rng.nextInt(5);
            List<Split> base = new java.util.ArrayList<>();
            for (int f = 0; f < 5; f++) {
                boolean[] t = new boolean[d.y().length];
                for (int i = 0; i < t.length; i++) t[i] = fold[d.group()[i]] == f;
                base.add(StratifiedSplits.partition(SplitId.of(Protocol.GROUPED_CV, 0, f), t));
            }
            random += imbalance(base, d.y());
        }
        // scikit-learn's StratifiedGroupKFold on the same kind of data: see scripts/check-grouped-splits.py (docs/splits.md)
        assertTrue(ours / 20 < 0.5 * random / 20, "ours " + ours / 20 + " vs random " + random / 20);
        assertTrue(ours / 20 < 0.03, "mean worst class-share gap " + ours / 20);
    }

    @Test
    void sameSeedSameSplitsAndRepeatsDoNotDependOnTheirNumber() {
        Data d = data(3);
        List<Split> a = GroupedSplits.crossValidation(d.y(), d.group(), 3, 2, 5, 42);
        List<Split> b = GroupedSplits.crossValidation(d.y(), d.group(), 3, 4, 5, 42);
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i).test(), b.get(i).test());
        assertFalse(a.get(0).testHash().equals(a.get(5).testHash()), "repeats differ");
        List<Split> h1 = GroupedSplits.holdout(d.y(), d.group(), 3, 2, 0.2, 42), h2 = GroupedSplits.holdout(d.y(), d.group(), 3, 5, 0.2, 42);
        assertArrayEquals(h1.get(1).test(), h2.get(1).test());
    }

    @Test
    void orderedHoldoutTestsTheLatestRowsAndKeepsTiesTogether() {
        int[] y = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
        String[] key = {"2020-01-05", "2020-01-01", "2020-01-09", "2020-01-03", "2020-01-09", "2020-01-02", "2020-01-04",
                "2020-01-06", "2020-01-07", "2020-01-08"};
        Split s = GroupedSplits.ordered(y, key, 2, 0.2).getFirst();
        assertArrayEquals(new int[] {2, 4}, s.test()); // the two 2020-01-09 rows
        Split tie = GroupedSplits.ordered(y, new String[] {"1", "2", "3", "4", "5", "6", "7", "8", "8", "8"}, 2, 0.2).getFirst();
        assertArrayEquals(new int[] {7, 8, 9}, tie.test(), "a tie at the boundary joins the test side");
        Split numeric = GroupedSplits.ordered(y, new String[] {"10", "9", "8", "7", "6", "5", "4", "3", "2", "1"}, 2, 0.2).getFirst();
        assertArrayEquals(new int[] {0, 1}, numeric.test(), "numbers order as numbers (10 after 9)");
    }

    @Test
    void tooFewGroupsIsBadInput() {
        int[] y = {0, 1, 0, 1, 0, 1};
        int[] group = {0, 0, 1, 1, 2, 2};
        var e = assertThrows(InputException.class, () -> GroupedSplits.crossValidation(y, group, 2, 1, 5, 1));
        assertTrue(e.getMessage().contains("only 3 groups"), e.getMessage());
    }

    @Test
    void reducedCompositionIsTheSameForEveryMultipleOfTheFormulaUnit() {
        assertEquals("FeLi2O4Si", Formula.parse("Li2FeSiO4").reduced());
        assertEquals(Formula.parse("Li2FeSiO4").reduced(), Formula.parse("Li4Fe2Si2O8").reduced());
        assertEquals(Formula.parse("Li2FeSiO4").reduced(), Formula.parse("Li4 Fe2 (SiO4)2").reduced());
        assertFalse(Formula.parse("Li2FeSiO4").reduced().equals(Formula.parse("LiFeSiO4").reduced()));
        assertEquals(Formula.parse("Li0.5Co1O2").reduced(), Formula.parse("Li0.25Co0.5O").reduced(), "fractional amounts by share");
    }
}
