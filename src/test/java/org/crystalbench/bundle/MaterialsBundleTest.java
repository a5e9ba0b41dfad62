package org.crystalbench.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.crystalbench.Fixtures;
import org.crystalbench.TestCli;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.data.CsvLoader;
import org.crystalbench.data.Dataset;
import org.crystalbench.features.FeatureEncoder;
import org.crystalbench.models.Model;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * train / predict with composition descriptors (with the cell descriptors and the fitted neighbour shares) and the tree
 * ensembles: same numbers as in process, new elements flagged.
 */
class MaterialsBundleTest {
    @TempDir
    static Path dir;
    static Path train, fresh, config;
    static ExperimentConfig cfg;

    static final String MODELS = """
            - {name: RF, type: random-forest, trees: 20}
            - {name: GBT, type: gradient-boosting, trees: 10}
            - {name: LR, type: logistic}
            - {name: Vote, type: voting, members: [RF, GBT, LR], rule: soft}
            """;

    @BeforeAll
    static void data() throws IOException {
        train = Fixtures.writeSynthetic(dir.resolve("train.csv"), 120, 21);
        // New candidates: one with nickel, an element the training rows never had.
        List<String> lines = new ArrayList<>(Files.readAllLines(Fixtures.writeSynthetic(dir.resolve("raw.csv"), 25, 22)));
        String[] cells = lines.get(1).split(",", -1);
        cells[1] = "Li2Ni(SiO4)";
        lines.set(1, String.join(",", cells));
        fresh = Files.write(dir.resolve("new.csv"), lines);
        config = Fixtures.config(train).derived(Fixtures.COMPOSITION).models(MODELS)
                .featureSets(Fixtures.sets("descriptors", List.of("Band Gap (eV)", "element fractions", "element properties",
                        "formula units per cell", "volume per atom", "Has Bandstructure", "cell descriptors", "neighbour shares")))
                .write(dir, "m.yaml");
        cfg = ConfigLoader.load(config);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RF", "GBT", "Vote"})
    void bundlePredictionsAreTheInProcessOnesAndANewElementIsFlagged(String name) throws IOException {
        Path bundle = dir.resolve(name + ".cbm"), out = dir.resolve(name + ".csv");
        var t = TestCli.run("train", config.toString(), "--model", name, "--out", bundle.toString());
        assertEquals(0, t.code(), t.err());
        var p = TestCli.run("predict", "--model", bundle.toString(), "--data", fresh.toString(), "--out", out.toString());
        assertEquals(0, p.code(), p.err());

        Manifest m = BundleFile.read(bundle).manifest();
        assertTrue(m.encodedColumns().containsAll(List.of("fraction Li", "fraction Fe", "mean electronegativity", "volume per atom")),
                m.encodedColumns().toString());
        assertTrue(m.encodedColumns().stream().noneMatch(c -> c.equals("fraction Ni")));
        // The neighbour shares travel in the bundle: their counts are the training rows', encoded for new rows.
        assertTrue(m.encodedColumns().containsAll(List.of("sites 2-adic", "neighbour prototype count")), m.encodedColumns().toString());

        List<String> features = cfg.featureSets().get("descriptors");
        Dataset data = CsvLoader.load(train, cfg.dataset());
        int[] all = IntStream.range(0, data.size()).toArray();
        FeatureEncoder encoder = FeatureEncoder.fit(data, features, all);
        Model model = Trainer.fit(cfg.models().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(), cfg,
                encoder.transformTraining(data, all), data.y(), data.classes());
        Dataset rows = CsvLoader.load(fresh, cfg.dataset(), false);

        List<CSVRecord> csv;
        try (var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(Files.newBufferedReader(out))) {
            csv = parser.getRecords();
        }
        assertEquals(rows.size(), csv.size());
        for (int r = 0; r < rows.size(); r++) {
            // In process the prediction rows carry the file's own fraction columns: align them by name.
            double[] numeric = new double[data.numericNames().size()];
            for (int j = 0; j < numeric.length; j++) {
                int at = rows.numericNames().indexOf(data.numericNames().get(j));
                numeric[j] = at < 0 ? 0 : rows.numeric().get(r, at);
            }
            double[] expected = new double[3];
            int label = model.predict(encoder.transform(numeric, rows.categorical()[r]), expected);
            CSVRecord rec = csv.get(r);
            assertEquals(data.classes().get(label), rec.get("predicted"), "row " + r);
            double[] got = data.classes().stream().mapToDouble(c -> Double.parseDouble(rec.get("p_" + c))).toArray();
            assertArrayEquals(expected, got, 0.0, "row " + r);
            assertEquals(r == 0 ? "true" : "false", rec.get("unseen_category"), "row " + r);
        }
    }
}
