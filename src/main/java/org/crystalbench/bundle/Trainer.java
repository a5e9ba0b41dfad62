package org.crystalbench.bundle;

import org.crystalbench.splits.Seeds;
import org.crystalbench.io.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.crystalbench.BuildInfo;
import org.crystalbench.InputException;
import org.crystalbench.evaluation.FitPath;
import org.crystalbench.splits.Seeds;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.data.CsvLoader;
import org.crystalbench.data.Dataset;
import org.crystalbench.features.FeatureEncoder;
import org.crystalbench.models.Model;
import org.crystalbench.models.ModelSpec;
import org.crystalbench.models.VotingSpec;
import org.crystalbench.evaluation.Experiment;
import tools.jackson.databind.JsonNode;

/** Fits one model of a config, and its feature encoder, on every row of the data: a bundle for predict. */
public final class Trainer {
    private Trainer() {}

    /**
     * Loads the data (same rows as {@code run}), fits and returns the bundle, with {@code calibrationFolds} folds of
     * out-of-fold scores for {@code predict --coverage} ({@link Calibration}; 0: none, one fit instead of folds + 1).
     * All input checks happen here, before anything is written.
     *
     * @param featureSet a feature set of the config, or null for its first one
     */
    public static Bundle train(ExperimentConfig cfg, Path configFile, String modelName, String featureSet, int calibrationFolds) {
        return train(cfg, configFile, model(cfg, configFile, modelName), featureSet, null, calibrationFolds);
    }

    /**
     * As {@link #train(ExperimentConfig, Path, String, String, int)} for a given spec (a grid point: the base spec
     * of a model of the config with gridded keys set); {@code grid} (or null) goes to the manifest.
     */
    public static Bundle train(ExperimentConfig cfg, Path configFile, ModelSpec spec, String featureSet, Manifest.GridOrigin grid,
                               int calibrationFolds) {
        String fsName = featureSet != null ? featureSet : cfg.featureSets().keySet().iterator().next();
        List<String> features = cfg.featureSets().get(fsName);
        if (features == null) {
            throw new InputException(configFile + ": --feature-set: '" + fsName + "' is not a feature set of the config "
                    + "(feature sets: " + String.join(", ", cfg.featureSets().keySet()) + ")");
        }
        Path dataPath = Experiment.dataPath(cfg, configFile);
        Dataset loaded = CsvLoader.load(dataPath, cfg.dataset());
        Manifest.Schema schema = Manifest.Schema.of(cfg.dataset(), features, loaded);
        Dataset projected = project(loaded, schema);
        // drop-rows: the rows missing a column of this feature set are left out (impute keeps them).
        int[] usable = projected.usable(IntStream.range(0, projected.size()).toArray(), features);
        Dataset data = usable.length == projected.size() ? projected : projected.select(usable);
        if (data.size() == 0) {
            throw new InputException(dataPath + ": no rows left: every row misses a cell in feature set '" + fsName
                    + "' (dataset.missing: drop-rows; try 'impute')");
        }

        int[] all = IntStream.range(0, data.size()).toArray();
        FeatureEncoder encoder = FeatureEncoder.fit(data, features, all);
        Model model = fit(spec, cfg, encoder.transformTraining(data, all), data.y(), data.classes());

        Calibration calibration = calibrationFolds == 0 ? null : calibrate(spec, cfg, dataPath, data, features, calibrationFolds);

        Map<String, Integer> counts = new LinkedHashMap<>();
        int[] c = data.classCounts();
        for (int i = 0; i < c.length; i++) counts.put(data.classes().get(i), c[i]);
        List<JsonNode> members = spec instanceof VotingSpec v
                ? v.members().stream().map(m -> json(model(cfg, configFile, m))).toList() : null;
        var manifest = new Manifest(BundleFile.FORMAT, BundleFile.FORMAT_VERSION,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                new Manifest.Versions(BuildInfo.version(), BuildInfo.smileVersion(),
                        Runtime.version() + " (" + System.getProperty("java.vendor") + ")"),
                new Manifest.ModelInfo(spec.name(), json(spec).path("type").asString(), json(spec), members),
                new Manifest.FeatureSet(fsName, features), schema, data.classes(), encoder.outputNames(),
                new Manifest.Training(dataPath.toString(), data.sha256(), configFile.toString(),
                        org.crystalbench.io.Hashing.sha256(configFile), cfg.name(), cfg.seed(), data.rowsRead(), data.size(), counts,
                        labelDeterminingColumns(data, cfg.dataset().target())),
                calibration == null ? null : calibration.info(), domain(cfg, data), grid);
        return new Bundle(manifest, encoder, model, calibration);
    }

    /** Out-of-fold scores of every training row, grouped as the config's {@code protocols.groups} groups rows. */
    private static Calibration calibrate(ModelSpec spec, ExperimentConfig cfg, Path dataPath, Dataset data, List<String> features,
                                         int folds) {
        var g = cfg.protocols().groups();
        String[] groups = Experiment.groupKeys(cfg, data);
        String description = g == null ? null : "grouped by " + g.column()
                + (g.key() == org.crystalbench.config.ProtocolSpec.GroupKey.COMPOSITION ? " (reduced composition)" : "");
        try {
            return Calibration.crossConformal(spec, cfg.models(), cfg.seed(), data, features, folds, groups, description);
        } catch (InputException e) {
            String msg = Experiment.withClassLabels(e.getMessage(), data.classes());
            throw new InputException(dataPath + ": --calibration-folds " + folds + ": cannot deal the training rows into "
                    + "calibration folds" + (g == null ? "" : " grouped by " + g.column()) + ": " + msg
                    + " (use fewer folds, or 0 for a bundle without conformal sets)");
        }
    }

    /**
     * The training rows' applicability domain: the range of every numeric input (not the hidden key columns, which
     * are codes), and the elements of the formula column when the config names one.
     */
    private static Domain domain(ExperimentConfig cfg, Dataset data) {
        var comp = cfg.dataset().composition();
        var g = cfg.protocols().groups();
        String formulaColumn = comp != null ? comp.formula()
                : g != null && g.key() == org.crystalbench.config.ProtocolSpec.GroupKey.COMPOSITION ? g.column() : null;
        List<String> keys = comp == null ? List.of() : comp.keyColumns();
        List<String> inputs = data.numericNames().stream().filter(n -> !keys.contains(n)).toList();
        String[] formulas = formulaColumn == null ? null : org.crystalbench.data.ColumnCells.readIfPresent(data, formulaColumn);
        return Domain.of(data, inputs, formulaColumn, formulas);
    }

    /**
     * Categorical feature columns whose every category occurs with one class only, while there are
     * far fewer categories than rows (at least 4 rows per category on average): such a column
     * determines the label, and a model trained on it mostly learns that lookup.
     */
    static List<String> labelDeterminingColumns(Dataset data, String target) {
        List<String> warnings = new ArrayList<>();
        for (int j = 0; j < data.categoricalNames().size(); j++) {
            Map<String, Set<Integer>> classesOf = new HashMap<>();
            for (int r = 0; r < data.size(); r++) {
                classesOf.computeIfAbsent(data.categorical()[r][j], k -> new HashSet<>()).add(data.y()[r]);
            }
            boolean pure = classesOf.values().stream().allMatch(s -> s.size() == 1);
            if (pure && classesOf.size() * 4 <= data.size()) {
                warnings.add("column '" + data.categoricalNames().get(j) + "' determines '" + target
                        + "' in the training data: each of its " + classesOf.size() + " categories occurs with one class only ("
                        + data.size() + " rows); the model will mostly learn this lookup");
            }
        }
        return warnings;
    }

    /** A spec fitted on every row through the one fit path, each model with its {@code train} seed. */
    public static Model fit(ModelSpec spec, ExperimentConfig cfg, double[][] x, int[] y, List<String> classes) {
        try {
            return FitPath.fit(spec, FitPath.byName(cfg.models()), x, y, classes, name -> Seeds.trainAll(cfg.seed(), name),
                    FitPath.Memo.local());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ModelSpec model(ExperimentConfig cfg, Path configFile, String name) {
        return cfg.models().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new InputException(configFile + ": --model: '" + name + "' is not a model of the config "
                        + "(models: " + String.join(", ", cfg.models().stream().map(ModelSpec::name).toList()) + ")"));
    }

    private static JsonNode json(ModelSpec spec) {
        return Json.MAPPER.valueToTree(spec);
    }

    /**
     * The same rows with only the schema's feature columns, so the encoder's column indexes match predict
     * input. An element-fraction column of the schema that {@code d} lacks (no row of a prediction file
     * has that element) is all zeros.
     */
    static Dataset project(Dataset d, Manifest.Schema schema) {
        List<String> names = schema.allNumeric();
        int[] num = names.stream().mapToInt(d.numericNames()::indexOf).toArray();
        for (int j = 0; j < num.length; j++) {
            if (num[j] < 0 && !names.get(j).startsWith(org.crystalbench.config.DerivedSpec.Composition.FRACTION_PREFIX)) {
                throw new IllegalStateException("column '" + names.get(j) + "' missing from " + d.source());
            }
        }
        int[] cat = schema.categorical().stream().mapToInt(d.categoricalNames()::indexOf).toArray();
        double[][] numeric = new double[d.size()][num.length];
        String[][] categorical = new String[d.size()][cat.length];
        for (int r = 0; r < d.size(); r++) {
            for (int j = 0; j < num.length; j++) numeric[r][j] = num[j] < 0 ? 0 : d.numeric().get(r, num[j]);
            for (int j = 0; j < cat.length; j++) categorical[r][j] = d.categorical()[r][cat[j]];
        }
        return new Dataset(d.source(), d.sha256(), d.ids(), names, numeric, schema.categorical(), categorical,
                d.classes(), d.y(), d.lines(), d.rowsRead(), d.rowsDropped(), schema.groups(), d.missing());
    }

    /**
     * Per row of {@code d}: a non-zero value in a grouped column that the schema does not have (an element
     * the model never saw in training), which projecting onto the schema drops.
     */
    static boolean[] outsideSchema(Dataset d, Manifest.Schema schema) {
        boolean[] out = new boolean[d.size()];
        for (var g : schema.groups().entrySet()) {
            for (String col : d.groups().getOrDefault(g.getKey(), List.of())) {
                if (g.getValue().contains(col)) continue;
                int c = d.numericNames().indexOf(col);
                for (int r = 0; r < out.length; r++) out[r] |= d.numeric().get(r, c) != 0;
            }
        }
        return out;
    }
}
