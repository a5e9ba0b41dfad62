package org.crystalbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.crystalbench.Fixtures;
import org.crystalbench.InputException;
import org.crystalbench.grid.plan.GridPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A whole-number key refuses a fraction in every section (one setting of the loader), never truncating 2.5 to 2. */
class WholeNumberTest {
    @TempDir
    Path dir;

    static final String MODELS = "- {name: LR, type: logistic}\n- {name: NB, type: naive-bayes}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "protocols.holdout.repeats | PROTOCOLS | holdout: {repeats: 2.5}",
            "protocols.cv.folds        | PROTOCOLS | cv: {repeats: 1, folds: 3.5}",
            "seed                      | APPEND    | seed: 7.5",
            "models[0].max_iter        | MODELS    | - {name: LR, type: logistic, max_iter: 100.5}",
            "models[0].epochs          | MODELS    | - {name: DNN, type: mlp, epochs: 2.5}",
            "models[0].hidden[1]       | MODELS    | - {name: DNN, type: mlp, hidden: [8, 4.5]}",
            "models[0].trees           | MODELS    | - {name: RF, type: random-forest, trees: 2.5}",
            "models[0].max_depth       | MODELS    | - {name: GB, type: gradient-boosting, max_depth: 3.5}",
            "grid.top                  | GRID      | top: 2.5",
            "grid.race.first_block     | GRID      | search: race, race: {first_block: 2.5}",
            "grid.halving.eta          | GRID      | search: halving, halving: {eta: 2.5}",
    })
    void aFractionForAWholeNumberKeyIsAnErrorNamingTheKey(String key, String where, String yaml) throws Exception {
        var c = Fixtures.config(dir.resolve("data.csv")).models(MODELS).protocols("cv: {repeats: 1, folds: 3}");
        switch (where) {
            case "PROTOCOLS" -> c.protocols(yaml);
            case "MODELS" -> c.models(yaml);
            case "GRID" -> c.append("grid: {models: {LR: {lambda: [1.0]}}, " + yaml + "}\n");
            default -> c.append(yaml + "\n");
        }
        Path file = c.write(dir, "c.yaml");
        String text = java.nio.file.Files.readString(file);
        if (where.equals("APPEND")) file = Fixtures.write(dir, "c.yaml", text.replaceFirst("(?m)^seed: 7\n", ""));
        Path f = file;
        var e = assertThrows(InputException.class, () -> ConfigLoader.load(f));
        assertTrue(e.getMessage().contains(key + ": expected a whole number, found '"), e.getMessage());
        assertTrue(e.getMessage().startsWith(f + ":"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "models[0].learning_rate  | - {name: DNN, type: mlp, learning_rate: .inf, weight_decay: 0}  | .inf",
            "models[0].lambda         | - {name: LR, type: logistic, lambda: .nan}                      | .nan",
            "models[0].C              | - {name: SVM, type: svm, C: -.inf}                              | -.inf",
    })
    void aNumberThatIsNotFiniteIsRefused(String key, String models, String found) throws Exception {
        Path f = Fixtures.config(dir.resolve("data.csv")).models(models).protocols("cv: {repeats: 1, folds: 3}").write(dir, "c.yaml");
        var e = assertThrows(InputException.class, () -> ConfigLoader.load(f));
        assertTrue(e.getMessage().startsWith(f + ":"), e.getMessage());
        assertTrue(e.getMessage().contains(key + ": expected a finite number, found " + found), e.getMessage());
        Path g = Fixtures.config(dir.resolve("data.csv")).models("- {name: LR, type: logistic}").protocols("cv: {repeats: 1, folds: 3}")
                .append("grid: {models: {LR: {lambda: [0.1, .inf]}}}\n").write(dir, "g.yaml");
        var e2 = assertThrows(InputException.class, () -> GridPlan.of(ConfigLoader.load(g), g));
        assertTrue(e2.getMessage().contains("grid.models.LR.lambda: Infinity is not a finite number"), e2.getMessage());
        Path h = Fixtures.config(dir.resolve("data.csv")).models("- {name: LR, type: logistic}").protocols("cv: {repeats: 1, folds: 3}")
                .append("grid: {models: {LR: {sample: 2, ranges: {lambda: [0.1, .inf]}}}}\n").write(dir, "h.yaml");
        var e3 = assertThrows(InputException.class, () -> ConfigLoader.load(h));
        assertTrue(e3.getMessage().contains("ranges.lambda: must be [low, high] with low <= high, both finite"), e3.getMessage());
    }

    @Test
    void aGridValueOrRangeEndWithAFractionForAWholeNumberKeyIsRefused() throws Exception {
        var c = Fixtures.config(dir.resolve("data.csv")).models("- {name: RF, type: random-forest}")
                .protocols("cv: {repeats: 1, folds: 3}");
        Path values = c.append("grid:\n  models: {RF: {trees: [10, 20.5]}}\n").write(dir, "v.yaml");
        var e = assertThrows(InputException.class, () -> GridPlan.of(ConfigLoader.load(values), values));
        assertTrue(e.getMessage().contains("grid.models.RF") && e.getMessage().contains("point {\"trees\":20.5}")
                && e.getMessage().contains("whole number"), e.getMessage());
        var c2 = Fixtures.config(dir.resolve("data.csv")).models("- {name: RF, type: random-forest}")
                .protocols("cv: {repeats: 1, folds: 3}");
        Path ranges = c2.append("grid:\n  models: {RF: {sample: 3, ranges: {trees: [10.5, 40]}}}\n").write(dir, "r.yaml");
        var e2 = assertThrows(InputException.class, () -> GridPlan.of(ConfigLoader.load(ranges), ranges));
        assertTrue(e2.getMessage().contains("grid.models.RF.ranges.trees: [10.5, 40.0]: a whole-number hyperparameter needs whole-number ends"),
                e2.getMessage());
        // whole values still read as before
        assertEquals(2, ConfigLoader.load(Fixtures.config(dir.resolve("data.csv")).models(MODELS)
                .protocols("holdout: {repeats: 2}").write(dir, "ok.yaml")).protocols().holdout().repeats());
    }
}
