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

    /** The class and method: {@code TrainBench.fit}. */
    public String method() {
        String[] parts = benchmark.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
    }

    /** The parameter values, sorted by key: {@code model=LR,rows=100}; empty without parameters. */
    public String paramLabel() {
        return params.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /** Short name for tables: {@code TrainBench.fit[model=LR]}. */
    public String label() {
        return params.isEmpty() ? method() : method() + "[" + paramLabel() + "]";
    }
}
