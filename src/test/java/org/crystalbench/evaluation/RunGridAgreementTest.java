package org.crystalbench.evaluation;

import org.crystalbench.io.Console;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.crystalbench.Fixtures;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.grid.GridOperation;
import org.crystalbench.grid.journal.Journal;
import org.crystalbench.grid.journal.JournalEntry;
import org.crystalbench.grid.plan.Shard;
import org.crystalbench.io.Progress;
import org.crystalbench.metrics.Metric;
import org.crystalbench.run.Runner;
import org.crystalbench.splits.Protocol;
import org.crystalbench.stats.CiSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One evaluation core: the same spec on the same split with the same config seed is the same fit
 * under {@code run} and under {@code grid}, so their per-split metrics are equal to the last bit.
 * Covers every model family with randomness (SVM, MLP) and voting (whose members grid fits through
 * its shared cache).
 */
class RunGridAgreementTest {
    @TempDir
    Path dir;

    @Test
    void gridPointsEqualToRunSpecsScoreExactlyAsInRun() throws Exception {
        Path data = Fixtures.syntheticCsv(dir, 150, 3);
        // Each grid lists the run's own value first, so point MODEL-000 is the run's spec.
        Path file = Fixtures.config(data).protocols("cv: {repeats: 2, folds: 3}").append("""
                grid:
                  feature_sets: [numeric-only]
                  models:
                    LR: {lambda: [0.1, 1.0]}
                    SVM: {C: [1.0, 10.0]}
                    DNN: {epochs: [15, 5]}
                    Soft: {rule: [soft, hard]}
                    NB: {}
                """).write(dir, "agree.yaml");
        Experiment exp = Experiment.prepare(ConfigLoader.load(file), file);
        List<SplitResult> run = Runner.run(exp, 2, Progress.NONE);

        Path out = dir.resolve("grid");
        var request = new GridOperation.Request(file, null, out, 2, null, null, Shard.ALL, false, false, true, CiSpec.DEFAULT, List.of(), null);
        assertEquals(0, GridOperation.execute(request, GridOperation::fits, org.crystalbench.TestCli.console()).status().code());
        int compared = 0;
        for (SplitResult r : run) {
            if (!r.featureSet().equals("numeric-only") || r.protocol() != Protocol.CV || r.model().equals("Vote")
                    || r.model().equals(org.crystalbench.models.ChanceSpec.DEFAULT_NAME)) continue; // grid fits the config's models only
            JournalEntry e = firstPoint(out, r);
            for (Metric m : Metric.LABEL) { // the grid journals predicted-class scores only
                assertEquals(m.of(r.scores()), e.metric(m.column()), 0.0, r.model() + " " + r.split().label() + " " + m.column());
            }
            compared++;
        }
        assertEquals(5 * 6, compared, "five models x six cv splits");
    }

    /** The journal entry of the model's first grid point (the run's spec) on the result's split. */
    private static JournalEntry firstPoint(Path out, SplitResult r) throws Exception {
        String hash = pointHash(out, r.model());
        JournalEntry[] found = new JournalEntry[1];
        Journal.readAll(out.resolve(Journal.FILE)).forEach(e -> {
            if (e.model().equals(r.model()) && e.paramHash().equals(hash) && e.split().equals(r.split())) found[0] = e;
        });
        if (found[0] == null) throw new AssertionError("no grid entry for " + r.model() + " " + r.split().label());
        return found[0];
    }

    /** point_id MODEL-000's parameter hash, from grid-manifest.csv. */
    private static String pointHash(Path out, String model) throws Exception {
        return java.nio.file.Files.readAllLines(out.resolve("grid-manifest.csv")).stream()
                .filter(l -> l.contains("," + model + "-000,")).findFirst().orElseThrow().split(",")[3];
    }
}
