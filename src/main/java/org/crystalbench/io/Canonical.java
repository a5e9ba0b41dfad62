package org.crystalbench.io;

import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Canonical JSON (object keys sorted at every level, no whitespace, UTF-8) and the hash over it: the
 * one identity of specs and configs, so equal values hash equally whatever their key order.
 */
public final class Canonical {
    private Canonical() {}

    /** The value as a JSON tree with sorted keys (for embedding in a record such as provenance.json). */
    public static JsonNode tree(Object value) {
        return sorted(Json.MAPPER.valueToTree(value));
    }

    public static String json(Object value) {
        return Json.MAPPER.writeValueAsString(tree(value));
    }

    /** SHA-256 (hex) of the value's canonical JSON. */
    public static String hash(Object value) {
        return Hashing.sha256(json(value));
    }

    /** A value as one table cell: strings as they are, everything else as compact JSON. */
    public static String cell(Object value) {
        if (value == null) return "";
        if (value instanceof String s) return s;
        if (value instanceof Double d) return Csv.num(d);
        return json(value);
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            var keys = new TreeMap<String, JsonNode>();
            node.properties().forEach(e -> keys.put(e.getKey(), e.getValue()));
            ObjectNode o = Json.MAPPER.createObjectNode();
            keys.forEach((k, v) -> o.set(k, sorted(v)));
            return o;
        }
        if (node.isArray()) {
            ArrayNode a = Json.MAPPER.createArrayNode();
            node.values().forEach(v -> a.add(sorted(v)));
            return a;
        }
        return node;
    }
}
