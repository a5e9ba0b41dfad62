package org.crystalbench.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.crystalbench.InputException;
import org.crystalbench.io.InputFiles;
import org.crystalbench.models.ModelSpec;
import org.crystalbench.splits.Protocol;
import org.crystalbench.models.VotingSpec;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads and checks experiment configs; every error names the file, line and key. */
public final class ConfigLoader {
    private ConfigLoader() {}

    /** YAML in, snake_case keys, unknown keys, duplicate keys and wrong types rejected. */
    public static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION) // "C: 1" then "C: 100" is a mistake, not an override
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT) // 2.5 for a whole-number key is an error, never 2
            .addModule(new tools.jackson.databind.module.SimpleModule("finite numbers")
                    .addDeserializer(Double.class, new FiniteDouble(Double.class, null))
                    .addDeserializer(double.class, new FiniteDouble(double.class, 0.0)))
            .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    /** Every number key of a config is finite: YAML's {@code .inf} and {@code .nan} are refused wherever a number goes. */
    static final class FiniteDouble extends tools.jackson.databind.deser.jdk.NumberDeserializers.DoubleDeserializer {
        FiniteDouble(Class<Double> type, Double nullValue) {
            super(type, nullValue);
        }

        @Override
        public Double deserialize(tools.jackson.core.JsonParser p, tools.jackson.databind.DeserializationContext ctxt) {
            Double v = super.deserialize(p, ctxt);
            if (v != null && !Double.isFinite(v)) throw new IllegalArgumentException("expected a finite number, found " + p.getString());
            return v;
        }
    }

    public static ExperimentConfig load(Path file) {
        return load(file, null);
    }

    /**
     * The config with {@code data} (the CLI's {@code --data}; null: {@code dataset.path}) applied, its
     * {@code auto} columns resolved from that file and its feature-set shorthands expanded, then checked.
     */
    public static ExperimentConfig load(Path file, Path data) {
        String text = read(file);
        ExperimentConfig config;
        try {
            config = YAML.readValue(text, ExperimentConfig.class);
        } catch (JacksonException e) {
            throw ConfigErrors.describe(file, text, e);
        }
        if (config == null) throw new InputException(file + ": config is empty");
        if (!YAML.readTree(text).has("protocols")) {
            // No silent default: 30 holdouts and 50 CV fits per model is a choice the config should show.
            throw new InputException(file + ": protocols: section missing; add e.g. 'protocols: {holdout: {repeats: 30, "
                    + "test_ratio: 0.2}, cv: {repeats: 10, folds: 5}}' (repeated stratified holdout and k-fold CV; "
                    + "either may be left out)");
        }
        if (config.dataset() == null) throw new InputException(file + ": dataset: section missing");
        if (data != null) config = config.withDataPath(data.toString());
        if (config.dataset().target() == null) throw new InputException(file + ": dataset.target: missing");
        Path dataFile = Columns.needsData(config.dataset()) ? config.dataPath(file) : null;
        config = config.withDataset(Columns.resolve(file, config.dataset(), dataFile));
        validate(file, config);
        return config;
    }

    /**
     * Anchors and aliases ({@code &a}, {@code *a}) are refused: Jackson reads an alias as the literal
     * string "a" (a misleading type error), and a config should say each value where it applies.
     */
    /** A config file's text, with YAML anchors refused; a missing or unreadable file is bad input naming it. */
    public static String read(Path file) {
        String text = InputFiles.text(file, "config file");
        rejectAnchors(file, text);
        return text;
    }

    static void rejectAnchors(Path file, String text) {
        try {
            for (Event e : new Parse(LoadSettings.builder().build()).parseString(text)) {
                boolean anchored = e instanceof NodeEvent n && n.getAnchor().isPresent();
                if (e instanceof AliasEvent || anchored) {
                    long line = e.getStartMark().map(m -> m.getLine() + 1L).orElse(0L);
                    throw InputException.at(file, line, null, "YAML anchors and aliases (&name, *name) are not supported; "
                            + "write the value out where it is used");
                }
            }
        } catch (YamlEngineException e) {
            // not YAML at all: Jackson's reading below reports it with its location
        }
    }

    /** Cross-field checks that no single record can make. */
    static void validate(Path file, ExperimentConfig c) {
        if (c.dataset() == null) throw new InputException(file + ": dataset: section missing");
        DatasetSpec d = c.dataset();
        if (d.target() == null) throw new InputException(file + ": dataset.target: missing");
        if (d.allFeatures().isEmpty()) throw new InputException(file + ": dataset: no numeric or categorical features");
        var seen = new HashSet<String>();
        var columns = new java.util.ArrayList<>(d.numeric());
        columns.addAll(d.categorical());
        for (String col : columns) {
            if (!seen.add(col)) throw new InputException(file + ": dataset: column '" + col + "' listed twice");
            if (col.equals(d.target())) throw new InputException(file + ": dataset: the target '" + col + "' is also a feature");
        }
        if (d.composition() != null) {
            var comp = d.composition();
            for (String col : java.util.Arrays.asList(comp.formula(), comp.nsites(), comp.volume())) {
                if (col != null && col.equals(d.target())) {
                    throw new InputException(file + ": dataset.derived.composition: the target '" + col + "' cannot be an input");
                }
            }
            for (String name : comp.featureNames()) {
                if (!seen.add(name)) {
                    throw new InputException(file + ": dataset.derived.composition: the derived feature '" + name
                            + "' has the name of a dataset column");
                }
            }
        }
        for (var fs : d.featureSets().entrySet()) checkFeatureSet(file, d, seen, fs);
        if (c.models().isEmpty()) throw new InputException(file + ": models: no models");
        if (c.protocols().none()) {
            throw new InputException(file + ": protocols: no protocol (holdout, cv, grouped_holdout, grouped_cv or ordered)");
        }
        var names = new HashSet<String>();
        for (int i = 0; i < c.models().size(); i++) {
            ModelSpec m = c.models().get(i);
            if (m.name() == null || m.name().isBlank()) throw new InputException(file + ": models[" + i + "].name: missing");
            if (!names.add(m.name())) throw new InputException(file + ": models[" + i + "].name: '" + m.name() + "' used twice");
        }
        for (int i = 0; i < c.models().size(); i++) {
            if (c.models().get(i) instanceof VotingSpec v) {
                for (String member : v.members()) {
                    boolean base = c.models().stream().anyMatch(m -> m.name().equals(member) && !(m instanceof VotingSpec));
                    if (!base) {
                        throw new InputException(file + ": models[" + i + "].members: '" + member
                                + "' is not a non-voting model of this config");
                    }
                }
            }
        }
        if (c.reference() != null) {
            Reference r = c.reference();
            if (r.featureSet() != null && !c.featureSets().containsKey(r.featureSet())) {
                throw new InputException(file + ": reference.feature_set: '" + r.featureSet() + "' is not a feature set");
            }
            if (r.protocol() != null && r.protocol() != Protocol.HOLDOUT && r.protocol() != Protocol.CV) {
                throw new InputException(file + ": reference.protocol: must be holdout or cv");
            }
        }
    }

    /** One feature set: not empty, each column once, each a dataset column or a derived feature. */
    private static void checkFeatureSet(Path file, DatasetSpec d, java.util.Set<String> seen,
                                        java.util.Map.Entry<String, List<String>> fs) {
        if (fs.getValue() == null || fs.getValue().isEmpty()) {
            throw new InputException(file + ": dataset.feature_sets." + fs.getKey() + ": empty");
        }
        if (new HashSet<>(fs.getValue()).size() < fs.getValue().size()) {
            throw new InputException(file + ": dataset.feature_sets." + fs.getKey() + ": a column is listed twice");
        }
        if (fs.getValue().contains(DerivedSpec.Composition.PROPERTIES)
                && fs.getValue().stream().anyMatch(org.crystalbench.chemistry.Descriptors.COLUMNS::contains)) {
            throw new InputException(file + ": dataset.feature_sets." + fs.getKey() + ": lists '"
                    + DerivedSpec.Composition.PROPERTIES + "' and one of its columns (each column once)");
        }
        if (fs.getValue().contains(DerivedSpec.Composition.CELL)
                && fs.getValue().stream().anyMatch(org.crystalbench.chemistry.CellDescriptors.COLUMNS::contains)) {
            throw new InputException(file + ": dataset.feature_sets." + fs.getKey() + ": lists '"
                    + DerivedSpec.Composition.CELL + "' and one of its columns (each column once)");
        }
        for (String col : fs.getValue()) {
            if (!seen.contains(col)) {
                throw new InputException(file + ": dataset.feature_sets." + fs.getKey() + ": '" + col
                        + "' is not a numeric or categorical column of the dataset section"
                        + (d.composition() == null ? "" : " nor a derived feature (" + String.join(", ", d.composition().featureNames().subList(0, 2))
                                + ", ...)"));
            }
        }
    }
}
