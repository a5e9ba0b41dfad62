package org.crystalbench.grid.plan;

import org.crystalbench.grid.GridFixtures;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.crystalbench.InputException;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.models.LogisticSpec;
import org.crystalbench.models.MlpSpec;
import org.crystalbench.models.SvmSpec;
import org.crystalbench.models.VotingSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridPlanTest {
    @TempDir
    Path dir;

    GridPlan plan(String grid) throws Exception {
        Path cfg = GridFixtures.config(dir, "c.yaml", dir.resolve("none.csv"), 2, 3, grid);
        return GridPlan.of(ConfigLoader.load(cfg), cfg);
    }

    @Test
    void cartesianProductOverridesTheBaseSpec() throws Exception {
        GridPlan p = plan("""
                grid:
                  models:
                    SVM: {C: [0.1, 1, 10, 100], sigma: [0.5, 1, 2]}
                    NB: {}
                """);
        assertEquals(13, p.points().size());
        assertEquals(6, p.splits().size());
        assertEquals(13 * 6, p.units().size());
        GridPoint last = p.pointsOf("SVM").getLast();
        SvmSpec s = (SvmSpec) last.spec();
        assertEquals(100.0, s.c());
        assertEquals(2.0, s.sigma().value());
        assertEquals(1e-3, s.tol()); // the base spec's other keys are kept
        assertEquals(Map.of("C", 100.0, "sigma", 2.0), last.params());
        assertEquals("SVM-011", last.id());
        assertEquals(1, p.pointsOf("NB").size());
        assertEquals(13, p.points().stream().map(GridPoint::hash).distinct().count());
    }

    @Test
    void unknownHyperparameterIsBadInputNamingModelAndKey() {
        var e = assertThrows(InputException.class, () -> plan("""
                grid:
                  models:
                    LR: {lambda: [0.1], gamma: [1, 2]}
                """));
        assertTrue(e.getMessage().contains("grid.models.LR.gamma"), e.getMessage());
        assertTrue(e.getMessage().contains("'LR'"), e.getMessage());
        var bad = assertThrows(InputException.class, () -> plan("""
                grid:
                  models:
                    LR: {lambda: [0.1, -1]}
                """));
        assertTrue(bad.getMessage().contains("lambda"), bad.getMessage());
        assertThrows(InputException.class, () -> plan("grid:\n  models:\n    LR: {name: [a, b]}\n"));
        assertThrows(InputException.class, () -> plan("grid:\n  models:\n    Nope: {}\n"));
        assertThrows(InputException.class, () -> plan("grid:\n  metric: f2\n  models:\n    LR: {}\n"));
        assertThrows(InputException.class, () -> plan("grid:\n  feature_sets: [nope]\n  models:\n    LR: {}\n"));
    }

    @Test
    void unknownGridKeyInYamlIsRejectedWithLine() {
        var e = assertThrows(InputException.class, () -> plan("grid:\n  modles:\n    LR: {}\n"));
        assertTrue(e.getMessage().contains("c.yaml") && e.getMessage().contains("grid.modles"), e.getMessage());
        var scalar = assertThrows(InputException.class, () -> plan("grid:\n  models:\n    LR: {lambda: 0.1}\n"));
        assertTrue(scalar.getMessage().contains("must be a list"), scalar.getMessage());
    }

    @Test
    void samplingIsSeededWithinRangesAndLogUniformOverDecades() throws Exception {
        String grid = """
                grid:
                  models:
                    LR: {sample: 40, ranges: {lambda: [1.0e-4, 10.0]}, max_iter: [100, 200]}
                """;
        GridPlan a = plan(grid), b = plan(grid);
        assertEquals(a.points(), b.points());
        List<Double> lambdas = a.points().stream().map(p -> ((LogisticSpec) p.spec()).lambda()).toList();
        assertTrue(lambdas.stream().allMatch(l -> l >= 1e-4 && l <= 10));
        // log-uniform: about a fifth of the draws fall in each decade, so some are below 1e-2
        assertTrue(lambdas.stream().filter(l -> l < 1e-2).count() >= 5, lambdas.toString());
        assertTrue(a.points().stream().allMatch(p -> List.of(100, 200).contains(((LogisticSpec) p.spec()).maxIter())));
        assertTrue(a.points().size() > 30); // duplicates (if any) dropped
    }

    @Test
    void integerHyperparametersAreSampledWhole() throws Exception {
        Path cfg = GridFixtures.config(dir, "c.yaml", dir.resolve("none.csv"), 2, 3,
                GridFixtures.MODELS + "- {name: DNN, type: mlp, hidden: [8], epochs: 5}\n", """
                grid:
                  models:
                    DNN: {sample: 5, ranges: {epochs: [3, 9], weight_decay: [0.0, 0.01]}, hidden: [[4], [8, 4]]}
                """);
        GridPlan p = GridPlan.of(ConfigLoader.load(cfg), cfg);
        assertEquals(5, p.points().size()); // else the loop below checks nothing
        for (GridPoint g : p.points()) {
            MlpSpec m = (MlpSpec) g.spec();
            assertTrue(m.epochs() >= 3 && m.epochs() <= 9);
            assertTrue(m.weightDecay() >= 0 && m.weightDecay() <= 0.01);
            assertTrue(m.hidden().equals(List.of(4)) || m.hidden().equals(List.of(8, 4)));
        }
        // The spec's int field would silently truncate a fractional draw, so check the draw itself: whole
        // numbers, rounded (both ends reachable; truncation would almost never give 9).
        var rng = new java.util.SplittableRandom(1);
        var drawn = new java.util.TreeSet<Object>();
        for (int i = 0; i < 200; i++) drawn.add(GridPlan.draw(rng, 3, 9, true));
        assertEquals(java.util.Set.of(3, 4, 5, 6, 7, 8, 9), drawn);
    }

    @Test
    void votingIsGriddedOverWeightsAndMembers() throws Exception {
        GridPlan p = plan("""
                grid:
                  models:
                    Voting: {members: [[LR, NB, SVM]], weights: [[1, 1, 1], [2, 1, 1]], rule: [hard, soft]}
                """);
        assertEquals(4, p.points().size());
        assertEquals(List.of(2.0, 1.0, 1.0), ((VotingSpec) p.points().get(2).spec()).weights());
        var e = assertThrows(InputException.class, () -> plan("""
                grid:
                  models:
                    Voting: {members: [[LR, NB], [LR, Voting]]}
                """));
        assertTrue(e.getMessage().contains("Voting"), e.getMessage());
        var sizes = assertThrows(InputException.class, () -> plan("""
                grid:
                  models:
                    Voting: {members: [[LR, NB]]}
                """));
        assertTrue(sizes.getMessage().contains("weights"), sizes.getMessage()); // base weights are for 3 members
    }

    @Test
    void configHashIgnoresTheDataPathButNotTheGrid() throws Exception {
        Path a = GridFixtures.config(dir, "a.yaml", dir.resolve("x.csv"), 2, 3, GridFixtures.SMALL_GRID);
        Path b = GridFixtures.config(dir, "b.yaml", dir.resolve("y.csv"), 2, 3, GridFixtures.SMALL_GRID);
        Path c = GridFixtures.config(dir, "c.yaml", dir.resolve("x.csv"), 2, 3, GridFixtures.SMALL_GRID.replace("1.0]", "2.0]"));
        assertEquals(ConfigLoader.load(a).hash(), ConfigLoader.load(b).hash());
        assertNotEquals(ConfigLoader.load(a).hash(), ConfigLoader.load(c).hash());
    }

    @Test
    void treeEnsemblesAreSearchedLikeAnyModel() throws Exception {
        Path cfg = GridFixtures.config(dir, "t.yaml", dir.resolve("none.csv"), 1, 3, """
                - {name: RF, type: random-forest, trees: 10}
                - {name: GBT, type: gradient-boosting, trees: 10}
                - {name: Vote, type: voting, members: [RF, GBT], rule: soft}
                """, """
                grid:
                  models:
                    RF: {mtry: [1, 2], split_rule: [gini, entropy], node_size: [1, 5]}
                    GBT: {shrinkage: [0.05, 0.1], max_nodes: [4, 8]}
                """);
        GridPlan p = GridPlan.of(ConfigLoader.load(cfg), cfg);
        assertEquals(8 + 4, p.points().size());
        var rf = (org.crystalbench.models.RandomForestSpec) p.pointsOf("RF").getLast().spec();
        assertEquals(2, rf.mtry());
        assertEquals(org.crystalbench.models.RandomForestSpec.Rule.ENTROPY, rf.splitRule());
        assertEquals(10, rf.trees()); // the base spec's other keys are kept
        var gbt = (org.crystalbench.models.GradientBoostingSpec) p.pointsOf("GBT").getLast().spec();
        assertEquals(0.1, gbt.shrinkage());
        assertEquals(8, gbt.maxNodes());
        Path bad = GridFixtures.config(dir, "b.yaml", dir.resolve("none.csv"), 1, 3, "- {name: RF, type: random-forest}\n",
                "grid:\n  models:\n    RF: {subsample: [0.5, 1.5]}\n");
        var e = assertThrows(InputException.class, () -> GridPlan.of(ConfigLoader.load(bad), bad));
        assertTrue(e.getMessage().contains("subsample"), e.getMessage());
    }
}
