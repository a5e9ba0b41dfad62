package org.crystalbench.perf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.data.CsvLoader;
import org.crystalbench.data.Dataset;
import java.util.Map;
import org.crystalbench.models.GradientBoostingSpec;
import org.crystalbench.models.MlpSpec;
import org.crystalbench.models.RandomForestSpec;
import org.crystalbench.models.ModelSpec;
import org.crystalbench.synth.SyntheticData;

/**
 * What the JMH benchmarks run on, decided here so that {@code crystal-bench bench} can check it
 * before forking and the benchmarks (which depend on this jar, never the reverse) read it in each
 * fork: the config ({@value #CONFIG_PROPERTY}) and data ({@value #DATA_PROPERTY}; the project's
 * synthetic rows at the public file's size when unset), and benchmark model names.
 */
public final class BenchInput {
    private BenchInput() {}

    public static final String CONFIG_PROPERTY = "crystalbench.config", DATA_PROPERTY = "crystalbench.data";
    public static final int SYNTHETIC_ROWS = 339;
    public static final long SYNTHETIC_SEED = 1;

    /**
     * The tree ensembles the per-model benchmarks measure when the config has no model of that name
     * (configs/paper.yaml has none): {@code random-forest} and {@code gradient-boosting} with their defaults; the forest
     * at its defaults before issue 28 (max_depth 20, node_size 5), so that the benchmark's series stays comparable.
     */
    public static final Map<String, ModelSpec> TREE_DEFAULTS = Map.of(
            "RF", new RandomForestSpec("RF", null, null, null, 20, null, 5, null, null),
            "GBT", new GradientBoostingSpec("GBT", null, null, null, null, null, null));

    /** The data: {@code dataFile}, or with null the synthetic rows (validated by the same loader). */
    public static Dataset data(ExperimentConfig config, Path dataFile) {
        if (dataFile != null) return CsvLoader.load(dataFile, config.dataset());
        try {
            Path tmp = Files.createTempFile("crystal-bench-synthetic-", ".csv");
            try {
                Files.writeString(tmp, SyntheticData.csv(SYNTHETIC_ROWS, SYNTHETIC_SEED));
                return CsvLoader.load(tmp, config.dataset());
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The config's model of that name; {@code NAME-smile} and {@code NAME-gemm} are the config's MLP
     * {@code NAME} with that engine, so both MLP engines are measured on the same settings.
     */
    public static ModelSpec spec(ExperimentConfig config, String name) {
        var named = config.models().stream().filter(m -> m.name().equals(name)).findFirst();
        if (named.isPresent()) return named.get();
        if (TREE_DEFAULTS.containsKey(name)) return TREE_DEFAULTS.get(name);
        MlpSpec.Engine e = engine(name);
        if (e != null && spec(config, configModel(name)) instanceof MlpSpec m) {
            return new MlpSpec(name, m.hidden(), m.epochs(), m.batch(), m.learningRate(), m.momentum(), m.weightDecay(), e);
        }
        throw new IllegalArgumentException("model '" + name + "' is not in the config");
    }

    /** The config model a benchmark model name refers to: {@code NAME} for {@code NAME-smile} or {@code NAME-gemm}. */
    public static String configModel(String name) {
        return engine(name) == null ? name : name.substring(0, name.lastIndexOf('-'));
    }

    /** The engine a {@code NAME-<engine>} suffix names, or null. */
    private static MlpSpec.Engine engine(String name) {
        int dash = name.lastIndexOf('-');
        if (dash <= 0) return null;
        for (MlpSpec.Engine e : MlpSpec.Engine.values()) {
            if (e.name().equalsIgnoreCase(name.substring(dash + 1))) return e;
        }
        return null;
    }
}
