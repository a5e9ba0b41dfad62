package org.crystalbench.evaluation;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import org.crystalbench.Fixtures;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.splits.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 30's memory work, guarded by structure and by allocation (not by timing): loaded rows share their
 * categorical cells, a split's results hold one flat probability array, and scoring one split allocates about
 * one encoded copy of its rows, not a copy of the data per split or per model (docs/performance.md "Memory").
 */
class RunMemoryTest {
    private static final int ROWS = 20_000;

    private static Experiment experiment(Path dir, String models) throws Exception {
        Path data = Fixtures.syntheticCsv(dir, ROWS, 3);
        Path config = Fixtures.config(data.toAbsolutePath()).featureSets(Fixtures.NUMERIC_SET).models(models)
                .protocols("holdout: {repeats: 3, test_ratio: 0.2}").write(dir, "c.yaml");
        return Experiment.prepare(ConfigLoader.load(config), config);
    }

    @Test
    void loadedRowsShareOneArrayPerDistinctCategoricalTuple(@TempDir Path dir) throws Exception {
        var d = experiment(dir, "- {name: NB, type: naive-bayes}").data();
        IdentityHashMap<String[], Boolean> arrays = new IdentityHashMap<>();
        java.util.Set<List<String>> tuples = new java.util.HashSet<>();
        for (String[] row : d.categorical()) {
            arrays.put(row, true);
            tuples.add(List.of(row));
        }
        // one array per distinct (Formula, Spacegroup, Has Bandstructure), far fewer than rows on synthetic data
        assertEquals(tuples.size(), arrays.size());
        assertTrue(arrays.size() < ROWS / 4, arrays.size() + " arrays for " + ROWS + " rows");
    }

    @Test
    void loadedRowsRetainAboutTheirNumbersAndIdBytes(@TempDir Path dir) throws Exception {
        var d = experiment(dir, "- {name: NB, type: naive-bayes}").data();
        int n = d.size(), width = d.numericNames().size();
        // the ids are the file's Materials Id cells, kept as UTF-8 bytes and one offset a row (data.RowIds), not a String each
        java.util.List<String> lines = java.nio.file.Files.readAllLines(Fixtures.syntheticCsv(dir, ROWS, 3));
        long idBytes = 0;
        for (int r = 0; r < n; r++) {
            String id = lines.get((int) d.lines()[r] - 1).split(",", 2)[0];
            assertEquals(id, d.ids().get(r));
            idBytes += id.length();
        }
        assertEquals(idBytes + 4L * (n + 1), d.ids().payloadBytes());
        // Retained per row: the numbers (8 bytes a cell in one array, data.NumericRows; a double[width] a row cost 20
        // bytes more), shared categorical tuples (a reference), the label and line (an int each), the id's bytes and
        // offset. With a String per id it was about 44 bytes more a row (docs/performance.md, issue 30).
        assertEquals(8L * n * width, d.numeric().payloadBytes());
        IdentityHashMap<Object, Boolean> arrays = new IdentityHashMap<>();
        long retained = d.ids().payloadBytes() + 4L * n + 4L * n + d.numeric().payloadBytes();
        for (String[] row : d.categorical()) if (arrays.put(row, true) == null) retained += 16 + 4L * row.length;
        retained += 4L * n;
        double perRow = (double) retained / n;
        assertTrue(perRow < 8 * width + 4 + 4 + 4 + 4 + 14 + 4, perRow + " bytes retained a row");
    }

    @Test
    void scoringASplitAllocatesAboutOneEncodedCopyOfItsRows(@TempDir Path dir) throws Exception {
        Experiment exp = experiment(dir, "- {name: NB, type: naive-bayes}");
        var models = org.crystalbench.run.Runner.models(exp); // NB and the chance baseline
        List<String> features = exp.config().featureSets().get("numeric");
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        Split first = exp.allSplits().get(0);
        FitPath.evaluateAll(models, exp.config().seed(), exp.data(), "numeric", features, first); // warm-up (class loading)
        for (Split split : exp.allSplits().subList(1, 3)) {
            long before = bean.getCurrentThreadAllocatedBytes();
            List<SplitResult> results = FitPath.evaluateAll(models, exp.config().seed(), exp.data(), "numeric", features, split);
            long allocated = bean.getCurrentThreadAllocatedBytes() - before;
            int k = exp.data().classes().size(), width = features.size();
            // One encoded copy of the split (a row array of `width` doubles per row: 16 bytes of header, 4 of reference)
            // plus, per model, predicted classes and the probabilities (per-row while scored, then one flat array).
            // The encoder's fit sorts one column of the training rows at a time for its median (missing cells' fill).
            long encoded = (long) ROWS * (16 + 4 + 8L * width) + (long) split.train().length * 8 * width;
            long perModel = (long) split.test().length * (4 + (16 + 4 + 8L * k) + 8L * k);
            long expected = encoded + models.size() * perModel;
            assertTrue(allocated < 1.6 * expected + (512 << 10), "scoring one split allocated " + allocated / 1024
                    + " KiB; one encoded copy and the predictions are " + expected / 1024 + " KiB");
            for (SplitResult r : results) assertEquals((long) r.testRows().length * k, r.probabilities().length, r.model());
        }
    }
}
