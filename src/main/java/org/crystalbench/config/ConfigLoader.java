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
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
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
            throw describe(file, text, e);
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
        for (var fs : d.featureSets().entrySet()) {
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

    /** Turns a Jackson error into "file:line:col: key path: what is wrong". */
    public static InputException describe(Path file, String text, JacksonException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String key = e instanceof DatabindException ? keyPath(e) : "";
        String what;
        if (root instanceof InputException || root instanceof IllegalArgumentException) {
            what = root.getMessage();
        } else if (e instanceof UnrecognizedPropertyException u) {
            what = "unknown key '" + u.getPropertyName() + "'" + (u.getKnownPropertyIds() == null ? ""
                    : " (known: " + String.join(", ", u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList()) + ")");
        } else if (e instanceof InvalidTypeIdException t) {
            what = t.getTypeId() == null ? "missing 'type' (one of: " + MODEL_TYPES + ")"
                    : "unknown type '" + t.getTypeId() + "' (one of: " + MODEL_TYPES + ")";
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            what = "expected " + expected(m.getTargetType()) + ", found " + found(m);
        } else {
            what = withoutJavaNames(e.getOriginalMessage().replaceAll("\\s*\\n.*", ""));
            var dup = java.util.regex.Pattern.compile("^Duplicate (?:Object )?(?:property|field) \"(.*)\"").matcher(e.getOriginalMessage());
            if (dup.find()) what = "duplicate key '" + dup.group(1) + "' (a key may appear once per mapping)";
        }
        TokenStreamLocation loc = e.getLocation();
        if (root instanceof InputException || root instanceof IllegalArgumentException) {
            // A spec's own check runs when its mapping has been read: Jackson's location is then past it
            // (the next model's line). Point at the key the message names inside that mapping instead.
            long at = lineInside(text, e, what);
            if (at > 0) return new InputException(file + ":" + at + ": " + (key.isEmpty() ? "" : key + ": ") + what, e);
        }
        long line = loc != null && loc.getLineNr() > 0 ? loc.getLineNr() : lineOf(text, e);
        String where = file + (line > 0 ? ":" + line + (loc != null && loc.getLineNr() > 0 ? ":" + loc.getColumnNr() : "") : "");
        return new InputException(where + ": " + (key.isEmpty() ? "" : key + ": ") + what, e);
    }

    /** Every model type, read from {@link ModelSpec}'s own list, so a new type cannot be left out of the message. */
    public static final String MODEL_TYPES = String.join(", ", java.util.Arrays.stream(
            org.crystalbench.models.ModelSpec.class.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class).value())
            .map(com.fasterxml.jackson.annotation.JsonSubTypes.Type::name).toList());

    /** What a config value of this Java type looks like, in YAML words. */
    public static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) return "a whole number";
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) return "a number";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (type == String.class) return "a text value";
        if (type.isEnum()) {
            return "one of " + String.join(", ", java.util.Arrays.stream(type.getFields()).filter(java.lang.reflect.Field::isEnumConstant)
                    .map(f -> {
                        var name = f.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
                        return name != null ? name.value() : f.getName().toLowerCase(java.util.Locale.ROOT);
                    }).toList());
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) return "a list ([a, b, ...] or '- ' lines)";
        if (ModelSpec.class.isAssignableFrom(type)) return "a model ({name: ..., type: ...})";
        return "a section of 'key: value' lines";
    }

    /** The kind of value Jackson found, from its message ("from String \"many\"", "from Array value", ...). */
    public static String found(MismatchedInputException m) {
        if (m instanceof InvalidFormatException f && f.getValue() != null) return "'" + f.getValue() + "'";
        var kind = java.util.regex.Pattern.compile("from (\\w+)").matcher(String.valueOf(m.getOriginalMessage()));
        if (!kind.find()) return "a value of another kind";
        return switch (kind.group(1)) {
            case "Array" -> "a list";
            case "Object" -> "a section";
            case "String" -> "a text value";
            case "Boolean" -> "a true/false value";
            case "Integer", "Number", "Floating" -> "a number";
            default -> "a value of another kind";
        };
    }

    /** Last resort for messages not reworded above: Java type names out ("`java.lang.Integer`" -> "Integer"). */
    public static String withoutJavaNames(String message) {
        return message.replaceAll(", from `[^`]*`", "") // "nesting depth (501) exceeds the maximum allowed (500, from `StreamReadConstraints...`)"
                .replaceAll("`?(?:[a-z]\\w*\\.)+([A-Z]\\w*)(?:\\$(\\w+))?(?:<[^`]*>)?`?", "$1")
                .replaceAll(" \\(for POJO property '([^']*)'\\)", "")
                .replaceAll("\\(token `?JsonToken\\.\\w+`?\\)", "").trim();
    }

    /**
     * Jackson reports no location for some errors in records (their properties are buffered before the
     * constructor runs); then the line of the last key of the path is the best pointer we have.
     */
    private static long lineOf(String text, JacksonException e) {
        String last = null;
        for (var ref : e.getPath()) if (ref.getPropertyName() != null) last = ref.getPropertyName();
        if (last == null) return 0;
        var m = java.util.regex.Pattern.compile("(^|[\\s{,])" + java.util.regex.Pattern.quote(last) + "\\s*:").matcher(text);
        return m.find() ? text.substring(0, m.start()).lines().count() + (m.start() > 0 && text.charAt(m.start() - 1) == '\n' ? 1 : 0) : 0;
    }

    /**
     * The line of the mapping at the error's path: of the first of its keys that {@code message} names
     * ('lambda = -1' names lambda), else of its first key; 0 when the text cannot be scanned.
     */
    private static long lineInside(String text, JacksonException e, String message) {
        var target = new StringBuilder();
        for (var ref : e.getPath()) {
            target.append('/').append(ref.getIndex() >= 0 ? String.valueOf(ref.getIndex()) : ref.getPropertyName());
        }
        String prefix = target + "/";
        long first = 0, named = 0;
        try (var p = YAML.createParser(text)) {
            for (var t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t != tools.jackson.core.JsonToken.PROPERTY_NAME) continue;
                String at = p.streamReadContext().pathAsPointer().toString();
                if (!at.startsWith(prefix) || at.indexOf('/', prefix.length()) >= 0) continue;
                long line = p.currentTokenLocation().getLineNr();
                if (first == 0) first = line;
                String name = at.substring(prefix.length());
                if (named == 0 && java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(name) + "\\b").matcher(message).find()) {
                    named = line;
                }
            }
        } catch (JacksonException ignored) {
            // fall back to Jackson's own location
        }
        return named > 0 ? named : first;
    }

    private static String keyPath(JacksonException e) {
        var sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getIndex() >= 0) sb.append('[').append(ref.getIndex()).append(']');
            else if (ref.getPropertyName() != null) sb.append(sb.isEmpty() ? "" : ".").append(ref.getPropertyName());
        }
        return sb.toString();
    }
}
