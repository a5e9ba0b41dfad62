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
        assertTrue(e.getMessage().startsWith("big.csv: 200 MiB of CSV needs about 300 MiB"), e.getMessage());
        assertTrue(e.getMessage().contains("CRYSTAL_BENCH_JAVA_OPTS"), e.getMessage());
        assertDoesNotThrow(() -> Experiment.checkFits(Path.of("big.csv"), 200 * mib, 600 * mib));
    }

    @Test
    void aKernelSvmTooLargeForTheHeapIsRefusedBeforeTheFirstFit(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path data = org.crystalbench.Fixtures.syntheticCsv(dir, 300, 1);
        Path config = org.crystalbench.Fixtures.config(data.toAbsolutePath()).models(org.crystalbench.Fixtures.FAST_MODELS)
                .protocols("holdout: {repeats: 2, test_ratio: 0.2}").write(dir, "c.yaml");
        Experiment exp = Experiment.prepare(org.crystalbench.config.ConfigLoader.load(config), config);
        // 239 training rows: the largest one-vs-one machine has 185 rows: its kernel (at most 32 x 185² bytes) fits in
        // libsvm's 200 MB cache budget, 1.1 MB with the solver's arrays per fit
        assertDoesNotThrow(() -> exp.checkKernelMemory(2, 64L << 20));
        var e = assertThrows(InputException.class, () -> exp.checkKernelMemory(2, 2L << 20));
        assertTrue(e.getMessage().startsWith("model 'SVM': a kernel SVM on 239 training rows (largest binary machine 185 rows) may need 2.1 MiB"), e.getMessage());
        assertTrue(e.getMessage().contains("2 fits at once"), e.getMessage());
    }
}
