package org.crystalbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.crystalbench.synth.SyntheticData;

/** Small generated inputs for tests: synthetic data and a fast config around it. */
public final class Fixtures {
    private Fixtures() {}

    public static Path syntheticCsv(Path dir, int rows, long seed) throws IOException {
        Path csv = dir.resolve("synthetic-" + rows + "-" + seed + ".csv");
        Files.writeString(csv, SyntheticData.csv(rows, seed));
        return csv;
    }

    /** A config over the public schema with small, fast models; {@code extra} is appended verbatim. */
    public static String config(Path data, String models, String protocols) {
        return """
                name: test
                seed: 7
                dataset:
                  path: "%s"
                  target: Crystal System
                  id_columns: [Materials Id]
                  numeric: [Formation Energy (eV), E Above Hull (eV), Band Gap (eV), Nsites, Density (gm/cc), Volume]
                  categorical: [Formula, Spacegroup, Has Bandstructure]
                  feature_sets:
                    all: [Formation Energy (eV), E Above Hull (eV), Band Gap (eV), Nsites, Density (gm/cc), Volume, Formula, Spacegroup, Has Bandstructure]
                    numeric-only: [Formation Energy (eV), E Above Hull (eV), Band Gap (eV), Nsites, Density (gm/cc), Volume]
                protocols:
                %s
                models:
                %s
                """.formatted(data.toString().replace("\\", "/"), protocols.indent(2).stripTrailing(), models.indent(2).stripTrailing());
    }

    public static final String FAST_MODELS = """
            - {name: LR, type: logistic, lambda: 0.1}
            - {name: NB, type: naive-bayes}
            - {name: SVM, type: svm, sigma: 2.0, C: 1.0}
            - {name: DNN, type: mlp, hidden: [16], epochs: 15, batch: 16}
            - {name: Vote, type: voting, members: [LR, NB, SVM], rule: hard}
            - {name: Soft, type: voting, members: [LR, NB, SVM], rule: soft}
            """;

    public static final String SMALL_PROTOCOLS = """
            holdout: {repeats: 3, test_ratio: 0.2}
            cv: {repeats: 2, folds: 3}
            """;

    public static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
