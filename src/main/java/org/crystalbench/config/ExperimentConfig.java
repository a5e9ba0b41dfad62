package org.crystalbench.config;

import java.util.List;
import java.util.Map;
import org.crystalbench.models.ModelSpec;

/**
 * A whole experiment config (YAML). Unknown keys are errors; every model hyperparameter and
 * protocol setting has a default. {@code grid} configures {@code crystal-bench grid} (see docs/grid.md).
 */
public record ExperimentConfig(
        String name,
        Long seed,
        DatasetSpec dataset,
        ProtocolSpec protocols,
        List<ModelSpec> models,
        Reference reference,
        GridSpec grid) {

    public ExperimentConfig {
        seed = seed == null ? 42L : seed;
        protocols = protocols == null ? new ProtocolSpec(new ProtocolSpec.Holdout(null, null), new ProtocolSpec.Cv(null, null)) : protocols;
        models = models == null ? List.of() : List.copyOf(models);
    }

    /** A copy with another dataset section. */
    public ExperimentConfig withDataset(DatasetSpec d) {
        return new ExperimentConfig(name, seed, d, protocols, models, reference, grid);
    }

    /**
     * The config's data file: a relative {@code dataset.path} is read from the working directory first,
     * then beside the config; none at all is bad input.
     */
    public java.nio.file.Path dataPath(java.nio.file.Path configFile) {
        if (dataset.path() == null) {
            throw new org.crystalbench.InputException(configFile + ": dataset.path: missing (or pass --data FILE)");
        }
        java.nio.file.Path p = java.nio.file.Path.of(dataset.path());
        if (p.isAbsolute() || p.toFile().exists() || configFile == null || configFile.getParent() == null) return p;
        java.nio.file.Path beside = configFile.getParent().resolve(p);
        return beside.toFile().exists() ? beside : p;
    }

    /** A copy reading its data from {@code path} (the CLI's {@code --data}). */
    public ExperimentConfig withDataPath(String path) {
        var d = dataset;
        return new ExperimentConfig(name, seed, new DatasetSpec(path, d.target(), d.idColumns(), d.numeric(),
                d.categorical(), d.missing(), d.featureSets(), d.derived()), protocols, models, reference, grid);
    }

    /**
     * The config's identity: SHA-256 of its canonical JSON with {@code dataset.path} left out (the data
     * is identified by its own hash, so {@code --data} naming the same bytes elsewhere is the same
     * config). grid-meta.json and provenance.json both record this one value.
     */
    public String hash() {
        return org.crystalbench.io.Canonical.hash(withDataPath(null));
    }

    /** Named feature sets in config order; a single {@code all} when the config names none. */
    public Map<String, List<String>> featureSets() {
        return dataset.featureSets().isEmpty() ? Map.of("all", dataset.allFeatures()) : dataset.featureSets();
    }
}
