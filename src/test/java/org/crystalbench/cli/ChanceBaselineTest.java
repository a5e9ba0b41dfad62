package org.crystalbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.crystalbench.TestCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every run has the chance baseline's row, and warns about a model that is not significantly better than it. */
class ChanceBaselineTest {
    @TempDir
    Path dir;

    @Test
    void aModelOnNoiseIsWarnedAboutAndOneOnSignalIsNot() throws Exception {
        // 'signal' determines the label; 'noise' is independent of it
        var csv = new StringBuilder("id,signal,noise,label\n");
        SplittableRandom rnd = new SplittableRandom(4);
        for (int i = 0; i < 120; i++) {
            int label = rnd.nextInt(3);
            csv.append(i).append(',').append(label + 0.1 * rnd.nextGaussian()).append(',').append(rnd.nextGaussian())
                    .append(",c").append(label).append('\n');
        }
        Files.writeString(dir.resolve("d.csv"), csv);
        Files.writeString(dir.resolve("c.yaml"), """
                name: chance
                dataset: {path: d.csv, target: label, id_columns: [id], numeric: [signal, noise],
                          feature_sets: {signal: [signal], noise: [noise]}}
                protocols: {cv: {repeats: 2, folds: 5}}
                models: [{name: NB, type: naive-bayes}]
                """);
        Path out = dir.resolve("out");
        var r = TestCli.run("run", dir.resolve("c.yaml").toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: model 'NB', feature set 'noise', cv: not significantly better than "
                + "'chance (stratified)'"), r.err());
        assertFalse(r.err().contains("feature set 'signal', cv: not significantly"), r.err());
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("**Not better than chance**"), summary);
        assertTrue(summary.contains("| chance (stratified) |"), summary);
        assertEquals(4, Files.readAllLines(out.resolve("summary.csv")).stream().filter(l -> l.contains(",NB,")
                || l.contains(",chance (stratified),")).count(), "NB and the baseline on both feature sets");
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("## Per-class scores"), report);
        assertTrue(report.contains("| Class | Test rows | NB P / R / F1 | chance (stratified) P / R / F1 |"), report);
    }
}
