package org.crystalbench.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.crystalbench.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * The encoder reads each row's cells out of the shared numeric store (data.NumericRows) into one buffer reused row
 * after row: every row of a batch encodes as that row alone does, with NaN cells (filled, indicated) among them.
 */
class EncoderStoreTest {
    @Test
    void batchesEncodeEachRowAsItsOwnTransform() {
        double[][] num = {{1, 5}, {3, Double.NaN}, {5, 6}, {100, -7}, {-2, 0.5}, {7, 8}};
        String[][] cat = {{"P1"}, {"Pc"}, {"P1"}, {"Cc"}, {"Pc"}, {"P1"}};
        int n = num.length;
        Dataset d = new Dataset("mem", "", org.crystalbench.data.RowIds.of(new String[n]), List.of("a", "b"), num, List.of("sg"),
                cat, List.of("x", "y"), new int[n], new int[n], n, 0, java.util.Map.of(),
                org.crystalbench.config.DatasetSpec.MissingPolicy.IMPUTE);
        int[] train = {4, 0, 1, 2};
        var enc = FeatureEncoder.fit(d, List.of("a", "b", "sg"), train);
        double[][] training = enc.transformTraining(d, train);
        for (int i = 0; i < train.length; i++) assertArrayEquals(enc.transform(num[train[i]], cat[train[i]]), training[i], "row " + train[i]);
        int[] rows = {5, 3, 1, 3};
        double[][] batch = enc.transform(d, rows);
        for (int i = 0; i < rows.length; i++) assertArrayEquals(enc.transform(num[rows[i]], cat[rows[i]]), batch[i], "row " + rows[i]);
    }
}
