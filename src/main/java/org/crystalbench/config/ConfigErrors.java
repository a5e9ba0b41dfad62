package org.crystalbench.config;

import java.nio.file.Path;
import org.crystalbench.InputException;
import org.crystalbench.models.ModelSpec;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * A Jackson error reworded for the user: "file:line:col: key path: what is wrong", in YAML words (never a Java
 * type name). Used by every reader of YAML or JSON input (config, suite config, grid points, provenance).
 */
public final class ConfigErrors {
    private ConfigErrors() {}

    /** Reads tokens only, to find a key's line; as strict about duplicate keys as the config mapper. */
    private static final tools.jackson.dataformat.yaml.YAMLMapper SCAN = tools.jackson.dataformat.yaml.YAMLMapper.builder()
            .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** Turns a Jackson error into "file:line:col: key path: what is wrong". */
    public static InputException describe(Path file, String text, JacksonException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String key = e instanceof DatabindException ? keyPath(e) : "";
        String what;
        if (root instanceof InputException || root instanceof IllegalArgumentException) {
            what = root.getMessage();
        } else if (e instanceof UnrecognizedPropertyException u && "class_weight".equals(u.getPropertyName())) {
            what = "unknown key 'class_weight': " + org.crystalbench.models.ClassWeight.NOT_TAKEN;
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
        try (var p = SCAN.createParser(text)) {
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
