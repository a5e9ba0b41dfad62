package org.crystalbench.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.data.Dataset;
import org.crystalbench.features.FeatureEncoder;
import org.crystalbench.perf.BenchInput;
import org.crystalbench.models.Model;
import org.crystalbench.models.ModelSpec;
import org.crystalbench.evaluation.EncodedSplit;
import org.crystalbench.evaluation.FitPath;
import org.crystalbench.splits.Seeds;
import org.crystalbench.splits.Split;
import org.crystalbench.splits.StratifiedSplits;

/**
 * What every benchmark works on, built outside the measurement: the study config's dataset and
 * models ({@link BenchInput#CONFIG_PROPERTY}, default {@code configs/paper.yaml}), its feature set
 * {@code paper} (the first feature set if it has none), and one stratified 8:2 holdout split of the
 * data ({@link BenchInput#data}: synthetic rows at the real file's size unless {@link BenchInput#DATA_PROPERTY}
 * names a CSV). {@code crystal-bench bench} sets both
 * properties in every fork.
 */
public final class Fixture {
    public final ExperimentConfig config;
    public final Dataset data;
    public final String featureSet;
    public final List<String> features;
    public final Split split;
    public final int classes;
    public final FeatureEncoder encoder;
    public final double[][] xTrain, xTest;
    public final int[] yTrain;
    private final EncodedSplit encoded;
    private final Map<String, Model> fitted = new ConcurrentHashMap<>();
    /** The last fixture {@link #shared} built, with the properties it was built from. */
    private static volatile Map.Entry<String, Fixture> shared;

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
        // the training rows as a run fits from them (compact rows: logistic regression and naive Bayes read them as
        // they are, the other models get double[][] built from them once): fitting from xTrain would time a copy
        this.encoded = new EncodedSplit(split, encoder, encoder.trainingRows(data, split.train()), yTrain, data,
                EncodedSplit.pick(data.y(), split.test()), data.classes());
    }

    /** The fixture the system properties describe (config and data validated by the loaders). */
    public static Fixture load() {
        Path configFile = Path.of(System.getProperty(BenchInput.CONFIG_PROPERTY, "configs/paper.yaml"));
        String dataFile = System.getProperty(BenchInput.DATA_PROPERTY, "");
        return of(ConfigLoader.load(configFile), dataFile.isEmpty() ? null : Path.of(dataFile));
    }

    /**
     * The fixture the system properties describe, built once per JVM: with JMH's {@code -f 0} (the perf gate's
     * {@code --one-jvm}) every benchmark of a round runs in one JVM, and building the data and encoder for each
     * of them was a fixed cost of every round, not something the gate measures.
     */
    public static Fixture shared() {
        String key = System.getProperty(BenchInput.CONFIG_PROPERTY, "configs/paper.yaml") + "\u0000"
                + System.getProperty(BenchInput.DATA_PROPERTY, "");
        var s = shared;
        if (s == null || !s.getKey().equals(key)) {
            synchronized (Fixture.class) {
                s = shared;
                if (s == null || !s.getKey().equals(key)) shared = s = Map.entry(key, load());
            }
        }
        return s.getValue();
    }

    /**
     * The model fitted once per fixture (as {@link #fit}): the prediction benchmarks of one JVM share it, so a
     * round fits each model for its fit benchmark's measurement only, not again in every prediction
     * benchmark's setup (fitting in setups was about half of a round's time, docs/performance.md).
     */
    public Model fitted(String name) {
        return fitted.computeIfAbsent(name, this::fit);
    }

    /** With {@code dataFile} null, the synthetic rows of {@link BenchInput#data}. */
    public static Fixture of(ExperimentConfig config, Path dataFile) {
        return new Fixture(config, BenchInput.data(config, dataFile));
    }

    /** The config's model of that name, or an MLP engine variant ({@link BenchInput#spec}). */
    public ModelSpec spec(String name) {
        return BenchInput.spec(config, name);
    }

    /**
     * Fits a model on the training split as a run does, with the run's seed for this split. A voting
     * model has no fit of its own: fitting it means fitting its members and combining them.
     */
    public Model fit(String name) {
        try {
            return FitPath.fit(spec(name), this::spec, encoded, n -> Seeds.fit(config.seed(), n, split.id()),
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
