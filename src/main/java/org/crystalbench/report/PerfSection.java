package org.crystalbench.report;

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
import org.crystalbench.perf.BenchResult;
import org.crystalbench.report.Cells;

/** JMH benchmark results (read by {@link org.crystalbench.perf.JmhJson}): bar charts with JMH's error bars, training and inference apart. */
final class PerfSection {
    private PerfSection() {}

    /** The bar's label: the one parameter's value, all parameters, or the method when there are none. */
    static String label(BenchResult r) {
        return r.params().isEmpty() ? r.method() : r.params().size() == 1 ? r.params().values().iterator().next() : r.paramLabel();
    }

    static String kind(BenchResult r) {
        String b = r.benchmark().toLowerCase(Locale.ROOT);
        if (b.contains("train") || b.endsWith(".fit")) return "Training";
        if (b.contains("predict") || b.contains("infer")) return "Inference";
        return "Other";
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

    static String modeName(String mode) {
        return switch (mode) {
            case "thrpt" -> "throughput, higher is better";
            case "avgt" -> "average time, lower is better";
            case "sample" -> "sampled time, lower is better";
            case "ss" -> "single-shot time, lower is better";
            default -> mode;
        };
    }

    static void write(Doc doc, Map<Path, List<BenchResult>> files) {
        doc.section("Benchmarks (JMH)");
        doc.para("Scores from JMH's JSON output; error bars are JMH's score error (half-width of its 99.9% confidence "
                + "interval; none drawn when JMH could not estimate one). Each chart is one benchmark method, in its own unit.");
        for (var f : files.entrySet()) {
            String name = f.getKey().getFileName().toString().replaceFirst("\\.json$", "");
            doc.para("### `" + f.getKey() + "`");
            Map<String, Map<String, List<BenchResult>>> byKind = new LinkedHashMap<>();
            for (String k : List.of("Training", "Inference", "Other")) byKind.put(k, new LinkedHashMap<>());
            for (BenchResult r : f.getValue()) {
                byKind.get(kind(r)).computeIfAbsent(r.method() + " " + r.mode() + " " + r.unit(), k -> new ArrayList<>()).add(r);
            }
            for (var kind : byKind.entrySet()) {
                if (kind.getValue().isEmpty()) continue;
                doc.para("#### " + kind.getKey());
                List<List<String>> table = new ArrayList<>();
                for (List<BenchResult> rs : kind.getValue().values()) {
                    BenchResult first = rs.getFirst();
                    double[] values = rs.stream().mapToDouble(BenchResult::score).toArray();
                    double[] errors = rs.stream().mapToDouble(r -> r.error() > 0 ? r.error() : Double.NaN).toArray();
                    doc.figure("perf-" + Figure.slug(name, first.method(), first.mode()),
                            first.method() + " (" + first.unit() + ")", 900, Math.max(300, 140 + 36 * rs.size()),
                            Charts.bars(first.method(), modeName(first.mode()) + "; error bars: JMH score error",
                                    first.unit(), rs.stream().map(PerfSection::label).toList(), values, errors, null, true, "#,##0.###"));
                    for (BenchResult r : rs) {
                        table.add(List.of(r.method(), r.params().isEmpty() ? "" : label(r), r.mode(), Cells.fmt("%.4g", r.score()),
                                r.error() > 0 ? Cells.fmt("%.3g", r.error()) : "–", r.unit()));
                    }
                }
                doc.table(List.of("Benchmark", "Parameters", "Mode", "Score", "± Error", "Unit"), table);
            }
        }
    }
}
