package org.crystalbench.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.crystalbench.config.DatasetSpec;
import org.crystalbench.config.DerivedSpec;
import org.crystalbench.config.DerivedSpec.Composition;
import org.crystalbench.data.CsvLoader;
import org.crystalbench.data.Dataset;
import org.crystalbench.evaluation.EncodedSplit;
import org.crystalbench.splits.Protocol;
import org.crystalbench.splits.Split;
import org.crystalbench.splits.SplitId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The neighbour shares are fitted on training labels only, and a training row never sees its own label. */
class NeighbourSharesTest {
    @TempDir Path dir;

    static final List<String> FORMULAS = List.of("Li2FeSiO4", "LiFeSiO4", "Li2MnSiO4", "LiCoSiO4", "Li2CoSiO4", "Li4SiO4");
    static final List<String> FEATURES = List.of("Density", Composition.NEIGHBOURS);

    Dataset data(int rows, long seed) throws Exception {
        Random rnd = new Random(seed);
        StringBuilder csv = new StringBuilder("Formula,Nsites,Volume,Density,cls\n");
        String[] cls = {"a", "b", "c"};
        for (int r = 0; r < rows; r++) {
            int f = rnd.nextInt(FORMULAS.size());
            csv.append(FORMULAS.get(f)).append(',').append(8 * (1 + rnd.nextInt(3))).append(",300,")
                    .append(2 + rnd.nextDouble()).append(',').append(cls[(f + (rnd.nextDouble() < 0.3 ? 1 : 0)) % 3]).append('\n');
        }
        Path file = dir.resolve("d" + seed + ".csv");
        Files.writeString(file, csv);
        return CsvLoader.load(file, new DatasetSpec(null, "cls", List.of(), List.of("Density"), List.of(),
                DatasetSpec.MissingPolicy.ERROR, Map.of(), new DerivedSpec(new Composition("Formula", "Nsites", "Volume"))));
    }

    static Dataset withLabels(Dataset d, int[] y) {
        return new Dataset(d.source(), d.sha256(), d.ids(), d.numericNames(), d.numeric(), d.categoricalNames(), d.categorical(),
                d.classes(), y, d.lines(), d.rowsRead(), d.rowsDropped(), d.groups(), d.missing());
    }

    static Split split(int n) {
        List<Integer> train = new ArrayList<>(), test = new ArrayList<>();
        for (int r = 0; r < n; r++) (r % 4 == 0 ? test : train).add(r);
        return new Split(SplitId.of(Protocol.HOLDOUT, 0, 0), train.stream().mapToInt(i -> i).toArray(),
                test.stream().mapToInt(i -> i).toArray());
    }

    @Test
    void permutingTheTestLabelsChangesNothing() throws Exception {
        Dataset d = data(200, 1);
        Split s = split(d.size());
        EncodedSplit a = EncodedSplit.of(d, FEATURES, s);
        assertEquals(1 + 3 * (3 + 1), a.encoder().width()); // Density, per key 3 shares and a count
        int[] y = d.y().clone();
        int[] test = s.test();
        Random rnd = new Random(7);
        for (int i = test.length - 1; i > 0; i--) { // shuffle the test rows' labels among themselves
            int j = rnd.nextInt(i + 1), t = y[test[i]];
            y[test[i]] = y[test[j]];
            y[test[j]] = t;
        }
        for (int r : test) y[r] = (y[r] + 1) % 3; // and change every one of them
        EncodedSplit b = EncodedSplit.of(withLabels(d, y), FEATURES, s);
        assertArrayEquals(a.xTrain(), b.xTrain());
        assertArrayEquals(a.xTest(), b.xTest());
        // Not vacuous: changing training labels does change the encoding.
        int[] y2 = d.y().clone();
        for (int r : s.train()) y2[r] = (y2[r] + 1) % 3;
        assertFalse(Arrays.deepEquals(a.xTest(), EncodedSplit.of(withLabels(d, y2), FEATURES, s).xTest()));
    }

    @Test
    void aTrainingRowsValuesNeverCountItsOwnLabel() throws Exception {
        Dataset d = data(120, 2);
        int[] train = split(d.size()).train();
        int[] keys = d.groups().get(Composition.NEIGHBOURS).stream().mapToInt(d.numericNames()::indexOf).toArray();
        NeighbourShares base = NeighbourShares.fit(d.numeric(), d.y(), 3, keys, train);
        for (int r : new int[] {train[0], train[5], train[17]}) {
            int[] y = d.y().clone();
            y[r] = (y[r] + 1) % 3;
            NeighbourShares changed = NeighbourShares.fit(d.numeric(), y, 3, keys, train);
            double[] before = base.trainingValues(d.numericRow(r), r), after = changed.trainingValues(d.numericRow(r), r);
            // The prior moves by 1/n; the counts of the row's key in the other folds do not move at all.
            assertEquals(before[3], after[3]);
            assertEquals(before[7], after[7]);
            assertEquals(before[11], after[11]);
            for (int c = 0; c < 3; c++) assertEquals(before[c], after[c], 1.0 / train.length);
            assertFalse(Arrays.equals(base.values(d.numericRow(r)), changed.values(d.numericRow(r))));
        }
    }

    @Test
    void sharesAreSmoothedCountsOfTheTrainingRowsWithTheSameKey() throws Exception {
        Dataset d = data(60, 3);
        int[] train = split(d.size()).train();
        int[] keys = d.groups().get(Composition.NEIGHBOURS).stream().mapToInt(d.numericNames()::indexOf).toArray();
        NeighbourShares ns = NeighbourShares.fit(d.numeric(), d.y(), 3, keys, train);
        int row = split(d.size()).test()[0];
        double[] prior = new double[3];
        int[] n = new int[3];
        for (int r : train) {
            prior[d.y()[r]] += 1.0 / train.length;
            if (d.numeric().get(r, keys[0]) == d.numeric().get(row, keys[0])) n[d.y()[r]]++;
        }
        int total = n[0] + n[1] + n[2];
        double[] v = ns.values(d.numericRow(row));
        for (int c = 0; c < 3; c++) assertEquals((n[c] + prior[c]) / (total + 1.0), v[c], 1e-12);
        assertEquals(total, v[3]);
        // An unseen key: the prior and a count of 0.
        double[] unseen = d.numericRow(row).clone();
        unseen[keys[0]] = -1;
        unseen[keys[1]] = -1;
        double[] u = ns.values(unseen);
        for (int c = 0; c < 3; c++) assertEquals(prior[c], u[c], 1e-12);
        assertEquals(0, u[3]);
    }
}
