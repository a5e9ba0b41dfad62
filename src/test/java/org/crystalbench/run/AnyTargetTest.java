package org.crystalbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.crystalbench.Fixtures;
import org.crystalbench.TestCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `run` with every model type on a binary target and on all seven crystal systems (data from
 * `synth --systems`), and a degenerate SVM flagged on stderr and in summary.md, never silently.
 */
class AnyTargetTest {
    @TempDir
    Path dir;

    /** Every model type, plus a degenerate SVM (a near-constant kernel, tiny C). */
    static final String MODELS = Fixtures.FAST_MODELS + "- {name: SVM-tiny, type: svm, sigma: 100.0, C: 1.0e-4}\n"
            + "- {name: RF, type: random-forest, trees: 20}\n- {name: GBT, type: gradient-boosting, trees: 20}\n";

    TestCli.Result run(int systems, int rows) throws IOException {
        Path csv = dir.resolve("s" + systems + ".csv");
        var synth = TestCli.run("synth", "--rows", Integer.toString(rows), "--seed", "3", "--systems", Integer.toString(systems),
                "--out", csv.toString());
        assertEquals(0, synth.code(), synth.err());
        Path config = Fixtures.config(csv).featureSets(Fixtures.NUMERIC_SET).protocols("holdout: {repeats: 2, test_ratio: 0.3}")
                .models(MODELS).write(dir, "s" + systems + ".yaml");
        var r = TestCli.run("run", config.toString(), "--out", dir.resolve("out" + systems).toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        return r;
    }

    static List<String> summaryModels(Path out) throws IOException {
        return Files.readAllLines(out.resolve("summary.csv")).stream().skip(1).map(l -> l.split(",")[2]).toList();
    }

    @Test
    void binaryTargetEveryModelTypeAndTheDegenerateSvmIsFlagged() throws IOException {
        var r = run(2, 120);
        Path out = dir.resolve("out2");
        assertEquals(List.of("LR", "NB", "SVM", "DNN", "Vote", "Soft", "SVM-tiny", "RF", "GBT", "chance (stratified)"), summaryModels(out));
        String warning = "model `SVM-tiny`, feature set `numeric`: binary machine `monoclinic` vs `triclinic` gives one class "
                + "to every training row (on 2 of 2 splits)";
        assertTrue(r.err().contains("crystal-bench: warning: " + warning), r.err());
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("**Fit warnings**") && md.contains("- " + warning), md);
        assertTrue(!r.err().contains("model `SVM`,"), "the default SVM is not degenerate: " + r.err());
    }

    @Test
    void sevenCrystalSystemsEveryModelType() throws IOException {
        run(7, 350);
        Path out = dir.resolve("out7");
        assertEquals(List.of("LR", "NB", "SVM", "DNN", "Vote", "Soft", "SVM-tiny", "RF", "GBT", "chance (stratified)"), summaryModels(out));
        List<String> classes = Files.readAllLines(out.resolve("per-class.csv")).stream().skip(1)
                .filter(l -> l.contains(",LR,")).map(l -> l.split(",")[5]).distinct().sorted().toList();
        assertEquals(List.of("cubic", "hexagonal", "monoclinic", "orthorhombic", "tetragonal", "triclinic", "trigonal"), classes);
    }
}
