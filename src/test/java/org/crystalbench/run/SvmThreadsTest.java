package org.crystalbench.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.crystalbench.Fixtures;
import org.crystalbench.TestCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libsvm's Java port draws its probability folds from one static generator shared by all threads; crystal-bench
 * makes the folds itself from the fit's seed, so SVM probabilities (every digit of predictions.csv.gz) are the same
 * for --threads 1 and 2 (issue 21).
 */
class SvmThreadsTest {
    @TempDir
    Path dir;

    static final String MODELS = """
            - {name: SVM, type: svm, C: 1.0}
            - {name: SVM-linear, type: svm, kernel: linear, class_weight: balanced}
            - {name: NB, type: naive-bayes}
            - {name: Soft, type: voting, members: [SVM, SVM-linear, NB], rule: soft}
            """;

    byte[] predictions(Path config, int threads) throws IOException {
        Path out = dir.resolve("t" + threads);
        var r = TestCli.run("run", config.toString(), "--out", out.toString(), "--threads", Integer.toString(threads), "--quiet");
        assertEquals(0, r.code(), r.err());
        try (var in = new GZIPInputStream(Files.newInputStream(out.resolve("predictions.csv.gz")))) {
            return in.readAllBytes();
        }
    }

    @Test
    void svmProbabilitiesAreBitIdenticalForOneAndTwoThreads() throws IOException {
        Path csv = Fixtures.syntheticCsv(dir, 300, 3);
        Path config = Fixtures.config(csv).featureSets(Fixtures.NUMERIC_SET).protocols("holdout: {repeats: 4, test_ratio: 0.3}")
                .models(MODELS).write(dir, "c.yaml");
        byte[] one = predictions(config, 1), two = predictions(config, 2);
        assertArrayEquals(one, two);
        assertEquals(1 + 5 * 90 * 4, new String(one).lines().count(), "(4 models + the chance baseline) x 4 splits x 90 test rows");
    }
}
