package org.crystalbench.perf;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * One JMH result (its primary metric) as read from a JMH JSON file.
 *
 * @param benchmark fully qualified benchmark method, e.g. {@code org.crystalbench.bench.TrainBench.fit}
 * @param mode      JMH mode as written in the JSON ({@code thrpt}, {@code avgt}, {@code sample}, {@code ss})
 * @param params    {@code @Param} values, in the file's order
 * @param score     the score in {@code unit}
 * @param error     half-width of JMH's 99.9% confidence interval; 0 when JMH could not estimate one
 * @param unit      JMH's score unit, e.g. {@code ops/s} or {@code us/op}
 */
public record BenchResult(String benchmark, String mode, Map<String, String> params, double score, double error,
                          String unit) {
    public BenchResult {
        params = Map.copyOf(params); // order is irrelevant for identity; the label sorts
        error = Double.isFinite(error) ? Math.abs(error) : 0;
    }

    /** What identifies a benchmark across files: method, parameters and mode. */
    public String key() {
        return label() + " " + mode;
    }

    /** Short name for tables: {@code TrainBench.fit[model=LR]}. */
    public String label() {
        String[] parts = benchmark.split("\\.");
        String name = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
        if (params.isEmpty()) return name;
        return name + params.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",", "[", "]"));
    }
}
