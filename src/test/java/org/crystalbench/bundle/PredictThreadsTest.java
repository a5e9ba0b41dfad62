package org.crystalbench.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.crystalbench.Fixtures;
import org.crystalbench.TestCli;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code predict --threads N}: the harness's threads share out the blocks of rows; the file is the same for any N. */
class PredictThreadsTest {
    @TempDir
    static Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"DNN", "Voting-soft"})
    void theSamePredictionsOnOneThreadAndOnThree(String name) throws IOException {
        Path train = Fixtures.writeSynthetic(dir.resolve("train.csv"), 120, 11);
        Path fresh = Fixtures.writeSynthetic(dir.resolve("new.csv"), 2 * Predictor.BLOCK + 37, 12); // three blocks
        Path config = Fixtures.studyLike(train).write(dir, "tiny.yaml"), bundle = dir.resolve(name + ".cbm");
        var t = TestCli.run("train", config.toString(), "--model", name, "--feature-set", "no-spacegroup", "--out", bundle.toString());
        assertEquals(0, t.code(), t.err());
        Path one = dir.resolve(name + "-1.csv"), three = dir.resolve(name + "-3.csv");
        assertEquals(0, TestCli.run("predict", "--model", bundle.toString(), "--data", fresh.toString(), "--threads", "1",
                "--out", one.toString()).code());
        assertEquals(0, TestCli.run("predict", "--model", bundle.toString(), "--data", fresh.toString(), "--threads", "3",
                "--out", three.toString()).code());
        assertEquals(Files.readString(one), Files.readString(three));

        var bad = TestCli.run("predict", "--model", bundle.toString(), "--data", fresh.toString(), "--threads", "0");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--threads") && bad.err().lines().count() <= 3, bad.err());
    }
}
