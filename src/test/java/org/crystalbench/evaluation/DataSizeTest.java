package org.crystalbench.evaluation;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.crystalbench.InputException;
import org.junit.jupiter.api.Test;

class DataSizeTest {
    @Test
    void aFileThatCannotFitIsRefusedBeforeReading() {
        long mib = 1 << 20;
        var e = assertThrows(InputException.class, () -> Experiment.checkFits(Path.of("big.csv"), 200 * mib, 256 * mib));
        assertTrue(e.getMessage().startsWith("big.csv: 200 MiB of CSV needs about 500 MiB"), e.getMessage());
        assertTrue(e.getMessage().contains("CRYSTAL_BENCH_JAVA_OPTS"), e.getMessage());
        assertDoesNotThrow(() -> Experiment.checkFits(Path.of("big.csv"), 200 * mib, 600 * mib));
    }
}
