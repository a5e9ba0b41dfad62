package org.crystalbench.grid;

import org.crystalbench.grid.journal.GridMeta;
import org.crystalbench.grid.journal.Journal;
import org.crystalbench.grid.plan.Shard;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.crystalbench.Fixtures;
import org.crystalbench.InputException;
import org.crystalbench.io.Console;
import org.crystalbench.stats.CiSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code merge --out} never overwrites a folder that holds other results (issue 15, defect 1). */
class MergeOutTest {
    @TempDir
    Path dir;
    Path data, config;

    @BeforeEach
    void setUp() throws Exception {
        data = Fixtures.syntheticCsv(dir, 120, 3);
        config = GridFixtures.config(dir, "grid.yaml", data, 2, 3, GridFixtures.SMALL_GRID);
    }

    private static MergeOperation.Outcome merge(List<Path> dirs, Path out) {
        return MergeOperation.execute(new MergeOperation.Request(dirs, out, CiSpec.DEFAULT, List.of("merge")), org.crystalbench.TestCli.console());
    }

    @Test
    void anotherGridsFolderIsRefusedAndLeftUntouched() throws Exception {
        Path a = dir.resolve("a"), b = dir.resolve("b");
        GridFixtures.run(GridFixtures.request(config, a));
        Path other = GridFixtures.config(dir, "other.yaml", data, 2, 3, GridFixtures.SMALL_GRID.replace("1.0]", "5.0]"));
        GridFixtures.run(GridFixtures.request(other, b));
        String journal = Files.readString(b.resolve(Journal.FILE)), meta = Files.readString(b.resolve(GridMeta.FILE));
        var e = assertThrows(InputException.class, () -> merge(List.of(a), b));
        assertTrue(e.getMessage().contains("another grid"), e.getMessage());
        assertEquals(journal, Files.readString(b.resolve(Journal.FILE)));
        assertEquals(meta, Files.readString(b.resolve(GridMeta.FILE)));
    }

    @Test
    void aFolderWithFilesButNoGridIsRefused() throws Exception {
        Path a = dir.resolve("a"), run = dir.resolve("run");
        GridFixtures.run(GridFixtures.request(config, a));
        Files.createDirectories(run);
        Files.writeString(run.resolve("summary.md"), "a run's results\n");
        var e = assertThrows(InputException.class, () -> merge(List.of(a), run));
        assertTrue(e.getMessage().contains("not a grid folder"), e.getMessage());
        assertEquals(List.of("summary.md"), Files.list(run).map(p -> p.getFileName().toString()).toList());
        // A journal without its grid-meta.json is somebody's results too.
        Files.delete(run.resolve("summary.md"));
        Files.copy(a.resolve(Journal.FILE), run.resolve(Journal.FILE));
        assertThrows(InputException.class, () -> merge(List.of(a), run));
    }

    @Test
    void aForeignJournalCopiedIntoAFolderIsRefused() throws Exception {
        Path a = dir.resolve("a"), b = dir.resolve("b");
        GridFixtures.run(GridFixtures.request(config, a));
        Path reseeded = Files.writeString(dir.resolve("reseeded.yaml"), Files.readString(config).replace("seed: 7", "seed: 8"));
        GridFixtures.run(GridFixtures.request(reseeded, b));
        Files.copy(b.resolve(Journal.FILE), a.resolve(Journal.FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        var e = assertThrows(InputException.class, () -> GridFixtures.run(GridFixtures.request(config, a)));
        assertTrue(e.getMessage().contains(Journal.FILE + ":1: journal line refused: belongs to another grid"), e.getMessage());
        var m = assertThrows(InputException.class, () -> merge(List.of(a), dir.resolve("m")));
        assertTrue(m.getMessage().contains("belongs to another grid"), m.getMessage());
    }

    @Test
    void theSameGridsFolderKeepsItsOwnEntries() throws Exception {
        Path s0 = dir.resolve("s0"), s1 = dir.resolve("s1");
        for (int i = 0; i < 2; i++) {
            var req = new GridOperation.Request(config, null, i == 0 ? s0 : s1, 1, null, null, new Shard(i, 2), false, false, true,
                    CiSpec.DEFAULT, List.of(), null);
            GridFixtures.run(req);
        }
        // Merging shard 0 into shard 1's folder: shard 1's units are kept, so the result is complete.
        var m = merge(List.of(s0), s1);
        assertEquals(0, m.status().code());
        assertEquals(24, m.counts().ok());
        assertEquals(24, Journal.readAll(s1.resolve(Journal.FILE)).size());
        // An empty folder is fine (the usual case).
        assertEquals(4, merge(List.of(s0), dir.resolve("empty")).status().code());
    }
}
