package org.crystalbench.results;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.crystalbench.io.CsvTable;
import org.crystalbench.metrics.Metric;
import org.crystalbench.stats.Interval;

/**
 * A metric's mean over splits with its interval (and SD where the table has one: NaN otherwise), and
 * the {@code <metric>_mean[, _sd], _ci_low, _ci_high} columns that summary.csv, grid.csv and nested.csv
 * carry for every metric.
 */
public record Estimate(double mean, double sd, Interval ci) {

    /** The per-metric columns of {@code metrics} in table order; {@code withSd}: summary.csv's {@code _sd} after each mean. */
    static List<String> columns(List<Metric> metrics, boolean withSd) {
        List<String> out = new ArrayList<>();
        for (Metric m : metrics) {
            out.add(m.column() + "_mean");
            if (withSd) out.add(m.column() + "_sd");
            out.add(m.column() + "_ci_low");
            out.add(m.column() + "_ci_high");
        }
        return out;
    }

    static void cells(List<Metric> metrics, Map<Metric, Estimate> stats, boolean withSd, List<Object> row) {
        for (Metric m : metrics) {
            Estimate e = stats.get(m);
            row.add(e.mean());
            if (withSd) row.add(e.sd());
            row.add(e.ci().low());
            row.add(e.ci().high());
        }
    }

    /** The estimates of {@code metrics} in row {@code r}; a metric not in {@code metrics} is absent. */
    static Map<Metric, Estimate> read(List<Metric> metrics, CsvTable t, CSVRecord r, boolean withSd) {
        Map<Metric, Estimate> out = new EnumMap<>(Metric.class);
        for (Metric m : metrics) {
            String c = m.column();
            out.put(m, new Estimate(t.num(r, c + "_mean"), withSd ? t.num(r, c + "_sd") : Double.NaN,
                    new Interval(t.num(r, c + "_ci_low"), t.num(r, c + "_ci_high"))));
        }
        return out;
    }
}
