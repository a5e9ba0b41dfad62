package org.crystalbench.grid;

import org.crystalbench.grid.search.Search;

import org.crystalbench.grid.fit.UnitEvaluator;
import org.crystalbench.grid.journal.Journal;
import org.crystalbench.grid.journal.JournalEntry;
import org.crystalbench.grid.plan.Shard;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.crystalbench.Fixtures;
import org.crystalbench.TestCli;
import org.crystalbench.splits.Protocol;
import org.crystalbench.stats.CiSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** grid.search: race and halving decide from the journal alone, resume after a kill and run stage by stage on shards. */
class SearchTest {
    @TempDir
    Path dir;

    static final String EIGHT_POINTS = """
            grid:
              models:
                LR: {lambda: [0.001, 0.01, 0.1, 1, 10, 100, 1000, 10000]}
            """;

    /** LR-000 best, LR-001 close behind, the other six 0.25 worse; scores vary by split and point. */
    static final Function<GridOperation.Context, UnitEvaluator> SCORES = c -> u -> {
        int i = u.point().index();
        int s = u.split().repeat() * 4 + u.split().fold();
        double acc = (i == 0 ? 0.85 : i == 1 ? 0.84 : 0.60) + 0.01 * ((s * 7 + i * 3) % 5);
        return new UnitEvaluator.Result(NestedCvTest.scores(acc), 80, 40, List.of());
    };

    private Path config(String name, String search) throws Exception {
        return GridFixtures.config(dir, name, Fixtures.syntheticCsv(dir, 120, 3), 5, 4, EIGHT_POINTS + search);
    }

    private static List<String> rows(Path out) throws Exception {
        return GridFixtures.metricColumns(out, "grid.csv");
    }

    private static Set<String> keys(Path out) {
        Set<String> keys = new TreeSet<>();
        Journal.readAll(out.resolve(Journal.FILE)).forEach(e -> keys.add(e.key()));
        return keys;
    }

    private static String best(Path out) throws Exception {
        String md = Files.readString(out.resolve("grid.md"));
        String best = md.substring(md.indexOf("## Best parameters"));
        // the train command names the folder, which differs between the two runs
        return best.replaceAll("(?s)\nTo fit each model's best point.*?records the point\\.\\)\n", "");
    }

    @Test
    void aRaceDropsClearlyWorsePointsEarlyAndChoosesTheExhaustiveBest() throws Exception {
        Path exhaustive = dir.resolve("exhaustive"), race = dir.resolve("race");
        assertEquals(0, GridFixtures.run(GridFixtures.request(config("e.yaml", ""), exhaustive), SCORES).status().code());
        var r = GridFixtures.run(GridFixtures.request(config("r.yaml", "  search: race\n  race: {first_block: 8, block: 4}\n"), race), SCORES);
        assertEquals(0, r.status().code());
        assertEquals(160, keys(exhaustive).size());
        // six points dropped after the first block (8 splits each), the two leaders run all 20: 48 + 40 fits
        assertEquals(88, keys(race).size());
        List<String> csv = rows(race);
        for (int i = 2; i < 8; i++) {
            String id = "LR-00" + i;
            assertTrue(csv.stream().anyMatch(l -> l.contains(id) && l.endsWith("| dropped | 1 | 8")), id + " in " + csv);
        }
        assertTrue(csv.stream().anyMatch(l -> l.contains("LR-000") && l.endsWith("| kept |  | 20")), csv.toString());
        assertEquals(best(exhaustive), best(race));
        String md = Files.readString(race.resolve("grid.md"));
        assertTrue(md.contains("Units scheduled: 88 of the exhaustive grid's 160 (55.0%)"), md);
        assertTrue(md.contains("Race: 8 points; block 1 (8 splits): 8 → 2;"), md);
        assertTrue(md.contains("dropped after block 1 (8 splits)"), md);
        assertTrue(md.contains("- dropped after block 1: LR-002, LR-003, LR-004, LR-005, LR-006, LR-007\n"), md);
        var check = TestCli.run("grid-compare", exhaustive.toString(), race.toString());
        assertEquals(0, check.code(), check.err());
        assertTrue(check.out().contains("Search `race`: 88 fits of the exhaustive 160 (55.0%)"), check.out());
        assertTrue(check.out().contains("| numeric | LR | 2 of 8 | 88 of 160 | LR-000 | "), check.out());
        assertTrue(check.out().contains("| LR-000 | "), check.out());
        assertTrue(check.out().contains("| same point |"), check.out());
        // The same race replayed on the exhaustive journal makes the same decisions without a fit.
        var replay = TestCli.run("grid-compare", exhaustive.toString(), dir.resolve("r.yaml").toString());
        assertEquals(0, replay.code(), replay.err());
        assertEquals(check.out(), replay.out(), "the same units, timed by the exhaustive run in both");
        var backwards = TestCli.run("grid-compare", race.toString(), exhaustive.toString());
        assertEquals(2, backwards.code());
        assertTrue(backwards.err().contains("not an exhaustive grid (grid.search: race)"), backwards.err());
        String report = Files.readString(race.resolve("report.md"));
        assertTrue(report.contains("6 of 8 points were dropped before the last split"), report);
        assertTrue(report.contains("88 cv fits of the exhaustive 160 (55.0%)"), report);
        assertTrue(report.contains("| dropped after stage 1 |"), report);
        assertTrue(report.contains("| LR | 2 | after 1: LR-002, LR-003, LR-004, LR-005, LR-006, LR-007 |"), report);
    }

    @Test
    void aKilledRaceResumesTheSameRace() throws Exception {
        Path config = config("r.yaml", "  search: race\n  race: {first_block: 8, block: 4}\n");
        Path whole = dir.resolve("whole"), cut = dir.resolve("cut");
        GridFixtures.run(GridFixtures.request(config, whole), SCORES);
        // A kill after 30 lines (mid first block) and in the middle of a write: the rest of the race must be the same.
        GridFixtures.run(GridFixtures.request(config, cut), SCORES);
        List<String> lines = Files.readAllLines(cut.resolve(Journal.FILE));
        Files.writeString(cut.resolve(Journal.FILE), String.join("\n", lines.subList(0, 30)) + "\n" + lines.get(30).substring(0, 25));
        var r = GridFixtures.run(GridFixtures.request(config, cut), SCORES);
        assertEquals(0, r.status().code());
        assertEquals(88 - 30, r.fits().ran());
        assertEquals(keys(whole), keys(cut));
        assertEquals(rows(whole), rows(cut));
    }

    @Test
    void shardsRunARaceStageByStageThroughMerges() throws Exception {
        Path config = config("r.yaml", "  search: race\n  race: {first_block: 8, block: 4}\n");
        Path single = dir.resolve("single"), merged = dir.resolve("merged");
        GridFixtures.run(GridFixtures.request(config, single), SCORES);
        Path[] shards = {dir.resolve("s0"), dir.resolve("s1")};
        int merges = 0, exit;
        do {
            for (int i = 0; i < 2; i++) {
                var req = new GridOperation.Request(config, null, shards[i], 1, null, null, new Shard(i, 2), false, false, true,
                        CiSpec.DEFAULT, List.of(), Files.exists(merged) ? merged : null);
                assertEquals(0, GridFixtures.run(req, SCORES).status().code(), "a shard whose part of the stage is done exits 0");
            }
            exit = MergeOperation.execute(new MergeOperation.Request(List.of(shards), merged, CiSpec.DEFAULT, List.of()), TestCli.console()).status().code();
            merges++;
        } while (exit == 6 && merges < 10);
        assertEquals(0, exit);
        assertTrue(merges >= 2, "the race needs a second stage after its first block");
        assertEquals(keys(single), keys(merged));
        assertEquals(rows(single), rows(merged));
    }

    @Test
    void halvingKeepsTheBestThirdOnEachRung() throws Exception {
        Path out = dir.resolve("halving");
        var r = GridFixtures.run(GridFixtures.request(config("h.yaml", "  search: halving\n  halving: {eta: 3, min_splits: 2}\n"), out), SCORES);
        assertEquals(0, r.status().code());
        // rung 1: 8 points x 2 splits; rung 2: the best 3 on 6 splits; rung 3: the best 1 on all 20 = 16 + 12 + 14
        assertEquals(42, keys(out).size());
        List<String> csv = rows(out);
        assertTrue(csv.stream().anyMatch(l -> l.contains("LR-000") && l.endsWith("| kept |  | 20")), csv.toString());
        assertEquals(5, csv.stream().filter(l -> l.endsWith("| dropped | 1 | 2")).count(), csv.toString());
        assertEquals(2, csv.stream().filter(l -> l.endsWith("| dropped | 2 | 6")).count(), csv.toString());
    }

    @Test
    void withNestedCvOnlyThePointChosenOnTheInnerSplitsRunsOnEachOuterSplit() throws Exception {
        Path out = dir.resolve("nested");
        Path config = GridFixtures.config(dir, "n.yaml", Fixtures.syntheticCsv(dir, 120, 3), 5, 4, EIGHT_POINTS
                + "  search: race\n  race: {first_block: 8, block: 4}\n  nested:\n    outer: {repeats: 1, folds: 3}\n    inner: {repeats: 3, folds: 4}\n");
        assertEquals(0, GridFixtures.run(GridFixtures.request(config, out), SCORES).status().code());
        List<JournalEntry> outer = Journal.readAll(out.resolve(Journal.FILE)).stream().filter(e -> e.protocol() == Protocol.OUTER).toList();
        assertEquals(3, outer.size(), outer.toString());
        assertTrue(outer.stream().allMatch(e -> e.paramHash().equals(outer.getFirst().paramHash())), "LR-000 wins every inner race");
        assertTrue(Files.readString(out.resolve("nested.csv")).contains("\nnumeric,LR,3,"), "three outer splits used");
    }

    @Test
    void badSearchSettingsAreInputErrors() throws Exception {
        var r = TestCli.run("grid", config("a.yaml", "  search: racing\n").toString(), "--out", dir.resolve("a").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("search: 'racing' (one of exhaustive, race, halving)"), r.err());
        r = TestCli.run("grid", config("b.yaml", "  race: {block: 2}\n").toString(), "--out", dir.resolve("b").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("race: given, but search is not race"), r.err());
        r = TestCli.run("grid", config("c.yaml", "  search: race\n  race: {first_block: 1}\n").toString(), "--out", dir.resolve("c").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("first_block must be >= 2"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        // --merged must be a folder of the same grid
        Path race = config("d.yaml", "  search: race\n");
        Path other = dir.resolve("other");
        assertEquals(0, GridFixtures.run(GridFixtures.request(config("e.yaml", ""), other), SCORES).status().code());
        r = TestCli.run("grid", race.toString(), "--out", dir.resolve("d").toString(), "--merged", other.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--merged: not this grid: the config differs"), r.err());
        r = TestCli.run("grid", race.toString(), "--out", dir.resolve("d").toString(), "--merged", dir.resolve("nowhere").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--merged: not a folder"), r.err());
        assertFalse(Files.exists(dir.resolve("d")), "nothing written on bad input");
    }

    @Test
    void theRulesAreAFunctionOfDoneSplitsAndSurvivors() {
        var race = new Search.Rules(Search.Kind.RACE, 10, 5, 0.05, 3, 5);
        assertEquals(10, Search.next(race, 0, 80, 50));
        assertEquals(15, Search.next(race, 10, 40, 50));
        assertEquals(50, Search.next(race, 15, 1, 50), "the last survivor runs the rest");
        assertEquals(50, Search.next(race, 48, 3, 50));
        var halving = new Search.Rules(Search.Kind.HALVING, 10, 5, 0.05, 3, 5);
        assertEquals(5, Search.next(halving, 0, 80, 50));
        assertEquals(15, Search.next(halving, 5, 27, 50));
        assertEquals(45, Search.next(halving, 15, 9, 50));
        assertEquals(50, Search.next(halving, 45, 3, 50));
    }
}
