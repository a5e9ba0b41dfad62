package org.crystalbench.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.evaluation.SplitResult;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Csv;
import org.crystalbench.io.CsvTable;
import org.crystalbench.metrics.Metric;
import org.crystalbench.splits.Protocol;

/** splits.csv: one row per feature set, protocol, model and split, with every metric and the sizes and times. */
public final class SplitsTable {
    private SplitsTable() {}

    public static final String FILE = "splits.csv";
    public static final List<String> COLUMNS;

    static {
        var cols = new ArrayList<>(List.of("feature_set", "protocol", "model", "repeat", "fold"));
        Metric.LABEL.forEach(m -> cols.add(m.column()));
        cols.addAll(List.of("train_size", "test_size", "fit_ms", "predict_ms"));
        Metric.PROBABILITY.forEach(m -> cols.add(m.column())); // appended later: scripts may read columns by position
        COLUMNS = List.copyOf(cols);
    }

    public record Row(String featureSet, Protocol protocol, String model, int repeat, int fold, Map<Metric, Double> scores,
                      int trainSize, int testSize, double fitMs, double predictMs) {
        public static Row of(SplitResult r) {
            Map<Metric, Double> scores = new EnumMap<>(Metric.class);
            Metric.ALL.forEach(m -> scores.put(m, m.of(r.scores())));
            return new Row(r.featureSet(), r.protocol(), r.model(), r.repeat(), r.fold(), scores, r.trainSize(), r.testSize(),
                    r.fitMs(), r.predictMs());
        }
    }

    public static void write(Path dir, List<Row> rows) {
        List<List<?>> cells = new ArrayList<>();
        for (Row r : rows) {
            List<Object> row = new ArrayList<>(List.of(r.featureSet(), r.protocol(), r.model(), r.repeat(), r.fold()));
            Metric.LABEL.forEach(m -> row.add(r.scores().get(m)));
            row.addAll(List.of(r.trainSize(), r.testSize(), r.fitMs(), r.predictMs()));
            Metric.PROBABILITY.forEach(m -> row.add(r.scores().get(m)));
            cells.add(row);
        }
        AtomicFiles.write(dir.resolve(FILE), Csv.of(COLUMNS, cells));
    }

    public static List<Row> read(Path file) {
        CsvTable t = CsvTable.read(file, COLUMNS);
        return t.map(r -> {
            Map<Metric, Double> scores = new EnumMap<>(Metric.class);
            Metric.ALL.forEach(m -> scores.put(m, t.num(r, m.column())));
            return new Row(t.text(r, "feature_set"), t.parse(r, "protocol", Protocol::of), t.text(r, "model"),
                    t.integer(r, "repeat"), t.integer(r, "fold"), scores, t.integer(r, "train_size"),
                    t.integer(r, "test_size"), t.num(r, "fit_ms"), t.num(r, "predict_ms"));
        });
    }
}
