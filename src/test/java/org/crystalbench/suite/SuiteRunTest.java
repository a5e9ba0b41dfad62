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

    private static SuiteOperation.Request request(Path config, Path data, Path out, Shard shard) {
        return new SuiteOperation.Request(config, data, out, 2, null, null, shard, false, false, true, CiSpec.DEFAULT, List.of());
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
        var r = SuiteOperation.execute(request(config, data, one, Shard.ALL), TestCli.console());
        assertEquals(ExitCode.FAILURES.code(), r.status().code());
        assertEquals(List.of("gone"), r.failed());
        for (String f : List.of("suite.md", "report.md", SuiteTables.LEADERBOARD, "figures/suite-cd.svg", "a/grid.csv", "c/grid.md")) {
            assertTrue(Files.size(one.resolve(f)) > 0, f);
        }
        assertTrue(Files.readString(one.resolve(SuiteTables.TESTS)).strip().endsWith(",gone"));

        for (int i = 0; i < 2; i++) SuiteOperation.execute(request(config, data, dir.resolve("shard-" + i), new Shard(i, 2)), TestCli.console());
        int code = SuiteMerge.execute(new org.crystalbench.grid.MergeOperation.Request(List.of(dir.resolve("shard-0"), dir.resolve("shard-1")), dir.resolve("merged"), CiSpec.DEFAULT, List.of()), TestCli.console()).status().code();
        assertEquals(ExitCode.FAILURES.code(), code);
        for (String f : List.of(SuiteTables.SCORES, SuiteTables.LEADERBOARD, SuiteTables.PAIRS, SuiteTables.TESTS)) {
            assertEquals(Files.readString(one.resolve(f)), Files.readString(dir.resolve("merged").resolve(f)), f);
        }
        for (String f : List.of("per-class.csv", "confusion.csv", "comparisons.csv")) { // the merge writes each data set's run tables too
            assertEquals(Files.readString(one.resolve("c").resolve(f)), Files.readString(dir.resolve("merged").resolve("c").resolve(f)), f);
        }
    }

    /**
     * Each data set's folder has the tables {@code run} writes, equal to {@code run} on the same data set and models (only
     * the timings differ), and every feature set of a data set is a row of the comparison.
     */
    @Test
    void eachDataSetHasRunsTablesForEveryFeatureSet(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Fixtures.writeSynthetic(data.resolve("a.csv"), 120, 1);
        Fixtures.writeSynthetic(data.resolve("b.csv"), 120, 2);
        String two = "    target: Crystal System\n    id_columns: [Materials Id]\n    numeric: [Formation Energy (eV), Band Gap (eV), Density (gm/cc), Volume]\n"
                + "    feature_sets:\n      all: [Formation Energy (eV), Band Gap (eV), Density (gm/cc), Volume]\n      two: [Band Gap (eV), Volume]\n";
        Path config = dir.resolve("suite.yaml");
        Files.writeString(config, "name: t\nseed: 5\ndatasets:\n  - id: a\n    path: a.csv\n" + two + "  - id: b\n    path: b.csv\n" + DS
                + "protocols:\n  cv: {repeats: 2, folds: 3}\nmodels:\n  - {name: NB, type: naive-bayes}\n  - {name: LR, type: logistic}\n");
        Path out = dir.resolve("suite");
        assertEquals(ExitCode.OK.code(), SuiteOperation.execute(request(config, data, out, Shard.ALL), TestCli.console()).status().code());

        Path run = dir.resolve("run");
        org.crystalbench.run.RunOperation.execute(new org.crystalbench.run.RunOperation.Request(out.resolve("a").resolve(SuiteFolder.DATASET_CONFIG), null, run, 2,
                CiSpec.DEFAULT, true, List.of(), false, 0), TestCli.console());
        Path a = out.resolve("a");
        // run adds the chance baseline's rows (docs/models.md); a suite compares the config's models only (docs/suite.md)
        for (String f : List.of("per-class.csv", "confusion.csv", "comparisons.csv", "splits-manifest.csv", "audit.csv")) {
            assertEquals(withoutChance(Files.readString(run.resolve(f))), Files.readString(a.resolve(f)), f);
        }
        List<String> timings = List.of("fit_ms", "predict_ms", "fit_ms_mean", "predict_ms_mean");
        for (String f : List.of("splits.csv", "summary.csv")) {
            assertEquals(withoutChance(withoutColumns(run.resolve(f), timings)), withoutColumns(a.resolve(f), timings), f);
        }
        assertTrue(Files.readString(run.resolve("per-class.csv")).contains(",chance (stratified),"), "run has the baseline");
        assertTrue(Files.readString(a.resolve("summary.md")).contains("## Feature set `two`"));
        assertTrue(Files.readString(a.resolve("report.md")).contains("summary.md"));

        var scores = SuiteTables.read(out).scores();
        assertEquals(List.of("a/all", "a/all", "a/two", "a/two", "b", "b"), scores.stream().map(SuiteTables.Score::dataset).toList());
        assertEquals(List.of("all", "all", "two", "two", "all", "all"), scores.stream().map(SuiteTables.Score::featureSet).toList());
        assertEquals(3, SuiteTables.read(out).tests().datasets()); // b has one feature set (the default, all columns): named b
    }

    /** --max-time cut the suite short: exit 4 (run again to resume), no data set counted as failed, no run tables of a part. */
    @Test
    void aSuiteCutShortByMaxTimeWritesNoRunTables(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Fixtures.writeSynthetic(data.resolve("a.csv"), 120, 1);
        Path config = dir.resolve("suite.yaml");
        Files.writeString(config, "name: t\ndatasets:\n  - id: a\n    path: a.csv\n" + DS
                + "protocols:\n  cv: {repeats: 2, folds: 3}\nmodels:\n  - {name: NB, type: naive-bayes}\n");
        var request = new SuiteOperation.Request(config, data, dir.resolve("out"), 1, null, java.time.Duration.ZERO, Shard.ALL, false, false, true,
                CiSpec.DEFAULT, List.of());
        var r = SuiteOperation.execute(request, TestCli.console());
        assertEquals(ExitCode.INCOMPLETE.code(), r.status().code());
        assertEquals(List.of(), r.failed());
        assertTrue(Files.exists(dir.resolve("out/a/grid.csv")));
        assertTrue(!Files.exists(dir.resolve("out/a/summary.csv")));
    }

    /** The CSV without the named columns (the timings, which differ between any two runs). */
    private static List<List<String>> withoutColumns(Path csv, List<String> drop) throws Exception {
        var t = org.crystalbench.io.CsvTable.read(csv, List.of());
        List<String> keep = t.header().stream().filter(c -> !drop.contains(c)).toList();
        return t.map(r -> keep.stream().map(c -> t.text(r, c)).toList());
    }

    private static List<List<String>> withoutChance(List<List<String>> rows) {
        return rows.stream().filter(r -> !r.contains("chance (stratified)")).toList();
    }

    private static String withoutChance(String csv) {
        return csv.lines().filter(l -> !l.contains(",chance (stratified),")).map(l -> l + "\n").collect(java.util.stream.Collectors.joining());
    }
}
