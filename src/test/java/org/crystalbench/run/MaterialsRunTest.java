package org.crystalbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.crystalbench.Fixtures;
import org.crystalbench.TestCli;
import org.crystalbench.results.ImportanceTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `run` with composition descriptors, both tree ensembles (also as voting members) and --importance:
 * the same numbers for any --threads, descriptors in the audit, importance in a table and the report.
 */
class MaterialsRunTest {
    @TempDir
    static Path dir;
    static Path config;

    static final String SETS = Fixtures.sets(
            "descriptors", List.of("Band Gap (eV)", "Density (gm/cc)", "element fractions", "element properties",
                    "atoms per formula unit", "formula units per cell", "volume per atom"),
            "few", List.of("Nsites", "mean electronegativity", "Has Bandstructure"));

    static final String MODELS = """
            - {name: RF, type: random-forest, trees: 25, mtry: 3}
            - {name: GBT, type: gradient-boosting, trees: 15, max_nodes: 4, subsample: 0.8}
            - {name: LR, type: logistic}
            - {name: Vote, type: voting, members: [RF, GBT, LR], rule: soft}
            """;

    @BeforeAll
    static void setUp() throws IOException {
        Path csv = Fixtures.syntheticCsv(dir, 120, 3);
        config = Fixtures.config(csv).derived(Fixtures.COMPOSITION).featureSets(SETS).models(MODELS)
                .protocols("holdout: {repeats: 2}\ncv: {repeats: 1, folds: 3}").write(dir, "materials.yaml");
    }

    static Path run(String name, int threads) {
        Path out = dir.resolve(name);
        var r = TestCli.run("run", config.toString(), "--out", out.toString(), "--threads", Integer.toString(threads), "--quiet",
                "--importance", "--importance-repeats", "2");
        assertEquals(0, r.code(), r.err());
        return out;
    }

    @Test
    void sameNumbersForOneAndTwoThreadsWithImportanceInTheReport() throws IOException {
        Path one = run("t1", 1), two = run("t2", 2);
        List<String> splits = RunEndToEndTest.metricColumns(one);
        assertEquals(1 + 2 * 5 * 5, splits.size()); // 2 feature sets x 5 splits x (4 models + the chance baseline)
        assertEquals(splits, RunEndToEndTest.metricColumns(two));
        assertEquals(Files.readString(one.resolve("importance.csv")), Files.readString(two.resolve("importance.csv")));

        var rows = ImportanceTable.read(one.resolve("importance.csv"));
        assertEquals(2 * 4 * 7 + 2 * 4 * 3, rows.size()); // per protocol and model: 7 inputs, then 3
        var groups = rows.stream().filter(r -> r.feature().equals("element fractions")).toList();
        assertEquals(2 * 4, groups.size());
        assertTrue(groups.stream().allMatch(r -> r.n() == (r.protocol().label().equals("holdout") ? 2 : 3)), groups.toString());
        assertTrue(rows.stream().allMatch(r -> r.ci().low() <= r.mean() && r.mean() <= r.ci().high()), rows.toString());

        String audit = Files.readString(one.resolve("audit.csv"));
        assertTrue(audit.contains("mean electronegativity") && audit.contains("fraction Fe") && audit.contains("volume per atom"), audit);
        String report = Files.readString(one.resolve("report.md"));
        assertTrue(report.contains("## Permutation feature importance"), report);
        assertTrue(report.contains("figures/importance-descriptors-holdout.png"), report);
        assertTrue(Files.isRegularFile(one.resolve("figures/importance-descriptors-holdout.svg")));
    }

    @Test
    void withoutImportanceThereIsNoImportanceTable() {
        Path out = dir.resolve("plain");
        var r = TestCli.run("run", config.toString(), "--out", out.toString(), "--threads", "2", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(!Files.exists(out.resolve("importance.csv")));
    }
}
