package org.crystalbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.crystalbench.synth.SyntheticData;

/**
 * Generated inputs for tests: synthetic data (never third-party data) and experiment configs over the
 * public schema. Every test config is rendered by {@link Config}, so the dataset block is written once;
 * tests differ only in what they name: feature sets, protocols, models and extra sections.
 */
public final class Fixtures {
    private Fixtures() {}

    public static final List<String> NUMERIC = List.of("Formation Energy (eV)", "E Above Hull (eV)", "Band Gap (eV)", "Nsites",
            "Density (gm/cc)", "Volume");
    public static final List<String> CATEGORICAL = List.of("Formula", "Spacegroup", "Has Bandstructure");
    public static final List<String> ALL = concat(NUMERIC, CATEGORICAL);

    /** Writes {@code rows} synthetic rows (schema of the public file, CRLF) to {@code file}. */
    public static Path writeSynthetic(Path file, int rows, long seed) throws IOException {
        Files.writeString(file, SyntheticData.csv(rows, seed));
        return file;
    }

    /** Synthetic rows in {@code dir}, in a file named after rows and seed. */
    public static Path syntheticCsv(Path dir, int rows, long seed) throws IOException {
        return writeSynthetic(dir.resolve("synthetic-" + rows + "-" + seed + ".csv"), rows, seed);
    }

    // Feature-set blocks (the YAML under dataset.feature_sets).

    /** Every column, and the numeric ones: the leaking set beside a clean one. */
    public static final String ALL_AND_NUMERIC_ONLY = sets("all", ALL, "numeric-only", NUMERIC);

    /** The numeric columns only, as one set. */
    public static final String NUMERIC_SET = sets("numeric", NUMERIC);

    /** Like configs/paper.yaml: the study's set, the study's set without Spacegroup, and three numeric columns. */
    public static final String STUDY_SETS = sets(
            "no-spacegroup", List.of("Formation Energy (eV)", "E Above Hull (eV)", "Band Gap (eV)", "Nsites", "Density (gm/cc)",
                    "Volume", "Formula", "Has Bandstructure"),
            "paper", ALL,
            "numeric-only", List.of("Band Gap (eV)", "Nsites", "Volume"));

    // Model lists (the YAML under models).

    /** Every model type, small and fast, with hard and soft voting. */
    public static final String FAST_MODELS = """
            - {name: LR, type: logistic, lambda: 0.1}
            - {name: NB, type: naive-bayes}
            - {name: SVM, type: svm, sigma: 2.0, C: 1.0}
            - {name: DNN, type: mlp, hidden: [16], epochs: 15, batch: 16}
            - {name: Vote, type: voting, members: [LR, NB, SVM], rule: hard}
            - {name: Soft, type: voting, members: [LR, NB, SVM], rule: soft}
            """;

    /** Like configs/paper.yaml (same model types, voting over SVM, LR and NB, hard and soft), small settings. */
    public static final String STUDY_MODELS = """
            - {name: DNN, type: mlp, hidden: [16, 8], epochs: 20, batch: 16}
            - {name: SVM, type: svm, sigma: 3.0, C: 1.0, strategy: ovo}
            - {name: SVM-linear, type: svm, kernel: linear, class_weight: balanced}
            - {name: LR, type: logistic, lambda: 0.1, max_iter: 200}
            - {name: NB, type: naive-bayes}
            - {name: Voting, type: voting, members: [SVM, LR, NB], rule: hard}
            - {name: Voting-soft, type: voting, members: [SVM, LR, NB], rule: soft}
            """;

    public static final String SMALL_PROTOCOLS = """
            holdout: {repeats: 3, test_ratio: 0.2}
            cv: {repeats: 2, folds: 3}
            """;

    /** A config over {@code data} (written as given: absolute, or relative to the config's folder). */
    public static Config config(Path data) {
        return new Config(data);
    }

    /** The small paper-like config of the train/predict tests: {@link #STUDY_SETS}, {@link #STUDY_MODELS}, 2 holdout repeats. */
    public static Config studyLike(Path data) {
        return config(data).name("tiny").featureSets(STUDY_SETS).protocols("holdout: {repeats: 2}").models(STUDY_MODELS);
    }

    /** An experiment config; defaults: name test, seed 7, {@link #ALL_AND_NUMERIC_ONLY}, {@link #SMALL_PROTOCOLS}, {@link #FAST_MODELS}. */
    public static final class Config {
        private final Path data;
        private String name = "test", idColumns = "[Materials Id]", missing, featureSets = ALL_AND_NUMERIC_ONLY,
                protocols = SMALL_PROTOCOLS, models = FAST_MODELS, extra = "", derived = "";

        private Config(Path data) {
            this.data = data;
        }

        public Config name(String v) {
            name = v;
            return this;
        }

        /** A YAML list, e.g. {@code [Materials Id, Spacegroup]} or {@code []}. */
        public Config idColumns(String v) {
            idColumns = v;
            return this;
        }

        /** dataset.missing, e.g. {@code drop-rows}. */
        public Config missing(String v) {
            missing = v;
            return this;
        }

        public Config featureSets(String yaml) {
            featureSets = yaml;
            return this;
        }

        public Config protocols(String yaml) {
            protocols = yaml;
            return this;
        }

        /** The model list, one {@code - {...}} line per model. */
        public Config models(String yaml) {
            models = yaml;
            return this;
        }

        /** dataset.derived, e.g. {@code composition: {formula: Formula, nsites: Nsites, volume: Volume}}. */
        public Config derived(String yaml) {
            derived = "  derived:\n" + yaml.indent(4);
            return this;
        }

        /** Top-level sections after the models (reference:, grid:), verbatim. */
        public Config append(String yaml) {
            extra += yaml;
            return this;
        }

        public String text() {
            return """
                    name: %s
                    seed: 7
                    dataset:
                      path: "%s"
                      target: Crystal System
                    %s  id_columns: %s
                      numeric: %s
                      categorical: %s
                    %s  feature_sets:
                    %s
                    protocols:
                    %s
                    models:
                    %s
                    """.formatted(name, data.toString().replace("\\", "/"), missing == null ? "" : "  missing: " + missing + "\n",
                    idColumns, list(NUMERIC), list(CATEGORICAL), derived, featureSets.indent(4).stripTrailing(),
                    protocols.indent(2).stripTrailing(), models.indent(2).stripTrailing()) + extra;
        }

        public Path write(Path dir, String file) throws IOException {
            return Fixtures.write(dir, file, text());
        }
    }

    public static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** The composition descriptors of the synthetic data's formula, sites and volume columns. */
    public static final String COMPOSITION = "composition: {formula: Formula, nsites: Nsites, volume: Volume}";

    /** A feature-set block from name, columns, name, columns, ... */
    public static String sets(Object... nameAndColumns) {
        var sb = new StringBuilder();
        for (int i = 0; i < nameAndColumns.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> columns = (List<String>) nameAndColumns[i + 1];
            sb.append(nameAndColumns[i]).append(": ").append(list(columns)).append('\n');
        }
        return sb.toString();
    }

    private static String list(List<String> items) {
        return "[" + String.join(", ", items) + "]";
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
