package org.crystalbench.grid;

import org.crystalbench.grid.fit.UnitEvaluator;
import org.crystalbench.grid.plan.GridPlan;
import org.crystalbench.grid.plan.GridSplits;

import org.crystalbench.splits.Protocol;
import org.crystalbench.splits.SplitId;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.metrics.Scores;
import org.crystalbench.evaluation.Experiment;
import org.crystalbench.splits.Split;
import org.crystalbench.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NestedCvTest {
    @TempDir
    Path dir;
    Path config;

    static final String GRID = """
            grid:
              models:
                LR: {lambda: [0.001, 0.1, 10.0]}
                NB: {}
              nested:
                outer: {repeats: 2, folds: 3}
                inner: {repeats: 1, folds: 3}
            """;

    @BeforeEach
    void setUp() throws Exception {
        config = GridFixtures.config(dir, "grid.yaml", Fixtures.syntheticCsv(dir, 120, 11), 2, 3, GRID);
    }

    @Test
    void innerSplitsUseOnlyOuterTrainingRows() {
        var cfg = ConfigLoader.load(config);
        GridPlan plan = GridPlan.of(cfg, config);
        Experiment exp = Experiment.prepare(cfg, config);
        Map<SplitId, Split> splits = GridSplits.make(plan.config(), exp.data(), exp.splits(Protocol.CV));
        assertEquals(plan.splits(), List.copyOf(splits.keySet()));
        int outers = 0;
        for (var e : splits.entrySet()) {
            if (!e.getKey().protocol().equals(Protocol.INNER)) continue;
            Split outer = splits.get(e.getKey().outerId());
            int[] inner = IntStream.concat(Arrays.stream(e.getValue().train()), Arrays.stream(e.getValue().test())).sorted().toArray();
            assertArrayEquals(outer.train(), inner, e.getKey().label()); // inner train + test = the outer training rows
            for (int t : outer.test()) assertTrue(Arrays.binarySearch(inner, t) < 0);
            outers++;
        }
        assertEquals(6 * 3, outers);
    }

    @Test
    void theChoiceIsMadeOnInnerFoldsAndScoredOnTheOuterFold() throws Exception {
        // Inner scores favour LR-000; outer scores favour LR-002. An honest nested estimate is LR-000's outer score.
        Path out = dir.resolve("out");
        var r = GridFixtures.run(GridFixtures.request(config, out), c -> u -> {
            int idx = u.point().index();
            double good = switch (u.split().protocol()) {
                case Protocol.INNER -> idx == 0 ? 0.9 : 0.5;
                case Protocol.OUTER -> idx == 2 ? 0.95 : 0.6 + 0.01 * u.split().fold();
                default -> 0.5;
            };
            return new UnitEvaluator.Result(scores(good), 80, 40, List.of());
        });
        assertEquals(0, r.status().code());
        List<String> nested = Files.readAllLines(out.resolve("nested.csv"));
        assertEquals(4, nested.size()); // LR, NB and the selection over both
        List<String> header = List.of(nested.getFirst().split(","));
        String[] lr = nested.get(1).split(",");
        assertEquals("LR", lr[1]);
        assertEquals("6", lr[header.indexOf("n")]);
        assertEquals("LR-000:6", lr[header.indexOf("chosen_points")]);
        double accuracy = Double.parseDouble(lr[header.indexOf("accuracy_mean")]);
        assertEquals(scores(0.61).accuracy(), accuracy, 0.02); // folds 0..2 of 0.60 + 0.01 f, never LR-002's 0.95
        assertTrue(Files.readString(out.resolve("grid.md")).contains("## Nested cross-validation"));
    }

    @Test
    void nestedCvRunsOnRealModels() throws Exception {
        Path out = dir.resolve("real");
        var r = GridFixtures.run(GridFixtures.request(config, out));
        assertEquals(0, r.status().code());
        assertEquals(4L * (6 + 6 + 6 * 3), r.counts().expected()); // 4 points x (cv + outer + inner)
        List<String> nested = Files.readAllLines(out.resolve("nested.csv"));
        assertEquals(4, nested.size(), "header, LR, NB and the selection: " + nested); // else the loop below checks nothing
        List<String> header = List.of(nested.getFirst().split(","));
        for (String row : nested.subList(1, nested.size())) {
            String[] cells = row.split(",");
            assertEquals("6", cells[header.indexOf("n")]);
            double f1 = Double.parseDouble(cells[header.indexOf("macro_f1_mean")]);
            double lo = Double.parseDouble(cells[header.indexOf("macro_f1_ci_low")]), hi = Double.parseDouble(cells[header.indexOf("macro_f1_ci_high")]);
            assertTrue(lo <= f1 && f1 <= hi && f1 > 0 && f1 <= 1, row);
        }
    }

    @Test
    void theSelectionOverModelsIsScoredOnTheOuterFoldOfThePointChosenOnInnerFolds() throws Exception {
        // Inner folds favour NB (0.8) over every LR point (0.5-0.7); outer folds favour LR-001. The selection over
        // models must report NB's outer score, and say it chose NB on every outer split.
        Path out = dir.resolve("sel");
        var r = GridFixtures.run(GridFixtures.request(config, out), c -> u -> {
            boolean nb = u.point().model().equals("NB");
            double good = switch (u.split().protocol()) {
                case Protocol.INNER -> nb ? 0.8 : 0.5 + 0.1 * u.point().index();
                case Protocol.OUTER -> nb ? 0.62 : u.point().index() == 1 ? 0.97 : 0.5;
                default -> 0.5;
            };
            return new UnitEvaluator.Result(scores(good), 80, 40, List.of());
        });
        assertEquals(0, r.status().code());
        List<String> nested = Files.readAllLines(out.resolve("nested.csv"));
        List<String> header = List.of(nested.getFirst().split(","));
        String[] sel = nested.getLast().split(",");
        assertEquals(org.crystalbench.grid.results.GridTables.ANY_FEATURE_SET, sel[0]);
        assertEquals(org.crystalbench.grid.results.GridTables.SELECTED_MODEL, sel[1]);
        assertEquals("6", sel[header.indexOf("n")]);
        assertTrue(sel[header.indexOf("chosen_points")].matches("[^;]+/NB-000:6"), sel[header.indexOf("chosen_points")]);
        assertEquals(scores(0.62).accuracy(), Double.parseDouble(sel[header.indexOf("accuracy_mean")]), 1e-9);
        assertTrue(Files.readString(out.resolve("grid.md")).contains("(selected)"));
    }

    @Test
    void outerSplitsCanBeRepeatedHoldouts() throws Exception {
        Path cfgFile = GridFixtures.config(dir, "holdout.yaml", Fixtures.syntheticCsv(dir, 120, 11), 2, 3,
                GRID.replace("outer: {repeats: 2, folds: 3}", "outer: {repeats: 4, test_ratio: 0.25}"));
        var cfg = ConfigLoader.load(cfgFile);
        GridPlan plan = GridPlan.of(cfg, cfgFile);
        Experiment exp = Experiment.prepare(cfg, cfgFile);
        Map<SplitId, Split> splits = GridSplits.make(plan.config(), exp.data(), exp.splits(Protocol.CV));
        assertEquals(plan.splits(), List.copyOf(splits.keySet()));
        List<Split> outer = splits.values().stream().filter(s -> s.id().protocol() == Protocol.OUTER).toList();
        assertEquals(4, outer.size());
        for (Split o : outer) {
            assertTrue(Math.abs(o.test().length - 30) <= 2, "a quarter of 120 rows, rounded per class: " + o.test().length);
            long inner = splits.keySet().stream().filter(k -> k.protocol() == Protocol.INNER && k.outerId().equals(o.id())).count();
            assertEquals(3, inner);
        }
        assertFalse(Arrays.equals(outer.get(0).test(), outer.get(1).test()));
        var both = assertThrows(Exception.class, () -> ConfigLoader.load(GridFixtures.config(dir, "both.yaml",
                Fixtures.syntheticCsv(dir, 120, 11), 2, 3, GRID.replace("outer: {repeats: 2, folds: 3}",
                        "outer: {repeats: 4, folds: 3, test_ratio: 0.25}"))));
        assertTrue(both.getMessage().contains("folds or test_ratio, not both"), both.getMessage());
    }

    /** Scores of 100 test rows, 3 classes, with about {@code accuracy} right. */
    static Scores scores(double accuracy) {
        int right = (int) Math.round(accuracy * 100);
        int[] truth = new int[100], predicted = new int[100];
        for (int i = 0; i < 100; i++) {
            truth[i] = i % 3;
            predicted[i] = i < right ? truth[i] : (truth[i] + 1) % 3;
        }
        return Scores.of(truth, predicted, 3);
    }
}
