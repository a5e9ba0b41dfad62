package org.crystalbench.report;

import org.crystalbench.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.crystalbench.InputException;
import org.crystalbench.config.ConfigLoader;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** JMH benchmark results (JMH's JSON format): bar charts with JMH's error bars, training and inference apart. */
final class PerfSection {
    private PerfSection() {}

    /** One result's primary metric; {@code error} is NaN when JMH had too few iterations to estimate it. */
    record Result(String benchmark, String mode, Map<String, String> params, double score, double error, String unit) {
        /** {@code TrainBench.fit} */
        String method() {
            String[] parts = benchmark.split("\\.");
            return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
        }

        /** The bar's label: parameter values, or the method when there are none. */
        String label() {
            if (params.isEmpty()) return method();
            if (params.size() == 1) return params.values().iterator().next();
            return String.join(", ", params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        }

        String kind() {
            String b = benchmark.toLowerCase(Locale.ROOT);
            if (b.contains("train") || b.endsWith(".fit")) return "Training";
            if (b.contains("predict") || b.contains("infer")) return "Inference";
            return "Other";
        }
    }

    /**
     * The JMH JSON files to show: {@code perf} itself when it is a file; in a folder, its {@code *.json}
     * files (e.g. the committed baseline) and the newest of {@code runs/*.json}.
     */
    static List<Path> files(Path perf) {
        if (perf == null || !Files.exists(perf)) return List.of();
        if (Files.isRegularFile(perf)) return List.of(perf);
        List<Path> out = new ArrayList<>(jsonIn(perf));
        List<Path> runs = jsonIn(perf.resolve("runs"));
        if (!runs.isEmpty()) out.add(runs.getLast());
        return out;
    }

    private static List<Path> jsonIn(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new InputException(dir + ": cannot list: " + e.getMessage());
        }
    }

    static List<Result> read(Path file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        } catch (JacksonException e) {
            throw new InputException(file + ": malformed JSON: " + e.getOriginalMessage().replaceAll("\\s*\\n.*", ""));
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new InputException(file + ": not JMH JSON (expected a non-empty array of results)");
        }
        List<Result> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode e = root.get(i), pm = e.path("primaryMetric");
            String at = file + ": result [" + i + "]";
            if (!e.path("benchmark").isString() || !e.path("mode").isString()) throw new InputException(at + ": benchmark or mode missing");
            if (!pm.path("score").isNumber()) throw new InputException(at + ": primaryMetric.score: missing or not a number");
            if (!pm.path("scoreUnit").isString()) throw new InputException(at + ": primaryMetric.scoreUnit: missing");
            JsonNode err = pm.path("scoreError");
            double error = err.isNumber() ? Math.abs(err.doubleValue()) : Double.NaN; // JMH writes "NaN" as a string
            Map<String, String> params = new LinkedHashMap<>();
            for (var p : e.path("params").properties()) params.put(p.getKey(), p.getValue().asString());
            out.add(new Result(e.get("benchmark").stringValue(), e.get("mode").stringValue(), params, pm.get("score").doubleValue(),
                    Double.isFinite(error) ? error : Double.NaN, pm.get("scoreUnit").stringValue()));
        }
        return out;
    }

    static String modeName(String mode) {
        return switch (mode) {
            case "thrpt" -> "throughput, higher is better";
            case "avgt" -> "average time, lower is better";
            case "sample" -> "sampled time, lower is better";
            case "ss" -> "single-shot time, lower is better";
            default -> mode;
        };
    }

    static void write(Doc doc, Map<Path, List<Result>> files) {
        doc.section("Benchmarks (JMH)");
        doc.para("Scores from JMH's JSON output; error bars are JMH's score error (half-width of its 99.9% confidence "
                + "interval; none drawn when JMH could not estimate one). Each chart is one benchmark method, in its own unit.");
        for (var f : files.entrySet()) {
            String name = f.getKey().getFileName().toString().replaceFirst("\\.json$", "");
            doc.para("### `" + f.getKey() + "`");
            Map<String, Map<String, List<Result>>> byKind = new LinkedHashMap<>();
            for (String k : List.of("Training", "Inference", "Other")) byKind.put(k, new LinkedHashMap<>());
            for (Result r : f.getValue()) {
                byKind.get(r.kind()).computeIfAbsent(r.method() + " " + r.mode() + " " + r.unit(), k -> new ArrayList<>()).add(r);
            }
            for (var kind : byKind.entrySet()) {
                if (kind.getValue().isEmpty()) continue;
                doc.para("#### " + kind.getKey());
                List<List<String>> table = new ArrayList<>();
                for (List<Result> rs : kind.getValue().values()) {
                    Result first = rs.getFirst();
                    double[] values = rs.stream().mapToDouble(Result::score).toArray();
                    double[] errors = rs.stream().mapToDouble(Result::error).toArray();
                    doc.figure("perf-" + Figure.slug(name, first.method(), first.mode()),
                            first.method() + " (" + first.unit() + ")", 900, Math.max(300, 140 + 36 * rs.size()),
                            Charts.bars(first.method(), modeName(first.mode()) + "; error bars: JMH score error",
                                    first.unit(), rs.stream().map(Result::label).toList(), values, errors, null, true, "#,##0.###"));
                    for (Result r : rs) {
                        table.add(List.of(r.method(), r.params().isEmpty() ? "" : r.label(), r.mode(), Doc.fmt("%.4g", r.score()),
                                Double.isNaN(r.error()) ? "–" : Doc.fmt("%.3g", r.error()), r.unit()));
                    }
                }
                doc.table(List.of("Benchmark", "Parameters", "Mode", "Score", "± Error", "Unit"), table);
            }
        }
    }
}
