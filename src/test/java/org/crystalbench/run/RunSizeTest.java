package org.crystalbench.run;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.crystalbench.ExitCode;
import org.crystalbench.Fixtures;
import org.crystalbench.InputException;
import org.crystalbench.TestCli;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.evaluation.Experiment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A run too large for the heap is refused before its splits are made and before the first fit, as a grid is. */
class RunSizeTest {
    @TempDir
    Path dir;

    Path config(String protocols) throws Exception {
        Path data = Fixtures.syntheticCsv(dir, 90, 3);
        return Fixtures.config(data.toAbsolutePath()).models("- {name: LR, type: logistic}\n- {name: NB, type: naive-bayes}")
                .protocols(protocols).write(dir, "c.yaml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cv: {repeats: 1000000000, folds: 5}", "holdout: {repeats: 2000000000}", "cv: {repeats: 30000000, folds: 5}"})
    void hugeRepeatsAreRefusedAtOnce(String protocols) throws Exception {
        Path c = config(protocols);
        for (String command : new String[] {"run", "audit"}) {
            var r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> TestCli.run(command, c.toString(), "--out",
                    dir.resolve("out").toString(), "--threads", "1"));
            assertEquals(ExitCode.BAD_INPUT.code(), r.code(), command + ": " + r.err());
            String msg = r.err().strip();
            assertEquals(1, msg.lines().count(), msg);
            assertTrue(msg.startsWith("crystal-bench: error: " + c + ": protocols: "), msg);
            assertTrue(msg.contains("CRYSTAL_BENCH_JAVA_OPTS=-Xmx"), msg);
            assertFalse(Files.exists(dir.resolve("out")), "nothing written");
        }
    }

    @Test
    void aRunWhoseSplitsFitButWhoseResultsDoNotIsRefusedBeforeTheFirstFit() throws Exception {
        // 2 feature sets x 2 models on 90 rows: a cv repeat keeps ~37.8 KB of results but only ~3 KB of splits
        long heap = Runtime.getRuntime().maxMemory();
        long repeats = (long) Math.ceil(1.6 * heap / (5 * 4 * 1024 + 4 * 90 * 48.0));
        Path c = config("cv: {repeats: " + repeats + ", folds: 5}");
        var r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> TestCli.run("run", c.toString(), "--out",
                dir.resolve("out").toString(), "-q"));
        assertEquals(ExitCode.BAD_INPUT.code(), r.code(), r.err());
        assertTrue(r.err().contains(": protocols: ") && r.err().contains(" fits (2 feature sets x 2 models x "), r.err());
        assertDoesNotThrow(() -> Experiment.checkSplits(c, ConfigLoader.load(c), 90, heap), "the splits alone would fit");
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void theEstimateCountsFitsAndTestRowsAndUsesTheHeapGiven() throws Exception {
        ExperimentConfig cfg = ConfigLoader.load(config("holdout: {repeats: 10, test_ratio: 0.2}\ncv: {repeats: 100, folds: 5}"));
        RunSize size = RunSize.of(cfg, 1000);
        assertEquals(2, cfg.featureSets().size());
        assertEquals(2 * 2 * (10 + 500), size.fits()); // two feature sets, two models
        assertEquals(2 * 2 * (10 * 0.2 * 1000 + 100 * 1000), size.testRows(), 1e-6); // a cv repeat tests every row once
        assertEquals(size.fits() * 1024 + size.testRows() * (24 + 8 * 3), size.bytes(3), 1e-6);
        assertDoesNotThrow(() -> RunSize.check(Path.of("c.yaml"), cfg, 1000, 3, 64L << 20));
        long edge = (long) (size.bytes(3) / 0.8); // refused above 80% of the heap
        assertDoesNotThrow(() -> RunSize.check(Path.of("c.yaml"), cfg, 1000, 3, edge + 1000));
        assertThrows(InputException.class, () -> RunSize.check(Path.of("c.yaml"), cfg, 1000, 3, edge - 1000));
        var e = assertThrows(InputException.class, () -> RunSize.check(Path.of("c.yaml"), cfg, 1_000_000, 3, 64L << 20));
        assertTrue(e.getMessage().startsWith("c.yaml: protocols: 2.04e+03 fits (2 feature sets x 2 models x 510 splits) need about"),
                e.getMessage());
        // the splits themselves: 510 splits of a million rows hold 2 GB of row indexes
        assertThrows(InputException.class, () -> Experiment.checkSplits(Path.of("c.yaml"), cfg, 1_000_000, 1L << 30));
        assertDoesNotThrow(() -> Experiment.checkSplits(Path.of("c.yaml"), cfg, 1_000_000, 4L << 30));
    }
}
