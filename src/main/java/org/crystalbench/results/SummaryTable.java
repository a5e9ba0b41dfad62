package org.crystalbench.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Csv;
import org.crystalbench.io.CsvTable;
import org.crystalbench.metrics.Metric;
import org.crystalbench.splits.Protocol;
import org.crystalbench.stats.CiSpec;

/** summary.csv: per feature set, protocol and model, every metric's mean, SD and interval of the mean, and mean times. */
public final class SummaryTable {
    private SummaryTable() {}

    public static final String FILE = "summary.csv";
    public static final List<String> COLUMNS;

    static {
        var cols = new ArrayList<>(List.of("feature_set", "protocol", "model", "n"));
        cols.addAll(Estimate.columns(Metric.LABEL, true));
        cols.addAll(List.of("fit_ms_mean", "predict_ms_mean"));
        cols.addAll(Estimate.columns(Metric.PROBABILITY, true)); // appended later: scripts may read columns by position
        COLUMNS = List.copyOf(cols);
    }

    public record Row(String featureSet, Protocol protocol, String model, int n, Map<Metric, Estimate> stats,
                      double fitMsMean, double predictMsMean) {
        /** The {@code ci} interval of each metric's mean ({@code seed}, the run's, feeds the bootstrap only). */
        public static Row of(Summary s, CiSpec ci, long seed) {
            Map<Metric, Estimate> stats = new EnumMap<>(Metric.class);
            Metric.ALL.forEach(m -> stats.put(m, new Estimate(s.mean(m), s.sd(m), s.interval(ci, m, seed))));
            return new Row(s.featureSet(), s.protocol(), s.model(), s.n(), stats, s.meanFitMs(), s.meanPredictMs());
        }

        public Estimate stat(Metric m) {
            return stats.get(m);
        }
    }

    public static List<Row> rows(List<Summary> summaries, CiSpec ci, long seed) {
        return summaries.stream().map(s -> Row.of(s, ci, seed)).toList();
    }

    public static void write(Path dir, List<Row> rows) {
        List<List<?>> cells = new ArrayList<>();
        for (Row r : rows) {
            List<Object> row = new ArrayList<>(List.of(r.featureSet(), r.protocol(), r.model(), r.n()));
            Estimate.cells(Metric.LABEL, r.stats(), true, row);
            row.add(r.fitMsMean());
            row.add(r.predictMsMean());
            Estimate.cells(Metric.PROBABILITY, r.stats(), true, row);
            cells.add(row);
        }
        AtomicFiles.write(dir.resolve(FILE), Csv.of(COLUMNS, cells));
    }

    public static List<Row> read(Path file) {
        CsvTable t = CsvTable.read(file, COLUMNS);
        return t.map(r -> {
            Map<Metric, Estimate> stats = Estimate.read(Metric.LABEL, t, r, true);
            stats.putAll(Estimate.read(Metric.PROBABILITY, t, r, true));
            return new Row(t.text(r, "feature_set"), t.parse(r, "protocol", Protocol::of), t.text(r, "model"),
                    t.integer(r, "n"), stats, t.num(r, "fit_ms_mean"), t.num(r, "predict_ms_mean"));
        });
    }
}
