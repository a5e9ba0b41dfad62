package org.crystalbench.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.evaluation.ConformalEval;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Csv;
import org.crystalbench.io.CsvTable;
import org.crystalbench.metrics.Conformal;
import org.crystalbench.splits.Protocol;
import org.crystalbench.splits.Seeds;
import org.crystalbench.stats.CiSpec;
import org.crystalbench.stats.Describe;
import org.crystalbench.stats.Interval;
import org.crystalbench.stats.Resampling;

/**
 * conformal.csv ({@code run --coverage}): per feature set, protocol, model, method (split or Mondrian) and requested
 * coverage, the empirical coverage of the prediction sets on the test rows (mean over splits, SD, the run's interval
 * of the mean, the lowest split) and their mean size and share of empty sets. Calibrated on a part of each
 * training set only ({@link ConformalEval}).
 */
public final class ConformalTable {
    private ConformalTable() {}

    public static final String FILE = "conformal.csv";
    public static final List<String> COLUMNS = List.of("feature_set", "protocol", "model", "method", "level", "n",
            "calibration_rows_mean", "coverage_mean", "coverage_sd", "coverage_ci_low", "coverage_ci_high", "coverage_min",
            "set_size_mean", "set_size_sd", "empty_share_mean");

    public record Row(String featureSet, Protocol protocol, String model, Conformal.Method method, double level, int n,
                      double calibrationRows, double coverage, double coverageSd, Interval coverageCi, double coverageMin,
                      double setSize, double setSizeSd, double emptyShare) {}

    /** One row per (feature set, protocol, model, method, level), in the order the per-split results come. */
    public static List<Row> rows(List<ConformalEval.Result> perSplit, CiSpec ci, long seed) {
        record Key(String featureSet, Protocol protocol, String model, Conformal.Method method, double level) {}
        Map<Key, List<ConformalEval.Result>> groups = new LinkedHashMap<>();
        for (var r : perSplit) {
            groups.computeIfAbsent(new Key(r.featureSet(), r.split().protocol(), r.model(), r.method(), r.level()),
                    k -> new ArrayList<>()).add(r);
        }
        List<Row> out = new ArrayList<>();
        for (var g : groups.entrySet()) {
            Key k = g.getKey();
            List<ConformalEval.Result> v = g.getValue();
            double[] cov = v.stream().mapToDouble(r -> r.sets().coverage()).toArray();
            double[] size = v.stream().mapToDouble(r -> r.sets().size()).toArray();
            double ratio = Resampling.testTrainRatio(v, ConformalEval.Result::testRows, ConformalEval.Result::trainRows);
            String cell = Seeds.cell("conformal", k.featureSet(), k.protocol(), k.model(), k.method(), k.level());
            Interval interval = Resampling.interval(ci.method(), cov, ratio, ci.level(), Seeds.bootstrap(seed, cell, 0));
            out.add(new Row(k.featureSet(), k.protocol(), k.model(), k.method(), k.level(), cov.length,
                    v.stream().mapToInt(ConformalEval.Result::calibrationRows).average().orElseThrow(), Describe.mean(cov),
                    Describe.sd(cov), interval, java.util.Arrays.stream(cov).min().orElseThrow(), Describe.mean(size),
                    Describe.sd(size), v.stream().mapToDouble(r -> r.sets().empty()).average().orElseThrow()));
        }
        return out;
    }

    public static void write(Path dir, List<Row> rows) {
        List<List<?>> cells = new ArrayList<>();
        for (Row r : rows) {
            cells.add(List.of(r.featureSet(), r.protocol(), r.model(), r.method(), r.level(), r.n(), r.calibrationRows(),
                    r.coverage(), r.coverageSd(), r.coverageCi().low(), r.coverageCi().high(), r.coverageMin(), r.setSize(),
                    r.setSizeSd(), r.emptyShare()));
        }
        AtomicFiles.write(dir.resolve(FILE), Csv.of(COLUMNS, cells));
    }

    public static List<Row> read(Path file) {
        CsvTable t = CsvTable.read(file, COLUMNS);
        return t.map(r -> new Row(t.text(r, "feature_set"), t.parse(r, "protocol", Protocol::of), t.text(r, "model"),
                t.parse(r, "method", Conformal.Method::of), t.num(r, "level"), t.integer(r, "n"), t.num(r, "calibration_rows_mean"),
                t.num(r, "coverage_mean"), t.num(r, "coverage_sd"), new Interval(t.num(r, "coverage_ci_low"), t.num(r, "coverage_ci_high")),
                t.num(r, "coverage_min"), t.num(r, "set_size_mean"), t.num(r, "set_size_sd"), t.num(r, "empty_share_mean")));
    }
}
