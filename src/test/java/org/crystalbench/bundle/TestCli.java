package org.crystalbench.bundle;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.crystalbench.cli.Main;
import picocli.CommandLine;

/** Runs the CLI in-process and captures what it prints; shared fixtures for the bundle tests. */
final class TestCli {
    private TestCli() {}

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * A config like configs/paper.yaml (same model types, voting over SVM, LR and NB, hard and
     * soft) with small settings so the tests stay fast.
     */
    static Path config(Path dir, Path data) throws IOException {
        return config(dir, data, "[Materials Id]", "tiny.yaml");
    }

    static Path config(Path dir, Path data, String idColumns, String fileName) throws IOException {
        String yaml = """
                name: tiny
                seed: 7
                dataset:
                  path: %s
                  target: Crystal System
                  id_columns: %s
                  numeric: [Formation Energy (eV), E Above Hull (eV), Band Gap (eV), Nsites, Density (gm/cc), Volume]
                  categorical: [Formula, Spacegroup, Has Bandstructure]
                  feature_sets:
                    no-spacegroup: [Formation Energy (eV), E Above Hull (eV), Band Gap (eV), Nsites, Density (gm/cc),
                                    Volume, Formula, Has Bandstructure]
                    paper: [Formation Energy (eV), E Above Hull (eV), Band Gap (eV), Nsites, Density (gm/cc), Volume,
                            Formula, Spacegroup, Has Bandstructure]
                    numeric-only: [Band Gap (eV), Nsites, Volume]
                protocols:
                  holdout: {repeats: 2}
                models:
                  - {name: DNN, type: mlp, hidden: [16, 8], epochs: 20, batch: 16}
                  - {name: SVM, type: svm, sigma: 3.0, C: 1.0, strategy: ovo}
                  - {name: SVM-ovr, type: svm, sigma: 3.0, strategy: ovr}
                  - {name: LR, type: logistic, lambda: 0.1, max_iter: 200}
                  - {name: NB, type: naive-bayes}
                  - {name: Voting, type: voting, members: [SVM, LR, NB], rule: hard}
                  - {name: Voting-soft, type: voting, members: [SVM, LR, NB], rule: soft}
                """.formatted(data.toAbsolutePath(), idColumns);
        Path file = dir.resolve(fileName);
        Files.writeString(file, yaml);
        return file;
    }
}
