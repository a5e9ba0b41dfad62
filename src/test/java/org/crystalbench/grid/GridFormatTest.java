package org.crystalbench.grid;

import org.crystalbench.grid.journal.GridMeta;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.crystalbench.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A journal from a crystal-bench that seeded grid fits differently is refused, not resumed with mixed seeds. */
class GridFormatTest {
    @TempDir
    Path dir;

    @Test
    void aFolderOfAnOlderGridFormatIsRefused() throws Exception {
        Path data = org.crystalbench.Fixtures.syntheticCsv(dir, 90, 1);
        Path config = GridFixtures.config(dir, "c.yaml", data, 1, 3, GridFixtures.SMALL_GRID);
        Path out = dir.resolve("out");
        GridFixtures.run(GridFixtures.request(config, out));
        Path meta = out.resolve(GridMeta.FILE);
        Files.writeString(meta, Files.readString(meta).replace("\"format\" : " + GridMeta.FORMAT, "\"format\" : 1"));
        var e = assertThrows(InputException.class, () -> GridFixtures.run(GridFixtures.request(config, out)));
        assertTrue(e.getMessage().contains("seeded differently"), e.getMessage());
    }
}
