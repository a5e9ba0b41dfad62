package org.crystalbench.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.crystalbench.Fixtures;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.data.CsvLoader;
import org.crystalbench.data.Dataset;
import org.crystalbench.features.FeatureEncoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compact training rows (issue 30) are the encoder's rows, value for value, and logistic regression and naive
 * Bayes fitted on them give the same bits as on {@code double[][]} rows (the code before them, DenseLogisticLoss):
 * one-hot columns, was-missing indicators, a missing category, and rows that are all zeros.
 */
class TrainingRowsTest {
    @TempDir
    static Path dir;
    static Dataset data;
    static final int[] TRAIN = IntStream.range(0, 150).toArray();

    /** 200 synthetic rows, band gap blank on every 7th (an indicator column), Has Bandstructure 'NA' on every 11th. */
    @BeforeAll
    static void load() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Fixtures.syntheticCsv(dir, 200, 5)));
        for (int r = 0; r < 200; r++) {
            String[] cells = lines.get(r + 1).split(",", -1);
            if (r % 7 == 0) cells[5] = "";
            if (r % 11 == 0) cells[9] = "NA";
            lines.set(r + 1, String.join(",", cells));
        }
        Path file = Files.write(dir.resolve("gaps.csv"), lines);
        data = CsvLoader.load(file, ConfigLoader.load(Fixtures.config(file).missing("impute").write(dir, "c.yaml")).dataset());
    }

    static FeatureEncoder encoder() {
        return FeatureEncoder.fit(data, Fixtures.ALL, TRAIN);
    }

    @Test
    void compactRowsAreTheEncodedRows() {
        FeatureEncoder e = encoder();
        TrainingRows rows = e.trainingRows(data, TRAIN);
        assertTrue(e.outputNames().contains("Band Gap (eV) missing"), "an indicator column");
        assertEquals(Fixtures.NUMERIC.size() + 1, rows.d(), "numeric columns and the indicator dense");
        assertEquals(Fixtures.CATEGORICAL.size(), rows.m(), "one level per categorical column");
        assertArrayEquals(e.transformTraining(data, TRAIN), rows.rows());
        assertSame(rows.rows(), rows.rows(), "built once");
        assertTrue(rows.dense().stored(), "a copy far below a sixteenth of the heap is stored");
        assertTrue(!e.trainingRows(data, TRAIN, false).dense().stored(), "asked for: computed");
        // blocks of rows (no humongous array), the same rows when cut into blocks again
        TrainingRows small = TrainingRows.of(3000, 5, 5, new double[3000 * 5], 0, new int[0]), two = TrainingRows.of(4000, 5, 5, new double[4000 * 5], 0, new int[0]);
        assertEquals(TrainingRows.blockRows(5, 0), small.block());
        assertEquals(List.of(3276, 3000 * 5), List.of(small.block(), small.reader().dense(0).length));
        assertEquals(List.of(1, 2, 724 * 5), List.of(small.levels().length, two.levels().length, two.reader().dense(1).length));
    }

    /**
     * The encoder's rows computed from the shared store a block at a time (no copy a lane; a small heap): over several blocks,
     * with the training rows out of order and repeated, with and without was-missing indicators (the general and the
     * gathering path), they are the rows {@code transformTraining} writes, and LR and NB fitted on them give the same
     * bits as on those rows stored.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void rowsComputedFromTheStoreAreTheEncodedRowsAcrossBlocks(boolean indicators) {
        int[] train = IntStream.range(0, 9000).map(i -> (i * 37) % 200).filter(r -> indicators || r % 7 != 0).toArray();
        FeatureEncoder e = FeatureEncoder.fit(data, Fixtures.ALL, train);
        TrainingRows rows = e.trainingRows(data, train, false);
        assertEquals(indicators, e.outputNames().contains("Band Gap (eV) missing"));
        assertTrue(rows.levels().length >= 3, "several blocks");
        double[][] x = e.transformTraining(data, train);
        assertArrayEquals(x, rows.rows());
        assertArrayEquals(x, e.trainingRows(data, train, true).rows(), "stored: the same rows");
        // missing cells where the encoder saw none (no indicator): filled in with the median, cell by cell
        int[] gaps = IntStream.range(0, 9000).map(i -> (i * 37) % 200).toArray();
        assertArrayEquals(e.transformTraining(data, gaps), e.trainingRows(data, gaps, false).rows(), "missing cells filled");
        TrainingRows.Reader reader = rows.reader();
        for (int r = rows.size() - 1; r >= 0; r -= 997) { // blocks reached out of order are refilled
            int b = r / rows.block();
            assertEquals(x[r][rows.d() - 1], reader.dense(b)[(r - b * rows.block()) * rows.d() + rows.d() - 1]);
        }
        int[] y = new int[rows.size()];
        for (int i = 0; i < y.length; i++) y[i] = data.y()[train[i]];
        TrainingRows stored = TrainingRows.of(x);
        LogisticSpec lr = new LogisticSpec("LR", 0.1, null, 20);
        int k = data.classes().size();
        assertArrayEquals(lr.fitModel(stored, y, k).model().w(), lr.fitModel(rows, y, k).model().w());
        var nb = new NaiveBayesSpec("NB", null);
        assertArrayEquals(((GaussianNbModel) nb.fit(stored, y, k, 1)).variance(), ((GaussianNbModel) nb.fit(rows, y, k, 1)).variance());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5}) // binomial; one block of four scores; two blocks
    void lossAndGradientAreTheSameBitsAsOverDenseRows(int classes) {
        TrainingRows rows = withZeroRows(encoder().trainingRows(data, TRAIN));
        double[][] x = rows.rows();
        int[] y = new int[rows.size()];
        for (int r = 0; r < y.length; r++) y[r] = data.y()[r % data.size()] % classes;
        int k = LogisticModel.scores(classes), n = (rows.width() + 1) * LogisticModel.stride(k);
        var rnd = new java.util.Random(classes);
        for (int trial = 0; trial < 3; trial++) {
            double[] w = new double[n], g = new double[n], expected = new double[n];
            for (int i = 0; i < n; i++) w[i] = trial == 0 || i % LogisticModel.stride(k) >= k ? 0 : rnd.nextGaussian();
            double f = classes == 2 ? LogisticLoss.binomial(rows, y, 0.1, w, g) : LogisticLoss.multinomial(rows, y, k, 0.1, w, g);
            double want = classes == 2 ? DenseLogisticLoss.binomial(x, y, 0.1, w, expected)
                    : DenseLogisticLoss.multinomial(x, y, k, 0.1, w, expected);
            assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(f), "loss");
            assertArrayEquals(expected, g, "gradient");
        }
        LogisticSpec spec = new LogisticSpec("LR", 0.1, null, null);
        assertArrayEquals(spec.fitModel(TrainingRows.of(x), y, classes).model().w(), spec.fitModel(rows, y, classes).model().w());
    }

    @Test
    void naiveBayesIsTheSameModel() {
        TrainingRows rows = withZeroRows(encoder().trainingRows(data, TRAIN));
        int[] y = new int[rows.size()];
        for (int r = 0; r < y.length; r++) y[r] = data.y()[r % data.size()];
        var spec = new NaiveBayesSpec("NB", null);
        var a = (GaussianNbModel) spec.fit(rows, y, data.classes().size(), 1);
        var b = (GaussianNbModel) spec.fit(rows.rows(), y, data.classes().size(), 1);
        assertArrayEquals(b.logPrior(), a.logPrior());
        assertArrayEquals(b.mean(), a.mean());
        assertArrayEquals(b.variance(), a.variance());
        assertArrayEquals(b.logConstant(), a.logConstant());
    }

    @Test
    void naiveBayesIsTheSameModelAcrossBlocks() {
        // 20,000 rows of 2 dense columns and 2 one-hot groups (columns 2-4 and 5-7, some rows without one): 3 blocks
        int n = 20_000, d = 2, m = 2, width = 8;
        java.util.Random random = new java.util.Random(7);
        double[] dense = new double[n * d];
        int[] levels = new int[n * m];
        int[] y = new int[n];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) dense[r * d + j] = random.nextInt(10) == 0 ? 0 : random.nextGaussian();
            levels[r * m] = 2 + random.nextInt(3);
            levels[r * m + 1] = random.nextInt(4) == 0 ? -1 : 5 + random.nextInt(3);
            y[r] = random.nextInt(3);
        }
        TrainingRows rows = TrainingRows.of(n, width, d, dense, m, levels);
        assertTrue(rows.levels().length >= 3, "several blocks");
        var spec = new NaiveBayesSpec("NB", null);
        var a = (GaussianNbModel) spec.fit(rows, y, 3, 1);
        var b = (GaussianNbModel) spec.fit(rows.rows(), y, 3, 1);
        assertArrayEquals(b.mean(), a.mean());
        assertArrayEquals(b.variance(), a.variance());
        assertArrayEquals(b.logConstant(), a.logConstant());
    }

    @Test
    void logisticNaiveBayesAndTheBaselineDoNotBuildTheRowObjects() throws Exception {
        TrainingRows rows = encoder().trainingRows(data, TRAIN);
        int[] y = java.util.Arrays.copyOf(data.y(), rows.size());
        int k = data.classes().size();
        for (BaseModelSpec spec : List.of(new LogisticSpec("LR", null, null, 5), new NaiveBayesSpec("NB", null),
                new ChanceSpec("Chance", null))) {
            spec.fit(rows, y, k, 1);
        }
        var field = TrainingRows.Materialised.class.getDeclaredField("rows");
        field.setAccessible(true);
        assertTrue(field.get(rows.cache()) == null, "no double[][] built: a run of LR and NB holds only the compact rows");
    }

    /** The rows with three all-zero rows appended (no dense value, no level), a fresh cache. */
    static TrainingRows withZeroRows(TrainingRows t) {
        int n = t.size() + 3;
        double[][] blocks = new double[t.levels().length][];
        for (int b = 0; b < blocks.length; b++) {
            blocks[b] = java.util.Arrays.copyOf(t.reader().dense(b), (Math.min(t.size(), (b + 1) * t.block()) - b * t.block()) * t.d());
        }
        double[] dense = flat(blocks, n * t.d());
        int[] levels = java.util.Arrays.copyOf(flat(t.levels()), n * t.m());
        java.util.Arrays.fill(levels, t.size() * t.m(), levels.length, -1);
        return TrainingRows.of(n, t.width(), t.d(), dense, t.m(), levels);
    }

    static double[] flat(double[][] blocks, int length) {
        double[] out = new double[length];
        int at = 0;
        for (double[] b : blocks) {
            System.arraycopy(b, 0, out, at, b.length);
            at += b.length;
        }
        return out;
    }

    static int[] flat(int[][] blocks) {
        return java.util.Arrays.stream(blocks).flatMapToInt(java.util.Arrays::stream).toArray();
    }
}
