package org.crystalbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.crystalbench.grid.plan.GridPlan;
import org.crystalbench.models.MlpSpec;
import org.junit.jupiter.api.Test;

/** The configs the README and CI name load, and their grids plan to the sizes the docs state. */
class ShippedConfigsTest {
    static final Path DIR = Path.of("configs");

    @Test
    void everyShippedConfigLoadsAndEveryGridPlans() throws IOException {
        List<Path> files;
        try (var list = Files.list(DIR)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        // Named, not just non-empty: a moved or renamed config must fail here, not shrink the loop.
        assertTrue(files.containsAll(Stream.of("paper.yaml", "materials.yaml", "grid.yaml", "grid-bench.yaml", "grid-smoke.yaml").map(DIR::resolve).toList()),
                files.toString());
        List<Path> grids = new ArrayList<>();
        for (Path f : files) {
            if (org.crystalbench.suite.SuitePlan.isSuite(f)) continue; // suite configs: SuitePlanTest.shippedSuiteConfigsLoad
            ExperimentConfig cfg = ConfigLoader.load(f);
            if (cfg.grid() == null) continue;
            assertFalse(GridPlan.of(cfg, f).points().isEmpty(), f.toString());
            grids.add(f.getFileName());
        }
        assertEquals(List.of(Path.of("grid-bench.yaml"), Path.of("grid-slice.yaml"), Path.of("grid-smoke.yaml"), Path.of("grid.yaml"),
                Path.of("materials-nested-grouped.yaml"), Path.of("materials-nested-holdout.yaml"), Path.of("materials-nested.yaml")), grids);
    }

    @Test
    void gridSizesAreTheDocumentedOnes() {
        assertEquals(450, units("grid-bench.yaml"));    // docs/grid.md, Speed
        assertEquals(484_880, units("grid.yaml"));      // docs/grid.md, Nested cross-validation
        assertEquals(808, units("materials-nested.yaml"));          // docs/materials.md, Model choice by nested CV
        assertEquals(488, units("materials-nested-holdout.yaml"));
        assertEquals(808, units("materials-nested-grouped.yaml"));
    }

    @Test
    void theShippedConfigsTrainTheDnnWithTheGemmEngine() {
        for (String name : List.of("paper.yaml", "grid.yaml", "grid-bench.yaml")) {
            var dnn = ConfigLoader.load(DIR.resolve(name)).models().stream().filter(m -> m.name().equals("DNN")).findFirst().orElseThrow();
            assertEquals(MlpSpec.Engine.GEMM, ((MlpSpec) dnn).engine(), name);
        }
    }

    @Test
    void theNestedMaterialsConfigsAreHonestAndSelectOverFeatureSetsWithCellAndNeighbourDescriptors() {
        for (String name : List.of("materials-nested.yaml", "materials-nested-holdout.yaml", "materials-nested-grouped.yaml")) {
            ExperimentConfig c = ConfigLoader.load(DIR.resolve(name));
            assertFalse(c.dataset().allFeatures().contains("Spacegroup"), name);
            assertTrue(c.featureSets().values().stream().allMatch(f -> f.contains("cell descriptors")), name);
            assertTrue(c.featureSets().values().stream().anyMatch(f -> f.contains("neighbour shares")), name);
            assertTrue(c.featureSets().size() > 1 && c.grid().nested() != null, name);
        }
    }

    @Test
    void theMaterialsConfigIsHonestAndUsesDescriptorsAndTrees() {
        ExperimentConfig c = ConfigLoader.load(DIR.resolve("materials.yaml"));
        assertFalse(c.dataset().allFeatures().contains("Spacegroup"), "no label-determining column at all");
        assertTrue(c.featureSets().values().stream().anyMatch(f -> f.contains("element fractions")));
        assertTrue(c.featureSets().values().stream().anyMatch(f -> f.contains("element properties")));
        assertTrue(c.models().stream().anyMatch(m -> m instanceof org.crystalbench.models.RandomForestSpec));
        assertTrue(c.models().stream().anyMatch(m -> m instanceof org.crystalbench.models.GradientBoostingSpec));
    }

    @Test
    void theGroupedMaterialsConfigRunsRandomAndFormulaGroupedCvSideBySide() {
        ExperimentConfig c = ConfigLoader.load(DIR.resolve("materials-grouped.yaml"));
        var p = c.protocols();
        assertEquals("Formula", p.groups().column());
        assertEquals(org.crystalbench.config.ProtocolSpec.GroupKey.COMPOSITION, p.groups().key());
        assertEquals(p.cv(), p.groupedCv(), "the same repeats and folds, random and grouped");
        assertFalse(c.dataset().allFeatures().contains("Spacegroup"));
    }

    static long units(String name) {
        Path f = DIR.resolve(name);
        GridPlan plan = GridPlan.of(ConfigLoader.load(f), f);
        return plan.units().size();
    }
}
