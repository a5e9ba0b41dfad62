package org.crystalbench.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crystalbench.Fixtures;
import org.crystalbench.TestCli;
import org.crystalbench.bundle.BundleZip;
import org.crystalbench.io.Json;
import org.crystalbench.metrics.Metric;
import org.crystalbench.results.GridTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** grid on synthetic rows, then {@code train --from-grid} from the command grid.md prints, then predict. */
class TrainFromGridTest {
    @TempDir
    static Path dir;
    static Path data, fresh, gridDir;
    static List<GridTable.Row> rows;

    static final String GRID = """
            grid:
              models:
                LR: {lambda: [100.0, 0.01, 1.0]}
                NB: {var_smoothing: [1.0e-9, 1.0e-1]}
            """;

    @BeforeAll
    static void grid() throws IOException {
        data = Fixtures.writeSynthetic(dir.resolve("train.csv"), 150, 31);
        fresh = Fixtures.writeSynthetic(dir.resolve("new.csv"), 30, 32);
        Path config = GridFixtures.config(dir, "grid.yaml", data, 2, 3, GRID);
        gridDir = dir.resolve("g");
        var g = TestCli.run("grid", config.toString(), "--out", gridDir.toString(), "--threads", "1", "-q");
        assertEquals(0, g.code(), g.err());
        rows = GridTable.read(gridDir.resolve(GridTable.FILE));
    }

    /** grid.csv's point with the highest mean macro F1 among the model's complete points: the expected winner. */
    static GridTable.Row best(String model) {
        return rows.stream().filter(r -> r.model().equals(model) && r.ok())
                .max(Comparator.comparingDouble(r -> r.stat(Metric.MACRO_F1).mean())).orElseThrow();
    }

    static JsonNode manifest(Path bundle) throws IOException {
        return Json.MAPPER.readTree(BundleZip.entry(bundle, "bundle.json"));
    }

    @Test
    void theCommandGridMdPrintsTrainsEachModelsBestPointAndRecordsIt() throws IOException {
        String md = Files.readString(gridDir.resolve("grid.md"));
        Matcher m = Pattern.compile("crystal-bench train --from-grid (\\S+) --out (\\S+)\\n").matcher(md);
        assertTrue(m.find(), md);
        assertEquals(gridDir.toString(), m.group(1));
        Path out = Path.of(m.group(2));
        var t = TestCli.run("train", "--from-grid", m.group(1), "--out", m.group(2));
        assertEquals(0, t.code(), t.err());
        for (String model : List.of("LR", "NB")) {
            GridTable.Row want = best(model);
            JsonNode grid = manifest(out.resolve(model + ".cbm")).path("grid");
            assertEquals(want.pointId(), grid.path("point_id").asString(), model);
            assertEquals(want.paramHash(), grid.path("param_hash").asString());
            assertEquals(gridDir.toString(), grid.path("folder").asString());
            assertEquals("macro_f1", grid.path("metric").asString());
            assertEquals(want.stat(Metric.MACRO_F1).mean(), grid.path("value").asDouble(), 1e-5);
            assertEquals(6, grid.path("splits").asInt());
            want.params().forEach((k, v) -> assertEquals(Double.parseDouble(v), grid.path("params").path(k).asDouble(), 0, k));
        }
        // The grid was built so that the first point is not the best (lambda 100 underfits).
        assertFalse(best("LR").pointId().equals("LR-000"), "fixture: LR-000 should not win");
    }

    /** The bundle of the winner predicts exactly as 'train CONFIG --model' on a config whose base spec is that point. */
    @Test
    void theWinnersBundleIsTheSameModelAsTrainingThePointFromAConfig() throws IOException {
        GridTable.Row want = best("LR");
        Path out = dir.resolve("one");
        var t = TestCli.run("train", "--from-grid", gridDir.toString(), "--model", "LR", "--out", out.toString());
        assertEquals(0, t.code(), t.err());
        try (var files = Files.list(out)) {
            assertEquals(List.of(out.resolve("LR.cbm")), files.toList(), "--model: only that model's bundle");
        }
        String models = GridFixtures.MODELS.replace("lambda: 0.1", "lambda: " + want.params().get("lambda"));
        Path config = GridFixtures.config(dir, "point.yaml", data, 2, 3, models, GRID);
        Path direct = dir.resolve("direct.cbm");
        var d = TestCli.run("train", config.toString(), "--model", "LR", "--feature-set", "numeric", "--out", direct.toString());
        assertEquals(0, d.code(), d.err());
        var a = TestCli.run("predict", "--model", out.resolve("LR.cbm").toString(), "--data", fresh.toString());
        var b = TestCli.run("predict", "--model", direct.toString(), "--data", fresh.toString());
        assertEquals(0, a.code(), a.err());
        assertEquals(30 + 1, a.out().lines().count(), a.out());
        assertEquals(b.out(), a.out());
    }

    /**
     * Over several feature sets the winner is the best of each set's best, in the metric's direction (Ranking.better;
     * a grid ranks by label metrics only, all higher-is-better, so that is the highest mean macro F1).
     */
    @Test
    void theWinnerIsTheBestOfEachFeatureSetsBest() throws IOException {
        Path config = Fixtures.config(data.toAbsolutePath()).name("test-grid").featureSets(Fixtures.ALL_AND_NUMERIC_ONLY)
                .protocols("cv: {repeats: 2, folds: 3}").models(GridFixtures.MODELS).append("""
                        grid:
                          models:
                            LR: {lambda: [100.0, 0.01]}
                        """).write(dir, "sets.yaml");
        Path g = dir.resolve("sets");
        var run = TestCli.run("grid", config.toString(), "--out", g.toString(), "--threads", "1", "-q");
        assertEquals(0, run.code(), run.err());
        Comparator<GridTable.Row> byF1 = Comparator.comparingDouble(r -> r.stat(Metric.MACRO_F1).mean());
        var bestPerSet = GridTable.read(g.resolve(GridTable.FILE)).stream().filter(r -> r.model().equals("LR") && r.ok())
                .collect(java.util.stream.Collectors.groupingBy(GridTable.Row::featureSet, java.util.stream.Collectors.maxBy(byF1)))
                .values().stream().map(java.util.Optional::orElseThrow).sorted(byF1.reversed()).toList();
        assertEquals(2, bestPerSet.size());
        assertTrue(byF1.compare(bestPerSet.get(0), bestPerSet.get(1)) > 0, "fixture: the feature sets' bests differ");
        GridBest.Winner w = GridBest.of(g, "LR", null, null).winners().getFirst();
        assertEquals(bestPerSet.getFirst().featureSet(), w.featureSet());
        assertEquals(bestPerSet.getFirst().pointId(), w.point().id());
    }

    @Test
    void aPointIdTrainsThatPoint() throws IOException {
        Path out = dir.resolve("point");
        var t = TestCli.run("train", "--from-grid", gridDir.toString(), "--model", "LR-000", "--out", out.toString());
        assertEquals(0, t.code(), t.err());
        assertEquals("LR-000", manifest(out.resolve("LR-000.cbm")).path("grid").path("point_id").asString());
        assertEquals(100.0, manifest(out.resolve("LR-000.cbm")).path("model").path("spec").path("lambda").asDouble());
    }

    @Test
    void badFoldersAndNamesAreOneLineAndWriteNothing() throws IOException {
        Path out = dir.resolve("never");
        var notGrid = TestCli.run("train", "--from-grid", dir.toString(), "--out", out.toString());
        assertEquals(2, notGrid.code());
        assertEquals(dir + ": --from-grid: not a grid folder (no grid-meta.json); give the --out folder of 'grid' or 'merge'",
                notGrid.err().strip().replaceFirst("^crystal-bench: error: ", ""));
        var unknown = TestCli.run("train", "--from-grid", gridDir.toString(), "--model", "RF", "--out", out.toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("'RF' is not a model of this grid (models: LR, NB;"), unknown.err());
        var both = TestCli.run("train", "x.yaml", "--from-grid", gridDir.toString(), "--out", out.toString());
        assertEquals(2, both.code());
        assertTrue(both.err().contains("not both"), both.err());

        // An unfinished grid: a copy of the folder with its journal's last line gone.
        Path part = dir.resolve("part");
        Files.createDirectories(part);
        try (var files = Files.list(gridDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, part.resolve(f.getFileName()));
        }
        List<String> lines = Files.readAllLines(part.resolve("journal.jsonl"));
        Files.write(part.resolve("journal.jsonl"), lines.subList(0, lines.size() - 1));
        var unfinished = TestCli.run("train", "--from-grid", part.toString(), "--out", out.toString());
        assertEquals(2, unfinished.code());
        assertTrue(unfinished.err().contains("the grid is not finished (1 work units to run)"), unfinished.err());
        assertEquals(1, unfinished.err().strip().lines().count(), unfinished.err());
        assertFalse(Files.exists(out), "nothing written");
    }
}
