package org.crystalbench.evaluation;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.crystalbench.Fixtures;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.models.Model;
import org.crystalbench.models.ModelSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scoring encodes the test rows a block at a time (issue 30, memory): never more than one block of encoded test rows
 * is handed to the model at once, and the predictions are the bits of predicting the whole encoded test set.
 */
class TestBlocksTest {
    @Test
    void testRowsAreEncodedAndPredictedOneBlockAtATime(@TempDir Path dir) throws Exception {
        Path data = Fixtures.syntheticCsv(dir, 12_000, 5);
        Path config = Fixtures.config(data.toAbsolutePath()).featureSets(Fixtures.NUMERIC_SET)
                .models("- {name: LR, type: logistic}\n- {name: NB, type: naive-bayes}")
                .protocols("holdout: {repeats: 1, test_ratio: 0.75}").write(dir, "c.yaml");
        Experiment exp = Experiment.prepare(ConfigLoader.load(config), config);
        EncodedSplit e = EncodedSplit.of(exp.data(), exp.config().featureSets().get("numeric"), exp.allSplits().get(0));
        int n = e.testSize(), k = e.classes();
        assertTrue(n > 2 * FitPath.TEST_BLOCK, n + " test rows: more than two blocks, the last one partial");
        double[][] whole = e.xTest();
        for (ModelSpec spec : exp.config().models()) {
            Model fitted = FitPath.fit(spec, FitPath.byName(exp.config().models()), e.xTrain(), e.yTrain(), k, name -> 7L,
                    FitPath.Memo.local());
            double[][] expected = new double[n][k];
            double[] got = new double[n * k];
            int[] expectedLabels = FitPath.predict(fitted, whole, expected);
            int[] maxHeld = {0}, seen = {0};
            Model watched = new Model() {
                public int classes() { return fitted.classes(); }
                public int predict(double[] x, double[] p) { return fitted.predict(x, p); }
                @Override public void predict(double[][] x, double[][] p, int[] labels, int from, int to) {
                    int held = 0;
                    for (double[] row : x) if (row != null) held++;
                    maxHeld[0] = Math.max(maxHeld[0], held);
                    for (int i = from; i < to; i++) assertArrayEquals(whole[seen[0] + i - from], x[i], "test row encoded");
                    seen[0] += to - from;
                    fitted.predict(x, p, labels, from, to);
                }
            };
            assertArrayEquals(expectedLabels, FitPath.predictTest(watched, e, got), spec.name());
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < k; c++) {
                    assertEquals(Double.doubleToRawLongBits(expected[i][c]), Double.doubleToRawLongBits(got[i * k + c]), spec.name());
                }
            }
            assertTrue(maxHeld[0] <= FitPath.TEST_BLOCK, maxHeld[0] + " encoded test rows held at once");
        }
    }
}
