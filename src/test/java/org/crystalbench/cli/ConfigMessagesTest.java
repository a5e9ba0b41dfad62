package org.crystalbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.crystalbench.Fixtures;
import org.crystalbench.TestCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config errors list every allowed value, speak YAML (grid values too), and come before any output folder. */
class ConfigMessagesTest {
    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void data() throws IOException {
        data = Fixtures.syntheticCsv(dir, 60, 2);
    }

    @Test
    void anUnknownModelTypeListsEveryType() throws IOException {
        Path c = Fixtures.config(data).models("- {name: F, type: rf}").write(dir, "type.yaml");
        var r = TestCli.run("run", c.toString(), "--out", dir.resolve("never1").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown type 'rf' (one of: mlp, svm, logistic, naive-bayes, random-forest, "
                + "gradient-boosting, chance, voting)"), r.err());
    }

    @Test
    void aGridValueOfTheWrongShapeIsDescribedInYamlWords() throws IOException {
        Path c = Fixtures.config(data).models("- {name: MLP, type: mlp, epochs: 5}")
                .append("grid:\n  models:\n    MLP:\n      hidden: [8, 4]\n").write(dir, "grid.yaml");
        var r = TestCli.run("grid", c.toString(), "--out", dir.resolve("never2").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("grid.models.MLP.hidden: point {\"hidden\":8}: expected a list"), r.err());
        assertTrue(r.err().contains("[[1, 2], [2, 1]]"), r.err());
        assertFalse(r.err().contains("java."), r.err());
        assertFalse(Files.exists(dir.resolve("never2")));
    }

    @Test
    void aClassWeightOfTheWrongLengthFailsBeforeTheOutputFolderExists() throws IOException {
        Path c = Fixtures.config(data).models("- {name: RF, type: random-forest, trees: 5, class_weight: [1, 2]}")
                .write(dir, "weights.yaml");
        Path out = dir.resolve("never3");
        var r = TestCli.run("run", c.toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("weights.yaml: models: model 'RF': class_weight = [1, 2] needs one weight per class, in the "
                + "order monoclinic, orthorhombic, triclinic (3)"), r.err());
        assertFalse(r.err().contains("run: 0/"), "no fit started: " + r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aGridClassWeightOfTheWrongShapeListsTheAllowedForms() throws IOException {
        Path c = Fixtures.config(data).models("- {name: RF, type: random-forest, trees: 5}")
                .append("grid:\n  models:\n    RF:\n      class_weight: [1, 3]\n").write(dir, "grid-cw.yaml");
        var r = TestCli.run("grid", c.toString(), "--out", dir.resolve("never4").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("grid.models.RF: point {\"class_weight\":1}: expected 'balanced', a list of one positive "
                + "weight per class in the data's class order, or a map of class name to weight"), r.err());
        assertFalse(Files.exists(dir.resolve("never4")));
    }

    @Test
    void aClassWeightMapNamesOnlyClassesOfTheData() throws IOException {
        Path c = Fixtures.config(data).models("- {name: SVM, type: svm, class_weight: {monoclinic: 2, cubic: 3}}")
                .write(dir, "map.yaml");
        Path out = dir.resolve("never5");
        var r = TestCli.run("run", c.toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("map.yaml: models: model 'SVM': class_weight = {monoclinic: 2, cubic: 3} names 'cubic', "
                + "which is not a class of the data (monoclinic, orthorhombic, triclinic)"), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aModelWithoutClassWeightsRefusesTheKeyNamingThoseThatTakeIt() throws IOException {
        for (String type : new String[] {"logistic", "naive-bayes", "mlp", "gradient-boosting"}) {
            Path c = Fixtures.config(data).models("- {name: M, type: " + type + ", class_weight: balanced}")
                    .write(dir, "no-cw-" + type + ".yaml");
            var r = TestCli.run("run", c.toString(), "--out", dir.resolve("never6").toString());
            assertEquals(2, r.code(), type);
            assertTrue(r.err().contains("models[0].class_weight: unknown key 'class_weight': this model type takes no class "
                    + "weights (class_weight is taken by: svm, random-forest)"), r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        }
    }
}
