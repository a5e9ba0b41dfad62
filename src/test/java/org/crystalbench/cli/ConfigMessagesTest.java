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
                + "gradient-boosting, voting)"), r.err());
    }

    @Test
    void aGridValueOfTheWrongShapeIsDescribedInYamlWords() throws IOException {
        Path c = Fixtures.config(data).models("- {name: RF, type: random-forest, trees: 5}")
                .append("grid:\n  models:\n    RF:\n      class_weight: [1, 3]\n").write(dir, "grid.yaml");
        var r = TestCli.run("grid", c.toString(), "--out", dir.resolve("never2").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("grid.models.RF.class_weight: point {\"class_weight\":1}: expected a list"), r.err());
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
}
