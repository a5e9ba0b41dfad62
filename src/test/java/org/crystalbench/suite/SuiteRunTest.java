package org.crystalbench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.crystalbench.ExitCode;
import org.crystalbench.Fixtures;
import org.crystalbench.TestCli;
import org.crystalbench.grid.plan.Shard;
import org.crystalbench.results.SuiteTables;
import org.crystalbench.stats.CiSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: a suite with a data set that cannot load runs the others and exits 1; two shards merged equal one run. */
class SuiteRunTest {
    private static final String DS = "    target: Crystal System\n    id_columns: [Materials Id]\n"
            + "    numeric: [Formation Energy (eV), Band Gap (eV), Density (gm/cc), Volume]\n";

    private static SuiteRun.Request request(Path config, Path data, Path out, Shard shard) {
        return new SuiteRun.Request(config, data, out, 2, null, null, shard, false, false, true, CiSpec.DEFAULT, List.of());
    }

    @Test
    void failedDataSetIsReportedAndShardsMergeToTheSameTables(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Fixtures.writeSynthetic(data.resolve("a.csv"), 120, 1);
        Fixtures.writeSynthetic(data.resolve("b.csv"), 120, 2);
        Fixtures.writeSynthetic(data.resolve("c.csv"), 120, 3);
        Path config = dir.resolve("suite.yaml");
        Files.writeString(config, "name: t\nseed: 3\ndatasets:\n  - id: a\n    path: a.csv\n" + DS + "  - id: gone\n    path: gone.csv\n" + DS
                + "  - id: b\n    path: b.csv\n" + DS + "  - id: c\n    path: c.csv\n" + DS
                + "protocols:\n  cv: {repeats: 2, folds: 3}\nmodels:\n  - {name: NB, type: naive-bayes}\n  - {name: LR, type: logistic}\n");

        Path one = dir.resolve("one");
        var r = SuiteRun.execute(request(config, data, one, Shard.ALL), TestCli.console());
        assertEquals(ExitCode.FAILURES.code(), r.exitCode());
        assertEquals(List.of("gone"), r.failed());
        for (String f : List.of("suite.md", "report.md", SuiteTables.LEADERBOARD, "figures/suite-cd.svg", "a/grid.csv", "c/grid.md")) {
            assertTrue(Files.size(one.resolve(f)) > 0, f);
        }
        assertTrue(Files.readString(one.resolve(SuiteTables.TESTS)).strip().endsWith(",gone"));

        for (int i = 0; i < 2; i++) SuiteRun.execute(request(config, data, dir.resolve("shard-" + i), new Shard(i, 2)), TestCli.console());
        int code = SuiteMerge.execute(List.of(dir.resolve("shard-0"), dir.resolve("shard-1")), dir.resolve("merged"), CiSpec.DEFAULT, List.of(),
                TestCli.console());
        assertEquals(ExitCode.FAILURES.code(), code);
        for (String f : List.of(SuiteTables.SCORES, SuiteTables.LEADERBOARD, SuiteTables.PAIRS, SuiteTables.TESTS)) {
            assertEquals(Files.readString(one.resolve(f)), Files.readString(dir.resolve("merged").resolve(f)), f);
        }
    }
}
