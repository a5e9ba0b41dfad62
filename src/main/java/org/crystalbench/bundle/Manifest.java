package org.crystalbench.bundle;

import java.util.List;
import java.util.Map;
import org.crystalbench.config.DatasetSpec;
import org.crystalbench.config.DerivedSpec;
import org.crystalbench.data.Dataset;
import tools.jackson.databind.JsonNode;

/**
 * {@code bundle.json}: what a model bundle holds and where it came from, readable without Java.
 * The fitted objects themselves are in {@code model.bin}; this record is what predict checks input
 * against (schema, classes) and what a reader needs to trust the file (versions, hashes).
 *
 * @param format         always {@link BundleFile#FORMAT}
 * @param formatVersion  {@link BundleFile#FORMAT_VERSION}; other versions are refused
 * @param created        ISO-8601 instant of training
 * @param versions       software that wrote the bundle
 * @param model          the model as configured
 * @param featureSet     the feature set's name and columns (config order)
 * @param schema         the input columns predict needs
 * @param classes        class labels; probability column {@code p_<label>} follows this order
 * @param encodedColumns the model's input columns after encoding ("Volume", "Spacegroup=P1", ...)
 * @param training       the data and config the model was fitted on
 * @param calibration    how the conformal calibration in {@code model.bin} was made; null in a bundle without one
 *                       (written before calibration was stored, or {@code train --calibration-folds 0})
 * @param domain         the applicability domain (training ranges and elements); null in bundles written before it
 * @param grid           the grid point the model is ({@code train --from-grid}); null for a model of the config
 */
public record Manifest(String format, int formatVersion, String created, Versions versions, ModelInfo model,
                       FeatureSet featureSet, Schema schema, List<String> classes, List<String> encodedColumns,
                       Training training, CalibrationInfo calibration, Domain domain, GridOrigin grid) {

    public Manifest {
        required(versions, "versions");
        required(model, "model");
        required(featureSet, "feature_set");
        required(schema, "schema");
        classes = List.copyOf(required(classes, "classes"));
        encodedColumns = List.copyOf(required(encodedColumns, "encoded_columns"));
        required(training, "training");
    }

    /** A field every bundle has: when absent, reading fails naming it (not with a NullPointerException). */
    static <T> T required(T value, String key) {
        if (value == null) throw new IllegalArgumentException(key + ": missing");
        return value;
    }

    /**
     * @param method   "cross-conformal": out-of-fold scores of every training row ({@link Calibration})
     * @param folds    calibration folds
     * @param grouping how the folds were made ("stratified", or the groups)
     * @param rows     calibration rows (every training row)
     */
    public record CalibrationInfo(String method, int folds, String grouping, int rows) {}

    /**
     * Where a model trained by {@code train --from-grid} was chosen: the grid folder's best point of its model.
     *
     * @param folder      the grid (or merge) folder as given on the command line
     * @param pointId     the point's {@code point_id} in grid.csv ({@code SVM-011})
     * @param paramHash   its {@code param_hash} (the journal key)
     * @param params      the gridded keys and their values
     * @param metric      the grid's selection metric ({@code grid.metric})
     * @param value       the point's mean of that metric over its cv splits (optimistic: it was chosen on them)
     * @param splits      the cv splits that mean is over
     */
    public record GridOrigin(String folder, String pointId, String paramHash, Map<String, Object> params, String metric,
                             double value, int splits) {
        public GridOrigin {
            required(pointId, "grid.point_id");
            params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        }
    }

    /** @param java {@code Runtime.version()} of the training JVM, with its vendor */
    public record Versions(String crystalBench, String smile, String java) {
        public Versions {
            required(crystalBench, "versions.crystal_bench");
            required(smile, "versions.smile");
        }
    }

    /**
     * @param spec    the resolved hyperparameters (defaults filled in), as JSON with its {@code type}
     * @param members for a voting model, its members' resolved specs, in member order
     */
    public record ModelInfo(String name, String type, JsonNode spec, List<JsonNode> members) {
        public ModelInfo {
            required(name, "model.name");
            required(type, "model.type");
        }
    }

    public record FeatureSet(String name, List<String> columns) {
        public FeatureSet {
            required(name, "feature_set.name");
            columns = List.copyOf(required(columns, "feature_set.columns"));
        }
    }

    /**
     * The columns a prediction file must have. Only the feature set's columns are required, so a
     * model trained without Spacegroup does not ask for it.
     */
    public record Schema(String target, List<String> idColumns, List<String> numeric, List<String> categorical,
                         DatasetSpec.MissingPolicy missing, DerivedSpec derived, List<String> derivedColumns,
                         Map<String, List<String>> groups) {
        public Schema {
            required(target, "schema.target");
            idColumns = List.copyOf(required(idColumns, "schema.id_columns"));
            numeric = List.copyOf(required(numeric, "schema.numeric"));
            categorical = List.copyOf(required(categorical, "schema.categorical"));
            required(missing, "schema.missing");
            derivedColumns = derivedColumns == null ? List.of() : List.copyOf(derivedColumns);
            groups = groups == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(groups));
        }

        /**
         * The dataset's columns narrowed to {@code features} (numeric and categorical kept in config order);
         * derived features with the columns they stand for in the training data {@code data}.
         */
        static Schema of(DatasetSpec d, List<String> features, Dataset data) {
            List<String> derivedColumns = new java.util.ArrayList<>();
            Map<String, List<String>> groups = new java.util.LinkedHashMap<>();
            var comp = d.composition();
            for (String f : features) {
                if (comp == null || !comp.featureNames().contains(f)) continue;
                List<String> group = data.groups().get(f);
                if (group != null) {
                    groups.put(f, group);
                    derivedColumns.addAll(group);
                } else {
                    derivedColumns.add(f);
                }
            }
            return new Schema(d.target(), d.idColumns(),
                    d.numeric().stream().filter(features::contains).toList(),
                    d.categorical().stream().filter(features::contains).toList(), d.missing(),
                    derivedColumns.isEmpty() ? null : d.derived(), derivedColumns, groups);
        }

        public DatasetSpec toDatasetSpec() {
            return new DatasetSpec(null, target, idColumns, numeric, categorical, missing, Map.of(), derived);
        }

        /** The model's numeric input columns: the file's, then the derived ones. */
        public List<String> allNumeric() {
            List<String> all = new java.util.ArrayList<>(numeric);
            all.addAll(derivedColumns);
            return List.copyOf(all);
        }
    }

    /**
     * @param dataFile     the training CSV as named on the command line or in the config
     * @param dataSha256   hex SHA-256 of its bytes
     * @param configFile   the experiment config
     * @param configSha256 hex SHA-256 of its bytes
     * @param configName   the config's {@code name}
     * @param seed         the config's seed; each fit's seed is derived from it and the model name
     * @param rowsRead     data rows in the file
     * @param rowsUsed     rows the model was fitted on (all rows left after the missing-value policy)
     * @param classCounts  training rows per class
     * @param warnings     warnings raised at training time (e.g. a column that determines the label)
     */
    public record Training(String dataFile, String dataSha256, String configFile, String configSha256,
                           String configName, long seed, int rowsRead, int rowsUsed, Map<String, Integer> classCounts,
                           List<String> warnings) {
        public Training {
            required(dataSha256, "training.data_sha256");
            classCounts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(
                    required(classCounts, "training.class_counts")));
            warnings = List.copyOf(required(warnings, "training.warnings"));
        }
    }
}
