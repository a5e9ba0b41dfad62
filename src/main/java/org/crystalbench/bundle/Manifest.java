package org.crystalbench.bundle;

import java.util.List;
import java.util.Map;
import org.crystalbench.config.DatasetSpec;
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
 */
public record Manifest(String format, int formatVersion, String created, Versions versions, ModelInfo model,
                       FeatureSet featureSet, Schema schema, List<String> classes, List<String> encodedColumns,
                       Training training) {

    public Manifest {
        classes = List.copyOf(classes);
        encodedColumns = List.copyOf(encodedColumns);
    }

    /** @param java {@code Runtime.version()} of the training JVM, with its vendor */
    public record Versions(String crystalBench, String smile, String java) {}

    /**
     * @param spec    the resolved hyperparameters (defaults filled in), as JSON with its {@code type}
     * @param members for a voting model, its members' resolved specs, in member order
     */
    public record ModelInfo(String name, String type, JsonNode spec, List<JsonNode> members) {}

    public record FeatureSet(String name, List<String> columns) {
        public FeatureSet {
            columns = List.copyOf(columns);
        }
    }

    /**
     * The columns a prediction file must have. Only the feature set's columns are required, so a
     * model trained without Spacegroup does not ask for it.
     */
    public record Schema(String target, List<String> idColumns, List<String> numeric, List<String> categorical,
                         DatasetSpec.MissingPolicy missing) {
        public Schema {
            idColumns = List.copyOf(idColumns);
            numeric = List.copyOf(numeric);
            categorical = List.copyOf(categorical);
        }

        /** The dataset's columns narrowed to {@code features} (numeric and categorical kept in config order). */
        static Schema of(DatasetSpec d, List<String> features) {
            return new Schema(d.target(), d.idColumns(),
                    d.numeric().stream().filter(features::contains).toList(),
                    d.categorical().stream().filter(features::contains).toList(), d.missing());
        }

        public DatasetSpec toDatasetSpec() {
            return new DatasetSpec(null, target, idColumns, numeric, categorical, missing, Map.of());
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
            classCounts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(classCounts));
            warnings = List.copyOf(warnings);
        }
    }
}
