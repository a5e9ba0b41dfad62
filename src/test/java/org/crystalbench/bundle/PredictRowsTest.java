package org.crystalbench.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.crystalbench.Fixtures;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.data.CsvLoader;
import org.crystalbench.data.Dataset;
import org.crystalbench.features.FeatureEncoder;
import org.crystalbench.models.BaseModelSpec;
import org.crystalbench.models.Model;
import org.crystalbench.models.ModelSpec;
import org.crystalbench.models.VotingSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * `predict` goes through each model's batch path a block of rows at a time ({@link Predictor#predictRows}): the same
 * labels and probability bits as predicting row by row, over more rows than one block.
 */
class PredictRowsTest {
    @TempDir
    static Path dir;

    /** The threads the batch calls of {@link #batchOnly} ran on. */
    static final List<String> threadNames = java.util.Collections.synchronizedList(new ArrayList<>());

    static final String MODELS = """
            - {name: LR, type: logistic, lambda: 0.1, max_iter: 100}
            - {name: NB, type: naive-bayes}
            - {name: RF, type: random-forest, trees: 20}
            - {name: GBT, type: gradient-boosting, trees: 10}
            - {name: Voting-soft, type: voting, members: [LR, NB, RF], rule: soft}
            - {name: DNN, type: mlp, hidden: [16, 8], epochs: 3, batch: 16, engine: gemm}
            - {name: SVM, type: svm, sigma: 3.0, C: 1.0}
            """;

    @ParameterizedTest
    @ValueSource(strings = {"LR", "NB", "RF", "GBT", "Voting-soft", "DNN", "SVM"})
    void theBatchPathGivesTheRowByRowBits(String name) throws IOException {
        Path train = Fixtures.writeSynthetic(dir.resolve("train.csv"), 150, 21);
        Path fresh = Fixtures.writeSynthetic(dir.resolve("new.csv"), 2 * Predictor.BLOCK + 37, 22); // blocks end mid-file
        ExperimentConfig cfg = ConfigLoader.load(Fixtures.config(train).models(MODELS).write(dir, "batch.yaml"));
        Dataset data = CsvLoader.load(train, cfg.dataset());
        int[] all = IntStream.range(0, data.size()).toArray();
        FeatureEncoder encoder = FeatureEncoder.fit(data, cfg.featureSets().values().iterator().next(), all);
        int k = data.classes().size();
        Model model = fit(cfg, spec(cfg, name), encoder.transform(data, all), data.y(), k);
        Dataset rows = CsvLoader.load(fresh, cfg.dataset(), false);
        int n = rows.size();

        List<int[]> blocks = new ArrayList<>();
        double[][] p = new double[n][k];
        int[] labels = new int[n];
        Predictor.predictRows(batchOnly(model, blocks), encoder, rows, p, labels, 1);

        assertEquals(List.of("0-4096", "4096-8192", "8192-" + n), blocks.stream().map(b -> b[0] + "-" + b[1]).toList());
        for (int r = 0; r < n; r++) {
            double[] expected = new double[k];
            assertEquals(model.predict(encoder.transform(rows, r), expected), labels[r], "row " + r);
            assertArrayEquals(expected, p[r], 0.0, "row " + r); // delta 0: the same bits
        }

        // the harness's threads: the same blocks, shared out to three threads, give every row the same bits
        List<int[]> threaded = java.util.Collections.synchronizedList(new ArrayList<>());
        threadNames.clear();
        double[][] p3 = new double[n][k];
        int[] labels3 = new int[n];
        Predictor.predictRows(batchOnly(model, threaded), encoder, rows, p3, labels3, 3);
        assertEquals(List.of("0-4096", "4096-8192", "8192-" + n), threaded.stream().sorted(java.util.Comparator.comparingInt(b -> b[0]))
                .map(b -> b[0] + "-" + b[1]).toList());
        assertArrayEquals(labels, labels3);
        assertEquals(List.of("predict"), threadNames.stream().distinct().toList(), "the blocks ran on the pool's threads");
        for (int r = 0; r < n; r++) assertArrayEquals(p[r], p3[r], 0.0, "row " + r);
    }

    /** {@code model} whose batch calls are recorded and whose row-by-row path must not be taken. */
    private static Model batchOnly(Model model, List<int[]> blocks) {
        return new Model() {
            @Override
            public int classes() {
                return model.classes();
            }

            @Override
            public int predict(double[] x, double[] probabilities) {
                throw new AssertionError("predicted row by row");
            }

            @Override
            public void predict(double[][] x, double[][] probabilities, int[] labels, int from, int to) {
                blocks.add(new int[] {from, to});
                threadNames.add(Thread.currentThread().getName());
                model.predict(x, probabilities, labels, from, to);
            }
        };
    }

    private static ModelSpec spec(ExperimentConfig cfg, String name) {
        return cfg.models().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    private static Model fit(ExperimentConfig cfg, ModelSpec spec, double[][] x, int[] y, int k) {
        return switch (spec) {
            case BaseModelSpec base -> base.fit(x, y, k, org.crystalbench.splits.Seeds.trainAll(cfg.seed(), base.name()));
            case VotingSpec v -> v.combine(v.members().stream().map(m -> fit(cfg, spec(cfg, m), x, y, k)).toList());
        };
    }
}
