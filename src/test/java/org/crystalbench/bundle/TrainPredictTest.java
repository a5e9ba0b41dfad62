package org.crystalbench.bundle;

import static org.crystalbench.bundle.BundleZip.entry;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.data.CsvLoader;
import org.crystalbench.data.Dataset;
import org.crystalbench.features.FeatureEncoder;
import org.crystalbench.metrics.Scores;
import org.crystalbench.models.BaseModelSpec;
import org.crystalbench.models.Model;
import org.crystalbench.models.ModelSpec;
import org.crystalbench.models.VotingSpec;
import org.crystalbench.Fixtures;
import org.crystalbench.TestCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** train then predict through the CLI gives exactly what fitting and predicting in-process gives. */
class TrainPredictTest {
    @TempDir
    static Path dir;
    static Path train, fresh, config;
    static ExperimentConfig cfg;

    @BeforeAll
    static void data() throws IOException {
        train = Fixtures.writeSynthetic(dir.resolve("train.csv"), 120, 11);
        fresh = Fixtures.writeSynthetic(dir.resolve("new.csv"), 40, 12); // other rows: new candidate materials
        config = Fixtures.studyLike(train).write(dir, "tiny.yaml");
        cfg = ConfigLoader.load(config);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DNN", "SVM", "SVM-linear", "LR", "NB", "Voting", "Voting-soft"})
    void predictionsFromTheBundleAreBitForBitTheInProcessOnes(String name) throws IOException {
        Path bundle = dir.resolve(name + ".cbm"), out = dir.resolve(name + ".csv");
        var t = TestCli.run("train", config.toString(), "--model", name, "--feature-set", "no-spacegroup",
                "--out", bundle.toString());
        assertEquals(0, t.code(), t.err());
        var p = TestCli.run("predict", "--model", bundle.toString(), "--data", fresh.toString(), "--out", out.toString());
        assertEquals(0, p.code(), p.err());
        assertEquals("", p.out(), "with --out, nothing goes to stdout");

        // In-process, from the core API only: encoder on all rows of the full-schema data, then the fit.
        List<String> features = cfg.featureSets().get("no-spacegroup");
        Dataset data = CsvLoader.load(train, cfg.dataset());
        int[] all = IntStream.range(0, data.size()).toArray();
        FeatureEncoder encoder = FeatureEncoder.fit(data, features, all);
        Model model = fit(spec(name), encoder.transform(data, all), data.y(), data.classes().size());
        Dataset rows = CsvLoader.load(fresh, cfg.dataset(), false);

        List<CSVRecord> csv = read(out);
        assertEquals(List.of("Materials Id", "predicted", "p_monoclinic", "p_orthorhombic", "p_triclinic", "unseen_category",
                "unseen_elements", "out_of_range"),
                csv.getFirst().getParser().getHeaderNames());
        assertEquals(rows.size(), csv.size());
        for (int r = 0; r < rows.size(); r++) {
            double[] expected = new double[data.classes().size()];
            int label = model.predict(encoder.transform(rows, r), expected);
            CSVRecord rec = csv.get(r);
            assertEquals(rows.ids().get(r), rec.get("Materials Id"));
            assertEquals(data.classes().get(label), rec.get("predicted"), "row " + r);
            double[] got = data.classes().stream().mapToDouble(c -> Double.parseDouble(rec.get("p_" + c))).toArray();
            assertArrayEquals(expected, got, 0.0, "row " + r + " probabilities"); // delta 0: exact
            assertEquals("false", rec.get("unseen_category"));
        }
    }

    @Test
    void trainingIsReproducibleAndTheManifestRecordsProvenance() throws IOException {
        Path a = dir.resolve("a.cbm"), b = dir.resolve("b.cbm");
        assertEquals(0, TestCli.run("train", config.toString(), "--model", "DNN", "--out", a.toString()).code());
        assertEquals(0, TestCli.run("train", config.toString(), "--model", "DNN", "--out", b.toString()).code());
        assertArrayEquals(entry(a, "model.bin"), entry(b, "model.bin"), "same config and data, same fitted model");

        Manifest m = BundleFile.read(a).manifest();
        assertEquals("no-spacegroup", m.featureSet().name(), "default feature set: the config's first");
        assertEquals(org.crystalbench.io.Hashing.sha256(train), m.training().dataSha256());
        assertEquals(org.crystalbench.io.Hashing.sha256(config), m.training().configSha256());
        assertEquals(120, m.training().rowsUsed());
        assertEquals(List.of("monoclinic", "orthorhombic", "triclinic"), m.classes());
        assertEquals("mlp", m.model().type());
        assertEquals(20, m.model().spec().path("epochs").asInt());
        assertEquals(List.of(16, 8), m.model().spec().path("hidden").valueStream().map(n -> n.asInt()).toList());
        assertEquals("6.3.0", m.versions().smile());
        assertEquals(List.of("Formula", "Has Bandstructure"), m.schema().categorical());
    }

    @Test
    void votingManifestListsItsMembers() {
        Path file = dir.resolve("v.cbm");
        assertEquals(0, TestCli.run("train", config.toString(), "--model", "Voting-soft", "--feature-set", "numeric-only",
                "--out", file.toString()).code());
        Manifest m = BundleFile.read(file).manifest();
        assertEquals(List.of("svm", "logistic", "naive-bayes"), m.model().members().stream().map(n -> n.path("type").asString()).toList());
        assertEquals("soft", m.model().spec().path("rule").asString());
        assertEquals(List.of("Band Gap (eV)", "Nsites", "Volume"), m.schema().numeric(), "only the feature set's columns");
        assertEquals(List.of(), m.schema().categorical());
    }

    @Test
    void warnsWhenAFeatureDeterminesTheLabel() {
        var leaky = TestCli.run("train", config.toString(), "--model", "NB", "--feature-set", "paper",
                "--out", dir.resolve("leaky.cbm").toString());
        assertEquals(0, leaky.code());
        assertTrue(leaky.err().contains("warning: feature set 'paper': column 'Spacegroup' determines 'Crystal System'"), leaky.err());
        assertFalse(leaky.err().contains("column 'Formula' determines"), leaky.err());
        var clean = TestCli.run("train", config.toString(), "--model", "NB", "--feature-set", "no-spacegroup",
                "--out", dir.resolve("clean.cbm").toString());
        assertEquals(0, clean.code());
        assertFalse(clean.err().contains("warning"), clean.err());
    }

    @Test
    void unseenCategoriesAreFlaggedPerRow() throws IOException {
        Path bundle = dir.resolve("lr.cbm");
        assertEquals(0, TestCli.run("train", config.toString(), "--model", "LR", "--feature-set", "no-spacegroup",
                "--out", bundle.toString()).code());
        // Row 3 of the new file gets a formula no training row has.
        List<String> lines = Files.readAllLines(fresh);
        String[] cells = lines.get(3).split(",");
        cells[1] = "Li9Zz4SiO4";
        lines.set(3, String.join(",", cells));
        Path edited = dir.resolve("unseen.csv");
        Files.write(edited, lines);

        var p = TestCli.run("predict", "--model", bundle.toString(), "--data", edited.toString());
        assertEquals(0, p.code(), p.err());
        List<CSVRecord> csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(p.out())).getRecords();
        assertEquals(40, csv.size(), "one prediction per row");
        for (int r = 0; r < csv.size(); r++) {
            assertEquals(r == 2 ? "true" : "false", csv.get(r).get("unseen_category"), "row " + r);
        }
        assertTrue(p.err().contains("1 rows have a category unseen in training"), p.err());
    }

    @Test
    void metricsArePrintedWhenTheTargetIsPresentAndOnlyThen() throws IOException {
        Path bundle = dir.resolve("nb.cbm");
        assertEquals(0, TestCli.run("train", config.toString(), "--model", "NB", "--feature-set", "no-spacegroup",
                "--out", bundle.toString()).code());
        var p = TestCli.run("predict", "--model", bundle.toString(), "--data", fresh.toString(), "--out",
                dir.resolve("nb.csv").toString());
        assertEquals(0, p.code(), p.err());
        var prediction = Predictor.predict(BundleFile.read(bundle), fresh);
        Dataset rows = CsvLoader.load(fresh, cfg.dataset());
        assertArrayEquals(rows.y(), prediction.truth(), "the file has all three classes, so indexes agree");
        Scores s = Scores.of(rows.y(), prediction.predicted(), 3);
        String expected = String.format(Locale.ROOT, "metrics on 40 labelled rows ('Crystal System'), macro averages over "
                        + "the model's 3 classes (all present in the labels): accuracy %.4f, "
                        + "macro precision %.4f, macro recall %.4f, macro F1 %.4f",
                s.accuracy(), s.macroPrecision(), s.macroRecall(), s.macroF1());
        assertTrue(p.err().contains(expected), p.err() + "\nexpected: " + expected);
        assertFalse(p.err().contains("over all"), "every class is present: one line");
        assertFalse(p.err().contains("resubstitution"), "a new file is not the training file");

        // Rows of one class only: averaged over that class, and over all three (absent ones score 0), both shown.
        List<String> lines = Files.readAllLines(fresh);
        String only = lines.get(1).substring(lines.get(1).lastIndexOf(',') + 1);
        Path subset = dir.resolve("subset.csv");
        Files.write(subset, java.util.stream.Stream.concat(Stream.of(lines.getFirst()),
                lines.stream().skip(1).filter(l -> l.endsWith("," + only))).toList());
        var sub = TestCli.run("predict", "--model", bundle.toString(), "--data", subset.toString());
        assertEquals(0, sub.code(), sub.err());
        int[] truth = Predictor.predict(BundleFile.read(bundle), subset).truth();
        int[] predicted = Predictor.predict(BundleFile.read(bundle), subset).predicted();
        Scores over3 = Scores.of(truth, predicted, 3), over1 = Scores.ofPresent(over3.confusion());
        assertEquals(over1.macroF1() / 3, over3.macroF1(), 1e-12, "the absent classes' F1 of 0 count only over all 3");
        assertTrue(sub.err().contains(String.format(Locale.ROOT, "macro averages over the 1 of the model's 3 classes present in "
                + "the labels: accuracy %.4f, macro precision %.4f, macro recall %.4f, macro F1 %.4f", over1.accuracy(),
                over1.macroPrecision(), over1.macroRecall(), over1.macroF1())), sub.err());
        assertTrue(sub.err().contains(String.format(Locale.ROOT, "the same over all 3 classes of the model (an absent class "
                + "scores 0): accuracy %.4f, macro precision %.4f, macro recall %.4f, macro F1 %.4f", over3.accuracy(),
                over3.macroPrecision(), over3.macroRecall(), over3.macroF1())), sub.err());

        var onTrain = TestCli.run("predict", "--model", bundle.toString(), "--data", train.toString());
        assertTrue(onTrain.err().contains("this is the training file"), onTrain.err());

        // Without the target column: predictions, no metrics.
        Path unlabelled = dir.resolve("unlabelled.csv");
        Files.write(unlabelled, Files.readAllLines(fresh).stream()
                .map(l -> l.substring(0, l.lastIndexOf(','))).toList());
        var q = TestCli.run("predict", "--model", bundle.toString(), "--data", unlabelled.toString());
        assertEquals(0, q.code(), q.err());
        assertFalse(q.err().contains("metrics"), q.err());
        assertEquals(41, q.out().lines().count());
        assertNull(Predictor.predict(BundleFile.read(bundle), unlabelled).scores());
    }

    @Test
    void aPartlyEmptyTargetColumnIsPredictedAndScoredOnTheLabelledRows() throws IOException {
        Path bundle = dir.resolve("nb-partial.cbm");
        assertEquals(0, TestCli.run("train", config.toString(), "--model", "NB", "--feature-set", "no-spacegroup",
                "--out", bundle.toString()).code());
        List<String> lines = new ArrayList<>(Files.readAllLines(fresh));
        for (int i = 1; i <= 10; i++) lines.set(i, lines.get(i).substring(0, lines.get(i).lastIndexOf(',') + 1)); // 10 unknown
        Path partial = Files.write(dir.resolve("partial.csv"), lines);
        var p = TestCli.run("predict", "--model", bundle.toString(), "--data", partial.toString());
        assertEquals(0, p.code(), p.err());
        assertEquals(41, p.out().lines().count(), "every row predicted");
        var prediction = Predictor.predict(BundleFile.read(bundle), partial);
        var all = Predictor.predict(BundleFile.read(bundle), fresh);
        assertArrayEquals(all.predicted(), prediction.predicted());
        int[] rows = IntStream.range(10, 40).toArray();
        Scores expected = Scores.of(IntStream.of(rows).map(r -> all.truth()[r]).toArray(),
                IntStream.of(rows).map(r -> all.predicted()[r]).toArray(), 3);
        assertEquals(expected.macroF1(), prediction.scores().macroF1());
        assertTrue(p.err().contains("metrics on 30 labelled rows"), p.err());
    }

    @Test
    void idColumnsAreCopiedOneColumnEachOrTheLineNumberWhenThereAreNone() throws IOException {
        Path two = Fixtures.studyLike(train).idColumns("[Materials Id, Spacegroup]").write(dir, "two-ids.yaml");
        Path bundle = dir.resolve("two-ids.cbm");
        assertEquals(0, TestCli.run("train", two.toString(), "--model", "NB", "--out", bundle.toString()).code());
        var p = TestCli.run("predict", "--model", bundle.toString(), "--data", fresh.toString());
        assertEquals(0, p.code(), p.err());
        List<String> lines = p.out().lines().toList();
        assertTrue(lines.get(0).startsWith("Materials Id,Spacegroup,predicted,"), lines.get(0));
        String[] first = Files.readAllLines(fresh).get(1).split(",");
        assertTrue(lines.get(1).startsWith(first[0] + "," + first[2] + ","), lines.get(1));

        // An id cell holding the separator cannot be split back: rejected, naming the line.
        List<String> rows = new ArrayList<>(Files.readAllLines(fresh));
        rows.set(2, rows.get(2).replaceFirst("^syn-2,", "syn|2,"));
        Path piped = dir.resolve("piped.csv");
        Files.write(piped, rows);
        var bad = TestCli.run("predict", "--model", bundle.toString(), "--data", piped.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains(piped + ":3: id columns: an id cell contains '|'"), bad.err());
        assertEquals("", bad.out());

        Path none = Fixtures.studyLike(train).idColumns("[]").write(dir, "no-ids.yaml");
        Path bundle2 = dir.resolve("no-ids.cbm");
        assertEquals(0, TestCli.run("train", none.toString(), "--model", "NB", "--out", bundle2.toString()).code());
        var q = TestCli.run("predict", "--model", bundle2.toString(), "--data", fresh.toString());
        assertEquals(0, q.code(), q.err());
        List<String> out = q.out().lines().toList();
        assertTrue(out.get(0).startsWith("line,predicted,"), out.get(0));
        assertTrue(out.get(1).startsWith("2,") && out.get(40).startsWith("41,"), out.get(1) + " / " + out.get(40));
    }

    private static ModelSpec spec(String name) {
        return cfg.models().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    private static Model fit(ModelSpec spec, double[][] x, int[] y, int k) {
        return switch (spec) {
            case BaseModelSpec base -> base.fit(x, y, k, org.crystalbench.splits.Seeds.trainAll(cfg.seed(), base.name()));
            case VotingSpec v -> v.combine(v.members().stream().map(m -> fit(spec(m), x, y, k)).toList());
        };
    }

    private static List<CSVRecord> read(Path csv) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(Files.readString(csv))).getRecords();
    }
}
