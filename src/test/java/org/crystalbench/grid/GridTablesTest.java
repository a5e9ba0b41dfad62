package org.crystalbench.grid;

import org.crystalbench.grid.fit.UnitEvaluator;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.crystalbench.stats.Interval;
import org.crystalbench.stats.Resampling;
import org.crystalbench.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridTablesTest {
    @TempDir
    Path dir;

    @Test
    void tablesFollowTheContractAndFlagWorsePoints() throws Exception {
        Path config = GridFixtures.config(dir, "grid.yaml", Fixtures.syntheticCsv(dir, 120, 3), 3, 3, """
                grid:
                  models:
                    LR: {lambda: [0.01, 0.1, 1.0]}
                """);
        Path out = dir.resolve("out");
        // LR-001 is a little better than LR-000 on average, not consistently; LR-002 is 0.2 worse on every split.
        var r = GridFixtures.run(GridFixtures.request(config, out), c -> u -> {
            int i = u.point().index();
            int s = u.split().repeat() * 3 + u.split().fold();
            double acc = 0.7 + 0.02 * (s % 4) - (i == 2 ? 0.2 : 0) + (i == 1 ? (s % 3 == 0 ? 0.03 : -0.01) : 0);
            return new UnitEvaluator.Result(NestedCvTest.scores(acc), 80, 40, List.of());
        });
        assertEquals(0, r.status().code());
        List<String> csv = Files.readAllLines(out.resolve("grid.csv"));
        assertEquals("feature_set,model,point_id,param_hash,param.lambda,n,accuracy_mean,accuracy_ci_low,accuracy_ci_high,"
                + "balanced_accuracy_mean,balanced_accuracy_ci_low,balanced_accuracy_ci_high,macro_precision_mean,"
                + "macro_precision_ci_low,macro_precision_ci_high,macro_recall_mean,macro_recall_ci_low,macro_recall_ci_high,"
                + "macro_f1_mean,macro_f1_ci_low,macro_f1_ci_high,paper_f1_mean,paper_f1_ci_low,paper_f1_ci_high,"
                + "fit_ms_mean,failed,timed_out,search,dropped_at,fits", csv.getFirst());
        assertEquals(4, csv.size());
        String[] lr0 = csv.get(1).split(",");
        assertEquals("0.01", lr0[4]);
        assertEquals("9", lr0[5]);
        // The interval is the shared corrected t-interval of the per-split values (n_test/n_train = 40/80).
        double[] acc = new double[9];
        for (int s = 0; s < 9; s++) acc[s] = NestedCvTest.scores(0.7 + 0.02 * (s % 4)).accuracy();
        Interval ci = Resampling.correctedT(acc, 0.5, 0.95);
        assertEquals(ci.low(), Double.parseDouble(lr0[7]), 1e-5);
        assertEquals(ci.high(), Double.parseDouble(lr0[8]), 1e-5);

        String md = Files.readString(out.resolve("grid.md"));
        assertTrue(md.contains("| 1 | LR-001 | lambda=0.1 |"), md);
        assertTrue(md.matches("(?s).*\\| 2 \\| LR-000 \\|[^\\n]*\\| no \\| 0 \\|.*"), md);
        assertTrue(md.matches("(?s).*\\| 3 \\| LR-002 \\|[^\\n]*\\| yes \\| 0 \\|.*"), md);
        assertTrue(md.contains("| numeric | LR | LR-001 | lambda=0.1 |"), md);
        assertTrue(md.contains("Fits: 27 finished of 27 — 27 OK, 0 failed, 0 timed out"), md);
        assertEquals(28, Files.readAllLines(out.resolve("grid-manifest.csv")).size());
    }
}
