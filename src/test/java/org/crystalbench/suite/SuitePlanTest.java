package org.crystalbench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.crystalbench.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuitePlanTest {
    private static final String DS = "    target: y\n    numeric: [a, b]\n";
    private static final String REST = "protocols:\n  cv: {repeats: 2, folds: 3}\nmodels:\n  - {name: NB, type: naive-bayes}\n"
            + "  - {name: LR, type: logistic}\n";

    private static Path write(Path dir, String text) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void eachDataSetBecomesAGridOfTheModelSpecs(@TempDir Path dir) throws Exception {
        Path f = write(dir, "name: s\nseed: 7\nsuite: {rope: 0.02}\ndatasets:\n  - id: one\n    path: one.csv\n" + DS
                + "  - id: two\n    path: two.csv\n" + DS + REST);
        SuitePlan p = SuitePlan.load(f, dir.resolve("data"));
        assertEquals(2, p.datasets().size());
        assertEquals(0.02, p.rope());
        assertEquals(7, p.seed());
        assertEquals(java.util.List.of("NB", "LR"), p.models());
        String yaml = p.datasets().get(1).yaml();
        assertTrue(yaml.contains(dir.resolve("data").resolve("two.csv").toString()), yaml);
        assertTrue(yaml.contains("name: \"s-two\"") || yaml.contains("name: s-two"), yaml);
        assertTrue(yaml.contains("NB: {}") || yaml.contains("NB: {}\n") || yaml.matches("(?s).*NB:\\s*\\{\\}.*"), yaml);
        assertTrue(SuitePlan.isSuite(f));
    }

    /** configs/suite.yaml takes three blocks from exported configs: stand-ins here (scikit-learn's files are made at run time). */
    @Test
    void shippedSuiteConfigsLoad(@TempDir Path dir) throws Exception {
        assertEquals(3, SuitePlan.load(Path.of("configs/suite-smoke.yaml"), dir).datasets().size());
        for (String n : java.util.List.of("wine", "breast-cancer", "iris")) {
            Files.writeString(dir.resolve(n + ".yaml"), "dataset:\n  path: " + n + ".csv\n  target: class\n  numeric: [a, b]\n");
        }
        SuitePlan p = SuitePlan.load(Path.of("configs/suite.yaml"), dir);
        assertEquals(6, p.datasets().size());
        assertEquals(6, p.models().size());
        assertTrue(p.datasets().getFirst().yaml().contains(dir.resolve("wine.csv").toString()));
    }

    @Test
    void badSuitesNameTheEntryAndKey(@TempDir Path dir) throws Exception {
        assertEquals(dir.resolve("s.yaml") + ": datasets[1].id: 'one' appears twice", assertThrows(InputException.class, () -> SuitePlan.load(
                write(dir, "datasets:\n  - id: one\n    path: a.csv\n" + DS + "  - id: one\n    path: b.csv\n" + DS + REST), null)).getMessage());
        assertTrue(assertThrows(InputException.class, () -> SuitePlan.load(write(dir, "suite: {rop: 0.1}\ndatasets:\n  - id: one\n    path: a.csv\n"
                + DS + REST), null)).getMessage().endsWith("suite.rop: unknown key (known: rope)"));
        assertTrue(assertThrows(InputException.class, () -> SuitePlan.load(write(dir, "datasets:\n  - id: one\n    path: a.csv\n"
                + "    target: y\n    numerc: [a]\n" + REST), null)).getMessage().startsWith(dir.resolve("s.yaml") + ": datasets[0] (one): "));
        assertEquals(dir.resolve("s.yaml") + ": protocols.holdout: a suite compares models on one k-fold protocol (cv or grouped_cv); remove holdout",
                assertThrows(InputException.class, () -> SuitePlan.load(write(dir, "datasets:\n  - id: one\n    path: a.csv\n" + DS
                        + REST.replace("protocols:\n", "protocols:\n  holdout: {repeats: 2}\n")), null)).getMessage());
        assertTrue(assertThrows(InputException.class, () -> SuitePlan.load(write(dir, "dataset:\n  path: a.csv\n" + REST), null))
                .getMessage().contains("dataset: a suite lists its data sets under 'datasets:'"));
    }
}
