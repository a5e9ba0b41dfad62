package org.crystalbench.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.crystalbench.Fixtures;
import org.crystalbench.TestCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** grid refuses a config's holdout protocol in one line, before any output, rather than ignoring it. */
class GridHoldoutTest {
    @Test
    void aHoldoutProtocolIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
        Path data = Fixtures.syntheticCsv(dir, 60, 3);
        Path config = Fixtures.config(data.toAbsolutePath()).name("holdout-grid").featureSets(Fixtures.NUMERIC_SET)
                .protocols("holdout: {repeats: 3, test_ratio: 0.2}\ncv: {repeats: 1, folds: 3}").models(GridFixtures.MODELS)
                .append(GridFixtures.SMALL_GRID).write(dir, "g.yaml");
        Path out = dir.resolve("out");
        var r = TestCli.run("grid", config.toString(), "--out", out.toString(), "-q");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(config + ": protocols.holdout: 'grid' does not run a holdout protocol"), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }
}
