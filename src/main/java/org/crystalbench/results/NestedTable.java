package org.crystalbench.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Csv;
import org.crystalbench.io.CsvTable;
import org.crystalbench.metrics.Metric;

/** nested.csv: per feature set and model, the nested-CV estimate and how often each point was chosen. */
public final class NestedTable {
    private NestedTable() {}

    public static final String FILE = "nested.csv";
    public static final List<String> COLUMNS;

    static {
        var cols = new ArrayList<>(List.of("feature_set", "model", "n"));
        cols.addAll(Estimate.columns(Metric.LABEL, false));
        cols.addAll(List.of("unusable_outer_splits", "chosen_points"));
        COLUMNS = List.copyOf(cols);
    }

    /** @param chosen point id -> outer splits it was chosen on, written as {@code id:count;id:count} */
    public record Row(String featureSet, String model, int n, Map<Metric, Estimate> stats, int unusable,
                      Map<String, Integer> chosen) {
        public Row {
            chosen = Collections.unmodifiableMap(new LinkedHashMap<>(chosen));
        }
    }

    public static void write(Path dir, List<Row> rows) {
        List<List<?>> cells = new ArrayList<>();
        for (Row r : rows) {
            List<Object> row = new ArrayList<>(List.of(r.featureSet(), r.model(), r.n()));
            Estimate.cells(Metric.LABEL, r.stats(), false, row);
            row.add(r.unusable());
            row.add(String.join(";", r.chosen().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).toList()));
            cells.add(row);
        }
        AtomicFiles.write(dir.resolve(FILE), Csv.of(COLUMNS, cells));
    }

    public static List<Row> read(Path file) {
        CsvTable t = CsvTable.read(file, COLUMNS);
        return t.map(r -> new Row(t.text(r, "feature_set"), t.text(r, "model"), t.integer(r, "n"), Estimate.read(Metric.LABEL, t, r, false),
                t.integer(r, "unusable_outer_splits"), t.parse(r, "chosen_points", NestedTable::chosen)));
    }

    private static Map<String, Integer> chosen(String cell) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String part : cell.isEmpty() ? new String[0] : cell.split(";")) {
            int at = part.lastIndexOf(':');
            if (at <= 0) throw new IllegalArgumentException("not id:count: '" + part + "'");
            out.put(part.substring(0, at), Integer.valueOf(part.substring(at + 1)));
        }
        return out;
    }
}
