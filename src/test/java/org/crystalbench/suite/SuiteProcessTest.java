package org.crystalbench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.crystalbench.Fixtures;
import org.crystalbench.TestCli;
import org.crystalbench.grid.GridFixtures;
import org.crystalbench.grid.journal.Journal;
import org.crystalbench.grid.plan.Shard;
import org.crystalbench.results.SuiteTables;
import org.crystalbench.stats.CiSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A suite in a child process killed with SIGKILL at a random point (any data set, possibly mid-write): run again, it fits
 * only the units without an entry (every unit has exactly one journal line) and its tables equal an uninterrupted run's.
 */
class SuiteProcessTest {
    private static final String DS = "    target: Crystal System\n    id_columns: [Materials Id]\n"
            + "    numeric: [Formation Energy (eV), Band Gap (eV), Density (gm/cc), Volume]\n";
    private static final int UNITS = 3 * 9 * 3; // data sets x splits x models

    @Test
    void aSuiteKilledWithSigkillResumesToTheUninterruptedTables(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        for (int i = 1; i <= 3; i++) Fixtures.writeSynthetic(data.resolve("d" + i + ".csv"), 120, i);
        Path config = dir.resolve("suite.yaml");
        StringBuilder yaml = new StringBuilder("name: k\nseed: 11\ndatasets:\n");
        for (int i = 1; i <= 3; i++) yaml.append("  - id: d").append(i).append("\n    path: d").append(i).append(".csv\n").append(DS);
        yaml.append("protocols:\n  cv: {repeats: 3, folds: 3}\nmodels:\n  - {name: NB, type: naive-bayes}\n  - {name: LR, type: logistic}\n"
                + "  - {name: DNN, type: mlp, hidden: [16], epochs: 40, batch: 16}\n");
        Files.writeString(config, yaml);

        Path killed = dir.resolve("killed");
        long stopAt = 3 + new Random().nextInt(UNITS - 25); // a random point of the suite, in any of its data sets
        Process p = GridFixtures.launch(dir.resolve("child.log"), "suite", config.toString(), "--data", data.toString(), "--out",
                killed.toString(), "--threads", "2", "-q");
        long deadline = System.nanoTime() + GridFixtures.HANG.toNanos();
        while (p.isAlive() && lines(killed) < stopAt && System.nanoTime() < deadline) Thread.sleep(2);
        p.destroyForcibly(); // SIGKILL on Unix
        p.waitFor();
        long before = lines(killed);
        assertTrue(before >= stopAt && before < UNITS, "killed after " + before + " of " + UNITS + " units; log: "
                + Files.readString(dir.resolve("child.log")));
        assertFalse(Files.exists(killed.resolve(SuiteTables.SCORES)), "the child had not reached the suite's tables");

        List<String> finished = new java.util.ArrayList<>();
        for (int i = 1; i <= 3; i++) finished.add(complete(killed.resolve("d" + i).resolve(Journal.FILE)));

        var resumed = SuiteOperation.execute(request(config, data, killed), TestCli.console());
        assertEquals(0, resumed.status().code());
        assertEquals(UNITS, lines(killed), "a finished unit was fitted again, or one is missing");
        for (int i = 1; i <= 3; i++) { // what was finished is kept as it was, not fitted again
            assertTrue(Files.readString(killed.resolve("d" + i).resolve(Journal.FILE)).startsWith(finished.get(i - 1)), "d" + i);
        }
        Path full = dir.resolve("full");
        SuiteOperation.execute(request(config, data, full), TestCli.console());
        for (String f : List.of(SuiteTables.SCORES, SuiteTables.LEADERBOARD, SuiteTables.PAIRS, SuiteTables.TESTS, "d1/per-class.csv",
                "d2/comparisons.csv", "d3/confusion.csv")) {
            assertEquals(Files.readString(full.resolve(f)), Files.readString(killed.resolve(f)), f);
        }
    }

    private static SuiteOperation.Request request(Path config, Path data, Path out) {
        return new SuiteOperation.Request(config, data, out, 2, null, null, Shard.ALL, false, false, true, CiSpec.DEFAULT, List.of());
    }

    /** The complete lines of a journal (a torn last line cut off), "" when there is none. */
    private static String complete(Path journal) throws Exception {
        if (!Files.exists(journal)) return "";
        String s = Files.readString(journal);
        return s.substring(0, s.lastIndexOf('\n') + 1);
    }

    /** Complete journal lines over the data sets' folders (a torn last line is not counted). */
    private static long lines(Path suite) throws Exception {
        long n = 0;
        for (int i = 1; i <= 3; i++) n += GridFixtures.lines(suite.resolve("d" + i).resolve(Journal.FILE));
        return n;
    }
}
