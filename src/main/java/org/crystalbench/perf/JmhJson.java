package org.crystalbench.perf;

import org.crystalbench.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.InputException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads JMH's JSON result format (the primary metric of each entry, or a named secondary metric such
 * as {@link CpuTimeProfiler#METRIC}); every error names the file.
 */
public final class JmhJson {
    private JmhJson() {}

    public static List<BenchResult> read(Path file) {
        return read(file, null);
    }

    /**
     * With {@code secondary} non-null, each entry's secondary metric of that name in place of the
     * primary one (same benchmark, mode and parameters); entries without it are left out.
     */
    public static List<BenchResult> read(Path file, String secondary) {
        return read(file, secondary, false);
    }

    /**
     * With {@code best}, each score is the best measurement iteration (the smallest time per
     * operation, the largest throughput) instead of the mean: a fork's steady state, which a warmup
     * cut short by a busy machine or one disturbed iteration does not move.
     */
    public static List<BenchResult> read(Path file, String secondary, boolean best) {
        String text = org.crystalbench.io.InputFiles.text(file, "file");
        return parse(file.toString(), text, secondary, best);
    }

    /** Parses JMH JSON text; {@code source} names it in messages. */
    public static List<BenchResult> parse(String source, String text) {
        return parse(source, text, null, false);
    }

    static List<BenchResult> parse(String source, String text, String secondary, boolean best) {
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
            String metric = "primaryMetric";
            if (secondary != null) {
                JsonNode sm = e.get("secondaryMetrics");
                pm = sm != null && sm.isObject() ? sm.get(secondary) : null;
                if (pm == null) continue;
                metric = "secondaryMetrics." + secondary;
            }
            if (pm == null || !pm.isObject()) throw new InputException(at + ": " + metric + ": missing");
            double score = number(pm, "score", at + ": " + metric, false);
            double error = number(pm, "scoreError", at + ": " + metric, true);
            String unit = text(pm, "scoreUnit", at + ": " + metric);
            if (PerfUnit.parse(unit) == null) {
                throw new InputException(at + ": " + metric + ".scoreUnit: '" + unit + "' is neither ops/<time> nor <time>/op");
            }
            if (best) score = best(pm, PerfUnit.parse(unit).throughput(), score);
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

    /** The best of the iteration scores in {@code rawData} (all forks); {@code fallback} without any. */
    private static double best(JsonNode metric, boolean throughput, double fallback) {
        JsonNode raw = metric.get("rawData");
        double b = Double.NaN;
        if (raw != null && raw.isArray()) {
            for (JsonNode fork : raw) {
                for (JsonNode v : fork) {
                    if (!v.isNumber()) continue;
                    double x = v.doubleValue();
                    if (Double.isNaN(b) || (throughput ? x > b : x < b)) b = x;
                }
            }
        }
        return Double.isNaN(b) ? fallback : b;
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
