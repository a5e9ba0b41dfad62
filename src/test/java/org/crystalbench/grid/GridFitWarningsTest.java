package org.crystalbench.grid;

import org.crystalbench.grid.journal.Journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.crystalbench.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A grid point whose fits are suspect (an SVM with a tiny C that gives one class to every row) is journalled and listed, never silent. */
class GridFitWarningsTest {
    @TempDir
    Path dir;

    @Test
    void aDegenerateSvmPointIsJournalledAndListedInGridMd() throws Exception {
        Path data = Fixtures.syntheticCsv(dir, 120, 3);
        Path config = GridFixtures.config(dir, "c.yaml", data, 1, 3, """
                - {name: SVM, type: svm, sigma: 2.0, C: 1.0}
                - {name: NB, type: naive-bayes}
                """, """
                grid:
                  models:
                    SVM: {C: [1.0, 1.0e-4]}
                    NB: {}
                """);
        Path out = dir.resolve("out");
        assertEquals(0, GridFixtures.run(GridFixtures.request(config, out)).status().code());
        assertTrue(Files.readString(out.resolve(Journal.FILE)).contains("\"warnings\""), "the journal keeps what fits flagged");
        String md = Files.readString(out.resolve("grid.md"));
        assertTrue(md.contains("**Fit warnings**"), md);
        // On these numeric features the few triclinic rows overlap monoclinic ones: libsvm's exact optimum between them
        // gives one class to every training row (SVM-000, C 1); with a tiny C (SVM-001) so does the monoclinic vs
        // orthorhombic machine. Naive Bayes has nothing to flag.
        assertTrue(md.contains("- model `SVM-000`, feature set `numeric`: binary machine `monoclinic` vs `triclinic` gives one "
                + "class to every training row (on 3 of 3 splits)"), md);
        assertTrue(md.contains("- model `SVM-001`, feature set `numeric`: binary machine `monoclinic` vs `orthorhombic` gives one "
                + "class to every training row (on 3 of 3 splits)"), md);
        assertFalse(md.contains("model `NB-000`"), "a model with nothing to flag is not listed: " + md);
    }
}
