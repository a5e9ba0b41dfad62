package org.crystalbench.grid;

import org.crystalbench.grid.fit.UnitEvaluator;
import org.crystalbench.grid.journal.FolderLock;
import org.crystalbench.grid.journal.Journal;
import org.crystalbench.grid.journal.JournalEntry;
import org.crystalbench.grid.plan.GridPlan;
import org.crystalbench.grid.plan.Shard;
import org.crystalbench.grid.plan.WorkUnit;

import org.crystalbench.io.Console;
import org.crystalbench.ExitCode;
import org.crystalbench.stats.CiSpec;
import org.crystalbench.io.Json;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.crystalbench.InputException;
import org.crystalbench.metrics.Scores;
import org.crystalbench.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridRunTest {
    @TempDir
    Path dir;
    Path data, config;

    @BeforeEach
    void setUp() throws Exception {
        data = Fixtures.syntheticCsv(dir, 120, 3);
        config = GridFixtures.config(dir, "grid.yaml", data, 2, 3, GridFixtures.SMALL_GRID);
    }

    @Test
    void aResumedRunWritesTheSameTablesAsAnUninterruptedOne() throws Exception {
        Path full = dir.resolve("full"), part = dir.resolve("part");
        var r = GridFixtures.run(GridFixtures.request(config, full));
        assertEquals(0, r.status().code());
        assertEquals(24, r.counts().ok()); // 4 points x 6 splits
        // Keep every other journal line, as if the run had died part-way, then resume.
        GridFixtures.run(GridFixtures.request(config, part));
        List<String> lines = Files.readAllLines(part.resolve(Journal.FILE));
        var kept = new StringBuilder();
        for (int i = 0; i < lines.size(); i += 2) kept.append(lines.get(i)).append('\n');
        Files.writeString(part.resolve(Journal.FILE), kept);
        var resumed = GridFixtures.run(GridFixtures.request(config, part));
        assertEquals(12, resumed.fits().ran());
        assertEquals(0, resumed.status().code());
        assertEquals(GridFixtures.metricColumns(full, "grid.csv"), GridFixtures.metricColumns(part, "grid.csv"));
        assertEquals(24, Journal.readAll(part.resolve(Journal.FILE)).size());
        // A second resume has nothing left to do.
        assertEquals(0, GridFixtures.run(GridFixtures.request(config, part)).fits().ran());
    }

    @Test
    void aChangedConfigOrDataIsRefusedUnlessFresh() throws Exception {
        Path out = dir.resolve("out");
        GridFixtures.run(GridFixtures.request(config, out));
        String before = Files.readString(out.resolve(Journal.FILE));
        Path changed = GridFixtures.config(dir, "grid.yaml", data, 2, 3, GridFixtures.SMALL_GRID.replace("1.0]", "5.0]"));
        var e = assertThrows(InputException.class, () -> GridFixtures.run(GridFixtures.request(changed, out)));
        assertTrue(e.getMessage().contains("config differs"), e.getMessage());
        assertTrue(e.getMessage().contains("--fresh"), e.getMessage());
        assertEquals(before, Files.readString(out.resolve(Journal.FILE))); // nothing touched

        GridFixtures.config(dir, "grid.yaml", data, 2, 3, GridFixtures.SMALL_GRID);
        Files.writeString(data, Files.readString(data) + Files.readAllLines(data).get(5) + "\r\n"); // one more row
        var d = assertThrows(InputException.class, () -> GridFixtures.run(GridFixtures.request(config, out)));
        assertTrue(d.getMessage().contains("data file differs"), d.getMessage());

        var fresh = new GridOperation.Request(config, null, out, 2, null, null, Shard.ALL, true, false, true, CiSpec.DEFAULT, List.of(), null);
        assertEquals(24, GridOperation.execute(fresh, GridOperation::fits, org.crystalbench.TestCli.console()).fits().ran());
        try (var files = Files.list(out)) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().startsWith(Journal.FILE + ".replaced-")).count());
        }
    }

    @Test
    void anAlwaysThrowingModelIsRecordedAndTheRunGoesOn() throws Exception {
        Path out = dir.resolve("out");
        var r = GridFixtures.run(GridFixtures.request(config, out), c -> {
            UnitEvaluator real = GridOperation.fits(c);
            return u -> {
                if (u.point().model().equals("NB")) throw new IllegalStateException("NB exploded");
                return real.evaluate(u);
            };
        });
        assertEquals(1, r.status().code());
        assertEquals(12, r.counts().failed());
        assertEquals(12, r.counts().ok());
        List<JournalEntry> failed = Journal.readAll(out.resolve(Journal.FILE)).stream().filter(e -> !e.ok()).toList();
        assertEquals(12, failed.size());
        assertTrue(failed.stream().allMatch(e -> e.model().equals("NB") && e.error().equals("IllegalStateException: NB exploded")));
        String md = Files.readString(out.resolve("grid.md"));
        assertTrue(md.contains("## Failures (12)"), md);
        assertTrue(md.contains("NB exploded"), md);
        // Both NB points' rows count 6 failed, 0 timed out, 6 fits (an exhaustive grid keeps failed points) (counted first: allMatch over no rows would pass).
        List<String> nbRows = Files.readString(out.resolve("grid.csv")).lines().filter(l -> l.contains(",NB,")).toList();
        assertEquals(2, nbRows.size(), nbRows.toString());
        assertTrue(nbRows.stream().allMatch(l -> l.endsWith(",6,0,kept,,6")), nbRows.toString());
        // A resume skips the failed units; --retry-failed runs them again.
        assertEquals(0, GridFixtures.run(GridFixtures.request(config, out)).fits().ran());
        var retry = new GridOperation.Request(config, null, out, 2, null, null, Shard.ALL, false, true, true, CiSpec.DEFAULT, List.of(), null);
        var again = GridOperation.execute(retry, GridOperation::fits, org.crystalbench.TestCli.console());
        assertEquals(12, again.fits().ran());
        assertEquals(0, again.status().code());
    }

    @Test
    void nanMetricsAreFailures() throws Exception {
        var r = GridFixtures.run(GridFixtures.request(config, dir.resolve("out")), c -> u -> new UnitEvaluator.Result(
                new Scores(new int[3][3], Double.NaN, 0, 0, 0, 0, 0, new double[3], new double[3], new double[3]), 80, 40, List.of()));
        assertEquals(1, r.status().code());
        assertEquals(24, r.counts().failed());
        assertTrue(Journal.readAll(dir.resolve("out").resolve(Journal.FILE)).getFirst().error().contains("accuracy is NaN"));
    }

    @Test
    void aFitPastTheTimeoutIsRecordedAndTheRunGoesOn() throws Exception {
        Path out = dir.resolve("out");
        var request = new GridOperation.Request(config, null, out, 2, Duration.ofMillis(300), null, Shard.ALL, false, false, true, CiSpec.DEFAULT, List.of(), null);
        var r = GridFixtures.run(request, c -> {
            UnitEvaluator real = GridOperation.fits(c);
            return u -> {
                if (u.point().index() == 1 && u.point().model().equals("LR") && u.split().repeat() == 0) Thread.sleep(60_000);
                return real.evaluate(u);
            };
        });
        assertEquals(1, r.status().code());
        assertEquals(3, r.counts().timedOut());
        assertEquals(21, r.counts().ok());
        List<JournalEntry> timedOut = Journal.readAll(out.resolve(Journal.FILE)).stream()
                .filter(e -> e.status() == JournalEntry.Status.TIMEOUT).toList();
        assertEquals(3, timedOut.size());
        assertTrue(timedOut.stream().allMatch(e -> e.fitMs() >= 300 && e.error().contains("--fit-timeout")));
        assertTrue(Files.readString(out.resolve("grid.md")).contains("3 timed out"));
    }

    @Test
    void maxTimeStopsStartingFitsAndLeavesAResumableIncompleteRun() throws Exception {
        Path out = dir.resolve("out");
        AtomicInteger calls = new AtomicInteger();
        var request = new GridOperation.Request(config, null, out, 1, null, Duration.ofMillis(1), Shard.ALL, false, false, true, CiSpec.DEFAULT, List.of(), null);
        var r = GridFixtures.run(request, c -> {
            UnitEvaluator real = GridOperation.fits(c);
            return u -> {
                calls.incrementAndGet();
                Thread.sleep(20);
                return real.evaluate(u);
            };
        });
        assertEquals(ExitCode.INCOMPLETE.code(), r.status().code());
        assertTrue(r.deadlineHit());
        assertTrue(r.counts().finished() < 24);
        assertEquals(calls.get(), r.counts().finished());
        assertTrue(Files.readString(out.resolve("grid.md")).contains("**incomplete**"));
        var resumed = GridFixtures.run(GridFixtures.request(config, out));
        assertEquals(0, resumed.status().code());
        assertEquals(24, resumed.counts().ok());
    }

    @Test
    void shardsMergeIntoTheSingleRunTablesAndMissingUnitsAreNamed() throws Exception {
        Path single = dir.resolve("single");
        GridFixtures.run(GridFixtures.request(config, single));
        Path[] shards = new Path[3];
        for (int i = 0; i < 3; i++) {
            shards[i] = dir.resolve("shard-" + i);
            var req = new GridOperation.Request(config, null, shards[i], 1, null, null, new Shard(i, 3), false, false, true, CiSpec.DEFAULT, List.of(), null);
            var r = GridOperation.execute(req, GridOperation::fits, org.crystalbench.TestCli.console());
            assertEquals(0, r.status().code()); // the shard's own slice is complete
            assertEquals(8, r.counts().expected());
        }
        Path partial = dir.resolve("partial");
        var p = MergeOperation.execute(new MergeOperation.Request(List.of(shards[0], shards[2]), partial, CiSpec.DEFAULT, List.of("merge")), org.crystalbench.TestCli.console());
        assertEquals(ExitCode.INCOMPLETE.code(), p.status().code());
        assertEquals(8, p.missing().size());
        var expectedMissing = new Shard(1, 3).select(GridPlan.of(org.crystalbench.config.ConfigLoader.load(config), config).units());
        assertEquals(expectedMissing.stream().map(WorkUnit::key).toList(), p.missing().stream().map(WorkUnit::key).toList());
        assertEquals(9, Files.readAllLines(partial.resolve("missing.csv")).size());
        assertTrue(Files.readString(partial.resolve("grid.md")).contains("8 of 24 work units not finished"));

        Path merged = dir.resolve("merged");
        var m = MergeOperation.execute(new MergeOperation.Request(List.of(shards[0], shards[1], shards[2], shards[1]), merged, CiSpec.DEFAULT, List.of("merge")), org.crystalbench.TestCli.console()); // duplicates removed
        assertEquals(0, m.status().code());
        assertEquals(GridFixtures.metricColumns(single, "grid.csv"), GridFixtures.metricColumns(merged, "grid.csv"));
        assertFalse(Files.exists(merged.resolve("missing.csv")));
        // The merged folder records itself and each shard's own record (the repeated folder once).
        var prov = Json.MAPPER.readTree(Files.readString(merged.resolve("provenance.json")));
        assertEquals(0, prov.get("threads").asInt());
        var from = prov.get("merged_from");
        assertEquals(3, from.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(shards[i].toString(), from.get(i).get("folder").asString());
            assertEquals(prov.get("data_sha256").asString(), from.get(i).get("provenance").get("data_sha256").asString());
        }
        // A shard without a record (deleted, or from an older version) is merged all the same, recorded as null.
        Files.delete(shards[2].resolve("provenance.json"));
        Path merged2 = dir.resolve("merged-2");
        assertEquals(0, MergeOperation.execute(new MergeOperation.Request(List.of(shards[0], shards[1], shards[2]), merged2, CiSpec.DEFAULT, List.of("merge")), org.crystalbench.TestCli.console()).status().code());
        var from2 = Json.MAPPER.readTree(Files.readString(merged2.resolve("provenance.json"))).get("merged_from");
        assertTrue(from2.get(2).get("provenance").isNull());
        assertFalse(from2.get(0).get("provenance").isNull());

        // A merged folder is a grid folder: resuming it runs just the missing units.
        var filled = GridFixtures.run(GridFixtures.request(config, partial));
        assertEquals(8, filled.fits().ran());
        assertEquals(GridFixtures.metricColumns(single, "grid.csv"), GridFixtures.metricColumns(partial, "grid.csv"));
    }

    @Test
    void mergeRefusesFoldersOfDifferentGrids() throws Exception {
        GridFixtures.run(GridFixtures.request(config, dir.resolve("a")));
        Path other = GridFixtures.config(dir, "other.yaml", data, 2, 3, GridFixtures.SMALL_GRID.replace("1.0]", "5.0]"));
        GridFixtures.run(GridFixtures.request(other, dir.resolve("b")));
        var e = assertThrows(InputException.class, () -> MergeOperation.execute(new MergeOperation.Request(List.of(dir.resolve("a"), dir.resolve("b")), dir.resolve("m"), CiSpec.DEFAULT, List.of("merge")), org.crystalbench.TestCli.console()));
        assertTrue(e.getMessage().contains("not the same grid"), e.getMessage());
    }

    @Test
    void aFolderInUseByAnotherRunIsRefused() throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        try (var held = FolderLock.acquire(out)) {
            var e = assertThrows(InputException.class, () -> GridFixtures.run(GridFixtures.request(config, out)));
            assertTrue(e.getMessage().contains("another grid process"), e.getMessage());
        }
        assertEquals(0, GridFixtures.run(GridFixtures.request(config, out)).status().code());
    }

    @Test
    void aTornLastLineIsIgnoredAndTheUnitRunAgain() throws Exception {
        Path full = dir.resolve("full"), torn = dir.resolve("torn");
        GridFixtures.run(GridFixtures.request(config, full));
        GridFixtures.run(GridFixtures.request(config, torn));
        List<String> lines = Files.readAllLines(torn.resolve(Journal.FILE));
        String last = lines.getLast();
        var text = new StringBuilder();
        lines.subList(0, lines.size() - 1).forEach(l -> text.append(l).append('\n'));
        text.append(last, 0, last.length() / 2); // killed in the middle of writing the last line
        Files.writeString(torn.resolve(Journal.FILE), text);
        var r = GridFixtures.run(GridFixtures.request(config, torn));
        assertEquals(1, r.fits().ran());
        assertEquals(0, r.status().code());
        assertEquals(24, Files.readAllLines(torn.resolve(Journal.FILE)).size());
        // Every line parses (readAll throws otherwise): the new line was not glued to the torn one.
        assertEquals(24, Journal.readAll(torn.resolve(Journal.FILE)).size());
        assertEquals(GridFixtures.metricColumns(full, "grid.csv"), GridFixtures.metricColumns(torn, "grid.csv"));
    }
}
