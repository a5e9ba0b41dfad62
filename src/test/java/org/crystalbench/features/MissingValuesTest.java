package org.crystalbench.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.crystalbench.Fixtures;
import org.crystalbench.TestCli;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.config.DatasetSpec;
import org.crystalbench.data.CsvLoader;
import org.crystalbench.data.Dataset;
import org.crystalbench.evaluation.EncodedSplit;
import org.crystalbench.splits.Protocol;
import org.crystalbench.splits.Split;
import org.crystalbench.splits.SplitId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dataset.missing: impute fills in from the training rows only; drop-rows leaves rows out only where a column is used. */
class MissingValuesTest {
    @TempDir
    static Path dir;
    static Path data;
    static final int GAP = 2; // "Band Gap (eV)" among Fixtures.NUMERIC

    /** 60 synthetic rows; band gap blank on rows 0-5 (lines 2-7), Has Bandstructure 'NA' on row 10 (line 12). */
    @BeforeAll
    static void write() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Fixtures.syntheticCsv(dir, 60, 4)));
        for (int r = 0; r <= 10; r++) {
            if (r > 5 && r < 10) continue;
            String[] cells = lines.get(r + 1).split(",", -1);
            if (r <= 5) cells[5] = "";
            else cells[9] = "NA";
            lines.set(r + 1, String.join(",", cells));
        }
        data = Files.write(dir.resolve("missing.csv"), lines);
    }

    static Dataset load(String policy) throws IOException {
        Path c = Fixtures.config(data).missing(policy).write(dir, policy + ".yaml");
        return CsvLoader.load(data, ConfigLoader.load(c).dataset());
    }

    @Test
    void imputeUsesTheTrainingRowsMedianAndAddsAnIndicator() throws IOException {
        Dataset d = load("impute");
        assertEquals(60, d.size(), "no row dropped");
        assertTrue(Double.isNaN(d.numeric().get(0, GAP)));
        assertEquals(Dataset.MISSING_CATEGORY, d.categorical()[10][2]);

        int[] train = IntStream.range(0, 40).toArray();
        FeatureEncoder e = FeatureEncoder.fit(d, List.of("Band Gap (eV)", "Has Bandstructure"), train);
        assertEquals(List.of("Band Gap (eV)", "Band Gap (eV) missing", "Has Bandstructure=FALSE", "Has Bandstructure=TRUE",
                "Has Bandstructure=missing"), e.outputNames());
        double[] present = IntStream.range(6, 40).mapToDouble(r -> d.numeric().get(r, GAP)).toArray();
        double median = NumericScaling.median(present);
        // A missing cell encodes exactly as a present cell holding the training median, indicator apart.
        double[] filled = e.transform(d, 0), asMedian = e.transform(withGap(d.numericRow(0), median), d.categorical()[0]);
        assertEquals(asMedian[0], filled[0], 0.0);
        assertTrue(filled[1] > asMedian[1], "indicator set for the missing cell");
        assertEquals(0, e.inputColumns(0)[0]);
        assertArrayEquals(new int[] {0, 1}, e.inputColumns(0), "the indicator belongs to its column's input");

        // Fitted on training rows only: test rows' values do not move the median.
        double[][] shifted = d.numeric().toArrays();
        for (int r = 40; r < 60; r++) shifted[r] = withGap(d.numericRow(r), 1e6);
        Dataset other = new Dataset(d.source(), d.sha256(), d.ids(), d.numericNames(), shifted, d.categoricalNames(), d.categorical(),
                d.classes(), d.y(), d.lines(), d.rowsRead(), d.rowsDropped(), d.groups(), d.missing());
        assertArrayEquals(e.transform(d, 0), FeatureEncoder.fit(other, List.of("Band Gap (eV)", "Has Bandstructure"), train)
                .transform(other, 0), 0.0);

        // No missing cell among the training rows: no indicator, the same encoding as before impute existed.
        FeatureEncoder clean = FeatureEncoder.fit(d, List.of("Band Gap (eV)"), IntStream.range(6, 40).toArray());
        assertEquals(List.of("Band Gap (eV)"), clean.outputNames());
    }

    private static double[] withGap(double[] row, double v) {
        double[] out = row.clone();
        out[GAP] = v;
        return out;
    }

    @Test
    void dropRowsLeavesRowsOutOnlyOfTheFeatureSetsThatUseTheColumn() throws IOException {
        Dataset d = load("drop-rows");
        assertEquals(60, d.size(), "rows stay in the data set; each feature set decides");
        assertEquals(DatasetSpec.MissingPolicy.DROP_ROWS, d.missing());
        Split split = new Split(SplitId.of(Protocol.HOLDOUT, 0, 0), IntStream.range(0, 40).toArray(), IntStream.range(40, 60).toArray());
        assertEquals(40, EncodedSplit.of(d, List.of("Volume", "Nsites"), split).xTrain().length, "columns without gaps: every row");
        EncodedSplit gap = EncodedSplit.of(d, List.of("Volume", "Band Gap (eV)"), split);
        assertEquals(34, gap.xTrain().length, "the 6 rows without a band gap are left out");
        assertEquals(34, gap.split().train().length);
        assertEquals(33, EncodedSplit.of(d, List.of("Band Gap (eV)", "Has Bandstructure"), split).xTrain().length);
        assertEquals(List.of("feature set 'all': 7 of 60 rows have a missing cell in its columns, left out of its training and "
                + "test rows (drop-rows)"), d.missingNotes(java.util.Map.of("all", Fixtures.ALL, "numeric-only",
                List.of("Volume"))));
    }

    @Test
    void predictFillsInUnderImputeAndListsTheRowsItCannotPredictUnderDropRows() throws IOException {
        for (String policy : List.of("impute", "drop-rows")) {
            Path c = Fixtures.config(data).missing(policy).featureSets(Fixtures.sets("gap", List.of("Band Gap (eV)", "Volume",
                    "Has Bandstructure"))).write(dir, "p-" + policy + ".yaml");
            Path bundle = dir.resolve(policy + ".cbm");
            var t = TestCli.run("train", c.toString(), "--model", "LR", "--out", bundle.toString());
            assertEquals(0, t.code(), t.err());
            var p = TestCli.run("predict", "--model", bundle.toString(), "--data", data.toString());
            assertEquals(0, p.code(), p.err());
            if (policy.equals("impute")) {
                assertEquals(61, p.out().lines().count(), "every row predicted");
                assertTrue(t.err().contains(", 60 rows,"), t.err());
                assertTrue(p.err().contains("7 rows had missing cells, filled in as in training (dataset.missing: impute)"), p.err());
            } else {
                assertEquals(54, p.out().lines().count(), "the 7 rows with a gap are not predicted...");
                assertTrue(p.err().contains("7 rows not predicted: a missing cell in a column the model uses (trained with "
                        + "dataset.missing: drop-rows; 'impute' would predict them): line 2 (Band Gap (eV)), line 3"), p.err());
                assertTrue(p.err().contains("line 12 (Has Bandstructure)"), "...and listed: " + p.err());
                assertTrue(t.err().contains("7 of 60 rows read left out"), t.err());
                assertFalse(p.out().contains("syn-1,"), "row 0 (line 2) has no band gap");
            }
        }
    }
}
