package org.crystalbench.config;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.crystalbench.Fixtures;
import org.crystalbench.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config means one thing: no silently overridden keys, no aliases, errors at the right line (issue 15). */
class StrictYamlTest {
    @TempDir
    Path dir;

    Path config(String models) throws Exception {
        return Fixtures.config(dir.resolve("data.csv")).models(models).write(dir, "c.yaml");
    }

    static long lineOf(Path file, String fragment) throws Exception {
        String text = Files.readString(file);
        return text.substring(0, text.indexOf(fragment)).lines().count() + (text.substring(0, text.indexOf(fragment)).endsWith("\n") ? 1 : 0);
    }

    @Test
    void aDuplicateKeyIsAnErrorNamingFileLineAndKey() throws Exception {
        Path c = config("- name: SVM\n  type: svm\n  C: 1.0\n  C: 100.0\n- {name: NB, type: naive-bayes}");
        var e = assertThrows(InputException.class, () -> ConfigLoader.load(c));
        assertTrue(e.getMessage().startsWith(c + ":" + lineOf(c, "C: 100.0") + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("duplicate key 'C'"), e.getMessage());
    }

    @Test
    void aDuplicateKeyInAFlowMappingToo() throws Exception {
        Path c = config("- {name: LR, type: logistic, lambda: 1, lambda: 2}");
        var e = assertThrows(InputException.class, () -> ConfigLoader.load(c));
        assertTrue(e.getMessage().contains("duplicate key 'lambda'"), e.getMessage());
    }

    @Test
    void aliasesAndAnchorsAreRefusedWithAClearMessage() throws Exception {
        Path c = config("- {name: LR, type: logistic, lambda: &a 0.5}\n- {name: LR2, type: logistic, lambda: *a}");
        var e = assertThrows(InputException.class, () -> ConfigLoader.load(c));
        assertTrue(e.getMessage().startsWith(c + ":" + lineOf(c, "&a") + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("anchors and aliases"), e.getMessage());
    }

    @Test
    void anOutOfRangeHyperparameterPointsAtItsOwnModelsLine() throws Exception {
        Path c = config("- {name: NB, type: naive-bayes}\n- name: LR\n  type: logistic\n  lambda: -1\n- name: LR2\n  type: logistic\n  lambda: 2");
        var e = assertThrows(InputException.class, () -> ConfigLoader.load(c));
        assertTrue(e.getMessage().startsWith(c + ":" + lineOf(c, "lambda: -1") + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("model 'LR'"), e.getMessage());
    }
}
