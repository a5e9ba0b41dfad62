package org.crystalbench.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.data.CsvLoader;
import org.crystalbench.data.Dataset;
import org.crystalbench.features.FeatureEncoder;
import org.crystalbench.models.MlpSpec;
import org.crystalbench.models.Model;
import org.crystalbench.models.ModelSpec;
import org.crystalbench.evaluation.EncodedSplit;
import org.crystalbench.evaluation.FitPath;
import org.crystalbench.splits.Seeds;
import org.crystalbench.splits.Split;
import org.crystalbench.splits.StratifiedSplits;
import org.crystalbench.synth.SyntheticData;

/**
 * What every benchmark works on, built outside the measurement: the study config's dataset and
 * models ({@value #CONFIG_PROPERTY}, default {@code configs/paper.yaml}), its feature set
 * {@code paper} (the first feature set if it has none), and one stratified 8:2 holdout split of the
 * data. The data is the project's synthetic generator at the real file's size (339 rows, real
 * schema) unless {@value #DATA_PROPERTY} names a CSV. {@code crystal-bench bench} sets both
 * properties in every fork.
 */
public final class Fixture {
    public static final String CONFIG_PROPERTY = "crystalbench.config", DATA_PROPERTY = "crystalbench.data";
    public static final int SYNTHETIC_ROWS = 339;
    public static final long SYNTHETIC_SEED = 1;

    public final ExperimentConfig config;
    public final Dataset data;
    public final String featureSet;
    public final List<String> features;
    public final Split split;
    public final int classes;
    public final FeatureEncoder encoder;
    public final double[][] xTrain, xTest;
    public final int[] yTrain;

    private Fixture(ExperimentConfig config, Dataset data) {
        this.config = config;
        this.data = data;
        var sets = config.featureSets();
        this.featureSet = sets.containsKey("paper") ? "paper" : sets.keySet().iterator().next();
        this.features = sets.get(featureSet);
        this.classes = data.classes().size();
        double testRatio = config.protocols().holdout() != null ? config.protocols().holdout().testRatio() : 0.2;
        this.split = StratifiedSplits.holdout(data.y(), classes, 1, testRatio, config.seed()).getFirst();
        this.encoder = FeatureEncoder.fit(data, features, split.train());
        this.xTrain = encoder.transform(data, split.train());
        this.xTest = encoder.transform(data, split.test());
        this.yTrain = EncodedSplit.pick(data.y(), split.train());
    }

    /** The fixture the system properties describe (config and data validated by the loaders). */
    public static Fixture load() {
        Path configFile = Path.of(System.getProperty(CONFIG_PROPERTY, "configs/paper.yaml"));
        String dataFile = System.getProperty(DATA_PROPERTY, "");
        return of(ConfigLoader.load(configFile), dataFile.isEmpty() ? null : Path.of(dataFile));
    }

    /** With {@code dataFile} null, synthetic rows written to a temporary file. */
    public static Fixture of(ExperimentConfig config, Path dataFile) {
        if (dataFile != null) return new Fixture(config, CsvLoader.load(dataFile, config.dataset()));
        try {
            Path tmp = Files.createTempFile("crystal-bench-synthetic-", ".csv");
            try {
                Files.writeString(tmp, SyntheticData.csv(SYNTHETIC_ROWS, SYNTHETIC_SEED));
                return new Fixture(config, CsvLoader.load(tmp, config.dataset()));
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
    public ModelSpec spec(String name) {
        var named = config.models().stream().filter(m -> m.name().equals(name)).findFirst();
        if (named.isPresent()) return named.get();
        MlpSpec.Engine e = engine(name);
        if (e != null && spec(configModel(name)) instanceof MlpSpec m) {
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

    /**
     * Fits a model on the training split as a run does, with the run's seed for this split. A voting
     * model has no fit of its own: fitting it means fitting its members and combining them.
     */
    public Model fit(String name) {
        try {
            return FitPath.fit(spec(name), this::spec, xTrain, yTrain, classes, n -> Seeds.fit(config.seed(), n, split.id()),
                    FitPath.Memo.local());
        } catch (Exception e) {
            throw new IllegalStateException("fitting " + name + ": " + e.getMessage(), e);
        }
    }

    /** {@code n} test-row indexes, cycling through the test split. */
    public int[] cycleTestRows(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = split.test()[i % split.test().length];
        return rows;
    }
}
