package org.crystalbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.crystalbench.Fixtures;
import org.crystalbench.TestCli;
import org.crystalbench.metrics.Metric;
import org.crystalbench.metrics.Scores;
import org.crystalbench.results.PredictionsTable;
import org.crystalbench.results.SplitsTable;
import org.crystalbench.splits.Protocol;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole `run` command on generated data: files, shapes, and determinism across thread counts. */
class RunEndToEndTest {
    @TempDir
    static Path dir;
    static Path config;

    @BeforeAll
    static void setUp() throws IOException {
        Path csv = Fixtures.syntheticCsv(dir, 150, 5);
        config = Fixtures.config(csv).write(dir, "test.yaml"); // the defaults: every model type, holdout and cv
    }

    static Path run(String name, int threads) {
        Path out = dir.resolve(name);
        var r = TestCli.run("run", config.toString(), "--out", out.toString(), "--threads", Integer.toString(threads), "--quiet");
        assertEquals(0, r.code(), r.err());
        return out;
    }

    /** splits.csv without the timing columns (fit_ms, predict_ms: the 14th and 15th), which legitimately vary. */
    static List<String> metricColumns(Path out) throws IOException {
        return Files.readAllLines(out.resolve("splits.csv")).stream().map(l -> {
            List<String> cells = new java.util.ArrayList<>(List.of(l.split(",")));
            assertEquals(19, cells.size(), l);
            cells.subList(13, 15).clear();
            return String.join(",", cells);
        }).toList();
    }

    @Test
    void aTableThatCannotBeWrittenLeavesNoneOfTheOthers() throws IOException {
        Path out = dir.resolve("blocked");
        Files.createDirectories(out.resolve("summary.csv")); // a folder where a table must go: it cannot be written
        Files.writeString(out.resolve("summary.csv").resolve("keep"), "x\n");
        var r = TestCli.run("run", config.toString(), "--out", out.toString(), "--quiet");
        assertEquals(3, r.code(), r.err());
        try (var files = Files.list(out)) {
            assertEquals(List.of("summary.csv"), files.map(p -> p.getFileName().toString()).toList(), "all tables or none");
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".writing-")), "no staging left behind");
        }
    }

    @Test
    void writesEveryTableWithTheContractedShape() throws IOException {
        Path out = run("one", 2);
        for (String f : List.of("splits.csv", "summary.csv", "summary.md", "splits-manifest.csv", "per-class.csv", "confusion.csv")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        List<String> splits = Files.readAllLines(out.resolve("splits.csv"));
        assertEquals("feature_set,protocol,model,repeat,fold,accuracy,balanced_accuracy,macro_precision,"
                + "macro_recall,macro_f1,paper_f1,train_size,test_size,fit_ms,predict_ms,log_loss,brier,roc_auc_ovr,ece", splits.get(0));
        // 2 feature sets x (3 holdout + 2x3 cv) splits x (6 models + the chance baseline)
        assertEquals(1 + 2 * 9 * 7, splits.size());
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(1 + 2 * 2 * 7, summary.size());
        assertTrue(summary.get(0).startsWith("feature_set,protocol,model,n,accuracy_mean,accuracy_sd"), summary.get(0));
        List<String> manifest = Files.readAllLines(out.resolve("splits-manifest.csv"));
        // the original columns first; then (appended) the test part's class counts and, with groups, its shared groups
        assertEquals("protocol,repeat,fold,train_size,test_size,test_hash,test_class_counts,test_groups,test_rows_group_in_train",
                manifest.get(0));
        assertEquals(1 + 9, manifest.size());
        String[] first = manifest.get(1).split(",");
        assertEquals(150, Integer.parseInt(first[3]) + Integer.parseInt(first[4]));
        assertTrue(Math.abs(Integer.parseInt(first[4]) - 30) <= 2, manifest.get(1)); // 0.2 of each class, rounded
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("| Model | Macro P | Macro R | Macro F1 | Accuracy | vs best (macro F1) |"), md);
        // No reference block: no paper F1 and no study wording in the Markdown; the CSVs keep the column.
        String report = Files.readString(out.resolve("report.md"));
        for (String text : List.of(md, report)) {
            assertFalse(text.contains("Paper F1") || text.contains("paper F1"), text);
            assertFalse(text.toLowerCase(java.util.Locale.ROOT).contains("study"), text);
        }
        assertTrue(splits.get(0).contains(",paper_f1,"), splits.get(0));
        // The leaking feature set separates the classes almost perfectly on synthetic data too
        // (counted first: allMatch over no rows would pass).
        List<Double> leakyF1 = splits.stream().filter(l -> l.startsWith("all,holdout,LR,")).map(l -> Double.parseDouble(l.split(",")[9])).toList();
        assertEquals(3, leakyF1.size());
        assertTrue(leakyF1.stream().allMatch(f1 -> f1 > 0.9), leakyF1.toString());
    }

    /** predictions.csv.gz holds every test row of every split and model; splits.csv's scores follow from it. */
    @Test
    void outOfFoldPredictionsReproduceTheSplitScores() throws IOException {
        Path out = run("pred", 2);
        var table = PredictionsTable.read(out.resolve(PredictionsTable.FILE));
        List<SplitsTable.Row> splits = SplitsTable.read(out.resolve(SplitsTable.FILE));
        assertEquals(splits.stream().mapToInt(SplitsTable.Row::testSize).sum(), table.rows().size());
        assertEquals(List.of("monoclinic", "orthorhombic", "triclinic"), table.classes());
        // every CV repeat predicts each row exactly once per feature set and model
        var cv = table.rows().stream().filter(r -> r.protocol() == Protocol.CV && r.repeat() == 0
                && r.featureSet().equals("all") && r.model().equals("LR")).map(PredictionsTable.Row::id).toList();
        assertEquals(150, cv.size());
        assertEquals(150, new java.util.HashSet<>(cv).size());
        assertTrue(cv.stream().allMatch(id -> id.startsWith("syn-")), "the data's id column: " + cv.getFirst());
        int checked = 0;
        for (SplitsTable.Row s : splits) {
            var rows = table.rows().stream().filter(r -> r.featureSet().equals(s.featureSet()) && r.protocol() == s.protocol()
                    && r.model().equals(s.model()) && r.repeat() == s.repeat() && r.fold() == s.fold()).toList();
            int[] truth = rows.stream().mapToInt(r -> table.classes().indexOf(r.trueClass())).toArray();
            int[] predicted = rows.stream().mapToInt(r -> table.classes().indexOf(r.predictedClass())).toArray();
            double[][] p = rows.stream().map(r -> r.probabilities().stream().mapToDouble(d -> d).toArray()).toArray(double[][]::new);
            Scores again = Scores.of(truth, predicted, p, 3);
            assertEquals(s.scores().get(Metric.MACRO_F1), Metric.MACRO_F1.of(again), 1e-5, s.toString());
            for (Metric m : Metric.PROBABILITY) { // splits.csv keeps 6 significant digits; the file, every digit
                assertEquals(s.scores().get(m), m.of(again), 1e-5 * Math.max(1, Math.abs(m.of(again))), m + " " + s);
            }
            checked++;
        }
        assertEquals(2 * 9 * 7, checked); // 6 models and the chance baseline
        assertTrue(Files.readString(out.resolve("report.md")).contains("figures/reliability-all-holdout.png"));

        Path none = dir.resolve("none");
        var r = TestCli.run("run", config.toString(), "--out", none.toString(), "--no-predictions", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(none.resolve(PredictionsTable.FILE)));
        assertTrue(Files.readString(none.resolve("report.md")).contains("predictions.csv.gz not found: no reliability diagrams"));
    }

    /**
     * The run's report takes its reliability diagrams from the predictions in memory, `report` from predictions.csv.gz:
     * report.md and every figure the same bytes either way.
     */
    @Test
    void theRunsReportIsTheReportOfItsFiles() throws IOException {
        Path out = run("memory", 2);
        java.util.Map<String, byte[]> written = reportFiles(out);
        assertTrue(new String(written.get("report.md"), java.nio.charset.StandardCharsets.UTF_8)
                .contains("figures/reliability-all-cv.png"));
        assertTrue(written.keySet().stream().filter(f -> f.startsWith("figures/reliability-")).count() >= 4, written.keySet().toString());
        org.crystalbench.report.Report.write(out); // as `report` does: every table read back from the folder
        java.util.Map<String, byte[]> read = reportFiles(out);
        assertEquals(written.keySet(), read.keySet());
        written.forEach((f, bytes) -> assertTrue(Arrays.equals(bytes, read.get(f)), f));
    }

    /** report.md and figures/*, by their path in the folder. */
    private static java.util.Map<String, byte[]> reportFiles(Path out) throws IOException {
        java.util.Map<String, byte[]> files = new java.util.TreeMap<>();
        files.put("report.md", Files.readAllBytes(out.resolve("report.md")));
        try (var figures = Files.list(out.resolve("figures"))) {
            for (Path f : figures.toList()) files.put("figures/" + f.getFileName(), Files.readAllBytes(f));
        }
        return files;
    }

    @Test
    void sameSeedSameNumbersWhateverTheThreadCount() throws IOException {
        List<String> one = metricColumns(run("t1", 1));
        List<String> three = metricColumns(run("t3", 3));
        assertEquals(one, three);
        List<String> s1 = Files.readAllLines(dir.resolve("t1/summary.csv")).stream()
                .map(l -> String.join(",", Arrays.copyOf(l.split(","), 16))).toList();
        List<String> s3 = Files.readAllLines(dir.resolve("t3/summary.csv")).stream()
                .map(l -> String.join(",", Arrays.copyOf(l.split(","), 16))).toList();
        assertEquals(s1, s3);
        // the leakage audit runs on the same threads (one feature per task): the same table
        assertEquals(Files.readString(dir.resolve("t1/audit.csv")), Files.readString(dir.resolve("t3/audit.csv")));
    }
}
