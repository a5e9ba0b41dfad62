package org.crystalbench.grid;

import org.crystalbench.grid.journal.Journal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.crystalbench.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes: killed with SIGKILL mid-run, and shards run side by side. */
class GridProcessTest {
    @TempDir
    Path dir;
    Path config;

    static final String MODELS = GridFixtures.MODELS + "- {name: DNN, type: mlp, hidden: [16], epochs: 40, batch: 16}\n";
    static final String GRID = """
            grid:
              models:
                LR: {lambda: [0.001, 0.01, 0.1, 1.0]}
                NB: {var_smoothing: [1.0e-9, 1.0e-3]}
                SVM: {C: [1, 10]}
                DNN: {weight_decay: [0.0, 1.0e-3]}
                Voting: {weights: [[1, 1, 1], [1, 2, 1]]}
            """;

    @BeforeEach
    void setUp() throws Exception {
        Path data = Fixtures.syntheticCsv(dir, 120, 5);
        config = GridFixtures.config(dir, "grid.yaml", data, 3, 3, MODELS, GRID); // 12 points x 9 splits = 108 units
    }

    @Test
    void aRunKilledWithSigkillResumesToTheUninterruptedTables() throws Exception {
        Path killed = dir.resolve("killed"), full = dir.resolve("full");
        long stopAt = 5 + new Random().nextInt(60); // a random point in the run
        Process p = GridFixtures.launch(dir.resolve("child.log"), "grid", config.toString(), "--out", killed.toString(),
                "--threads", "2", "-q");
        Path journal = killed.resolve(Journal.FILE);
        // No tight wall-clock budget for reaching stopAt: under a heavy load the child can take minutes to get there (the
        // 120 s this had could run out on a busy machine, killing the child too early); GridFixtures.HANG only stops a hung child.
        long deadline = System.nanoTime() + GridFixtures.HANG.toNanos();
        while (p.isAlive() && GridFixtures.lines(journal) < stopAt && System.nanoTime() < deadline) Thread.sleep(2);
        p.destroyForcibly(); // SIGKILL on Unix
        p.waitFor();
        long before = GridFixtures.lines(journal);
        assertTrue(before >= stopAt && before < 108, "killed after " + before + " of 108 units; log: "
                + Files.readString(dir.resolve("child.log")));
        assertFalse(Files.exists(killed.resolve("grid.csv")), "the child had not reached its tables");

        var resumed = GridFixtures.run(GridFixtures.request(config, killed));
        assertEquals(0, resumed.status().code());
        assertEquals(108, resumed.counts().ok());
        assertTrue(resumed.fits().ran() <= 108 - before);
        var uninterrupted = GridFixtures.run(GridFixtures.request(config, full));
        assertEquals(GridFixtures.metricColumns(full, "grid.csv"), GridFixtures.metricColumns(killed, "grid.csv"));
    }

    @Test
    void threeShardProcessesMergeIntoTheSingleRunTables() throws Exception {
        List<Process> children = new ArrayList<>();
        List<Path> shards = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path out = dir.resolve("shard-" + i);
            shards.add(out);
            children.add(GridFixtures.launch(dir.resolve("shard-" + i + ".log"), "grid", config.toString(), "--out", out.toString(),
                    "--shard", i + "/3", "--threads", "1", "-q"));
        }
        for (int i = 0; i < 3; i++) {
            assertTrue(children.get(i).waitFor(GridFixtures.HANG.toSeconds(), TimeUnit.SECONDS));
            assertEquals(0, children.get(i).exitValue(), Files.readString(dir.resolve("shard-" + i + ".log")));
            assertEquals(36, Journal.readAll(shards.get(i).resolve(Journal.FILE)).size());
        }
        Path merged = dir.resolve("merged"), single = dir.resolve("single");
        Process merge = GridFixtures.launch(dir.resolve("merge.log"), "merge", shards.get(0).toString(), shards.get(1).toString(),
                shards.get(2).toString(), "--out", merged.toString());
        assertTrue(merge.waitFor(GridFixtures.HANG.toSeconds(), TimeUnit.SECONDS));
        assertEquals(0, merge.exitValue(), Files.readString(dir.resolve("merge.log")));
        GridFixtures.run(GridFixtures.request(config, single));
        assertEquals(GridFixtures.metricColumns(single, "grid.csv"), GridFixtures.metricColumns(merged, "grid.csv"));
        assertEquals(Files.readString(single.resolve("grid-manifest.csv")), Files.readString(merged.resolve("grid-manifest.csv")));
    }

    @Test
    void aKernelSvmTooLargeForTheHeapIsRefusedBeforeTheFolderIsMade() throws Exception {
        // 20,000 rows, 3 x 3-fold: ~13,300 training rows, a binary machine of ~8,800 whose kernel matrix (4 x 8,800² bytes)
        // is larger than libsvm's 200 MB cache: 2 threads x 200 MB > half of 512 MiB.
        Path big = GridFixtures.config(dir, "big.yaml", Fixtures.syntheticCsv(dir, 20_000, 5), 3, 3, MODELS, GRID);
        Path out = dir.resolve("big-out");
        Process p = GridFixtures.launch(dir.resolve("big.log"), "grid", big.toString(), "--out", out.toString(), "--threads", "2", "-q");
        assertTrue(p.waitFor(GridFixtures.HANG.toSeconds(), TimeUnit.SECONDS));
        String log = Files.readString(dir.resolve("big.log"));
        assertEquals(2, p.exitValue(), log);
        assertTrue(log.contains("model 'SVM': a kernel SVM on"), log);
        assertFalse(log.contains("Exception"), log);
        assertFalse(Files.exists(out), "nothing written");
    }
}
