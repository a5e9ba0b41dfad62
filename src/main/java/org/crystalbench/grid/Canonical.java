package org.crystalbench.grid;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.crystalbench.config.ConfigLoader;

/** Canonical JSON (sorted keys, no whitespace) and hashes over it: stable identities for specs and configs. */
public final class Canonical {
    private Canonical() {}

    public static String json(Object value) {
        Object tree = ConfigLoader.JSON.convertValue(value, Object.class);
        return ConfigLoader.JSON.writeValueAsString(sorted(tree));
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A value as one table cell: strings as they are, everything else as compact JSON. */
    public static String cell(Object value) {
        if (value == null) return "";
        if (value instanceof String s) return s;
        if (value instanceof Double d) return org.crystalbench.reporting.Csv.num(d);
        return json(value);
    }

    private static Object sorted(Object v) {
        if (v instanceof Map<?, ?> m) {
            var out = new TreeMap<String, Object>();
            m.forEach((k, x) -> out.put(String.valueOf(k), sorted(x)));
            return out;
        }
        if (v instanceof List<?> l) return l.stream().map(Canonical::sorted).toList();
        return v;
    }
}
