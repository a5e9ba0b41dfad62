package org.crystalbench.perf;

import org.crystalbench.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.InputException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Reads JMH's JSON result format (the primary metric of each entry); every error names the file. */
public final class JmhJson {
    private JmhJson() {}

    public static List<BenchResult> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": file not found");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        }
        return parse(file.toString(), text);
    }

    /** Parses JMH JSON text; {@code source} names it in messages. */
    public static List<BenchResult> parse(String source, String text) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            var loc = e.getLocation();
            String where = loc != null && loc.getLineNr() > 0 ? ":" + loc.getLineNr() + ":" + loc.getColumnNr() : "";
            throw new InputException(source + where + ": malformed JSON: " + e.getOriginalMessage().replaceAll("\\s*\\n.*", "").replaceAll(", from `[^`]*`", ""));
        }
        if (root == null || !root.isArray()) {
            throw new InputException(source + ": not JMH JSON: expected an array of benchmark results");
        }
        if (root.isEmpty()) throw new InputException(source + ": no benchmark results");
        List<BenchResult> out = new ArrayList<>();
        var keys = new HashSet<String>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode e = root.get(i);
            String at = source + ": result [" + i + "]";
            if (!e.isObject()) throw new InputException(at + ": not an object");
            String benchmark = text(e, "benchmark", at);
            String mode = text(e, "mode", at);
            JsonNode pm = e.get("primaryMetric");
            if (pm == null || !pm.isObject()) throw new InputException(at + ": primaryMetric: missing");
            double score = number(pm, "score", at + ": primaryMetric", false);
            double error = number(pm, "scoreError", at + ": primaryMetric", true);
            String unit = text(pm, "scoreUnit", at + ": primaryMetric");
            if (PerfUnit.parse(unit) == null) {
                throw new InputException(at + ": primaryMetric.scoreUnit: '" + unit + "' is neither ops/<time> nor <time>/op");
            }
            Map<String, String> params = new LinkedHashMap<>();
            JsonNode p = e.get("params");
            if (p != null && !p.isNull()) {
                if (!p.isObject()) throw new InputException(at + ": params: not an object");
                for (var entry : p.properties()) params.put(entry.getKey(), entry.getValue().asString());
            }
            BenchResult r = new BenchResult(benchmark, mode, params, score, error, unit);
            if (!keys.add(r.key())) throw new InputException(at + ": benchmark " + r.key() + " appears twice");
            out.add(r);
        }
        return List.copyOf(out);
    }

    private static String text(JsonNode node, String field, String at) {
        JsonNode v = node.get(field);
        if (v == null || !v.isString() || v.stringValue().isBlank()) throw new InputException(at + ": " + field + ": missing or not a string");
        return v.stringValue();
    }

    /** JMH writes NaN (no error estimate, e.g. a single iteration) as the string "NaN". */
    private static double number(JsonNode node, String field, String at, boolean nanAllowed) {
        JsonNode v = node.get(field);
        if (v != null && v.isNumber()) return v.doubleValue();
        if (nanAllowed && v != null && v.isString() && v.stringValue().equals("NaN")) return Double.NaN;
        throw new InputException(at + ": " + field + ": missing or not a number");
    }
}
