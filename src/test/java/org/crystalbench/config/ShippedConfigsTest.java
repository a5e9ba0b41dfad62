package org.crystalbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.crystalbench.grid.GridPlan;
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
        assertFalse(files.isEmpty());
        for (Path f : files) {
            ExperimentConfig cfg = ConfigLoader.load(f);
            if (cfg.grid() != null) assertFalse(GridPlan.of(cfg, f).points().isEmpty(), f.toString());
        }
    }

    @Test
    void gridSizesAreTheDocumentedOnes() {
        assertEquals(450, units("grid-bench.yaml"));    // docs/grid.md, Speed
        assertEquals(484_880, units("grid.yaml"));      // docs/grid.md, Nested cross-validation
    }

    @Test
    void theShippedConfigsTrainTheDnnWithTheGemmEngine() {
        for (String name : List.of("paper.yaml", "grid.yaml", "grid-bench.yaml")) {
            var dnn = ConfigLoader.load(DIR.resolve(name)).models().stream().filter(m -> m.name().equals("DNN")).findFirst().orElseThrow();
            assertEquals(MlpSpec.Engine.GEMM, ((MlpSpec) dnn).engine(), name);
        }
    }

    static long units(String name) {
        Path f = DIR.resolve(name);
        GridPlan plan = GridPlan.of(ConfigLoader.load(f), f);
        return plan.units().size();
    }
}
