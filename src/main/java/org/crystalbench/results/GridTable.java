package org.crystalbench.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Csv;
import org.crystalbench.io.CsvTable;
import org.crystalbench.metrics.Metric;

/**
 * grid.csv: per feature set and grid point, statistics over the cv splits. Its {@code param.<key>}
 * columns are the hyperparameter keys in first-use order over the rows; a point without a key has an
 * empty cell. (Here, not in grid/, because the report reads it and grid/ writes the report.)
 */
public final class GridTable {
    private GridTable() {}

    public static final String FILE = "grid.csv", PARAM = "param.";
    static final List<String> HEAD = List.of("feature_set", "model", "point_id", "param_hash");
    static final List<String> TAIL;

    static {
        var cols = new ArrayList<>(List.of("n"));
        cols.addAll(Estimate.columns(Metric.LABEL, false));
        cols.addAll(List.of("fit_ms_mean", "failed", "timed_out"));
        TAIL = List.copyOf(cols);
    }

    /** How the search left a point on the cv splits (grid.csv's {@code search} column). */
    public enum Status {
        /** Its search is not over: it has units pending. */
        RUNNING,
        /** Survived to the end (every point of an exhaustive grid). */
        KEPT,
        /** Significantly worse than the leader (race), or not among the best 1/eta (halving). */
        DROPPED,
        /** Dropped for a failed or timed-out fit. */
        FAILED;

        public String cell() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Dropped by the search, for its scores or for a failed fit. */
        public boolean out() {
            return this == DROPPED || this == FAILED;
        }

        static Status parse(String cell) {
            for (Status s : values()) if (s.cell().equals(cell)) return s;
            throw new IllegalArgumentException("'" + cell + "' is not one of running, kept, dropped, failed");
        }
    }

    /** Added with early-stopping searches; optional on reading, so older grid folders still report. */
    static final List<String> SEARCH = List.of("search", "dropped_at", "fits");

    /**
     * @param params    hyperparameter values as table cells, in the point's key order
     * @param search    how the search left the point on the cv splits: running, kept, dropped, failed
     * @param droppedAt the block (race) or rung (halving) after which it was dropped; 0 when not dropped
     * @param fits      cv fits run for it (OK, failed and timed out)
     */
    public record Row(String featureSet, String model, String pointId, String paramHash, Map<String, String> params, int n,
                      Map<Metric, Estimate> stats, double fitMsMean, int failed, int timedOut, Status search, int droppedAt,
                      int fits) {
        public Row {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }

        public boolean dropped() {
            return droppedAt > 0;
        }

        public Estimate stat(Metric m) {
            return stats.get(m);
        }

        /** Finished on every split it has, with a mean. */
        public boolean ok() {
            return failed == 0 && timedOut == 0 && n > 0;
        }
    }

    public static List<String> paramKeys(List<Row> rows) {
        var keys = new LinkedHashSet<String>();
        rows.forEach(r -> keys.addAll(r.params().keySet()));
        return List.copyOf(keys);
    }

    public static void write(Path dir, List<Row> rows) {
        List<String> keys = paramKeys(rows);
        List<String> header = new ArrayList<>(HEAD);
        keys.forEach(k -> header.add(PARAM + k));
        header.addAll(TAIL);
        header.addAll(SEARCH);
        List<List<?>> cells = new ArrayList<>();
        for (Row r : rows) {
            List<Object> row = new ArrayList<>(List.of(r.featureSet(), r.model(), r.pointId(), r.paramHash()));
            keys.forEach(k -> row.add(r.params().getOrDefault(k, "")));
            row.add(r.n());
            Estimate.cells(Metric.LABEL, r.stats(), false, row);
            row.addAll(List.of(r.fitMsMean(), r.failed(), r.timedOut(), r.search().cell(), r.droppedAt() > 0 ? r.droppedAt() : "", r.fits()));
            cells.add(row);
        }
        AtomicFiles.write(dir.resolve(FILE), Csv.of(header, cells));
    }

    public static List<Row> read(Path file) {
        List<String> required = new ArrayList<>(HEAD);
        required.addAll(TAIL);
        CsvTable t = CsvTable.read(file, required);
        List<String> keys = t.header().stream().filter(c -> c.startsWith(PARAM)).toList();
        return t.map(r -> {
            Map<String, String> params = new LinkedHashMap<>();
            for (String k : keys) {
                String v = t.text(r, k);
                if (!v.isEmpty()) params.put(k.substring(PARAM.length()), v);
            }
            return new Row(t.text(r, "feature_set"), t.text(r, "model"), t.text(r, "point_id"), t.text(r, "param_hash"),
                    params, t.integer(r, "n"), Estimate.read(Metric.LABEL, t, r, false), t.num(r, "fit_ms_mean"), t.integer(r, "failed"),
                    t.integer(r, "timed_out"), t.has("search") ? t.parse(r, "search", Status::parse) : Status.KEPT,
                    t.has("dropped_at") && !t.text(r, "dropped_at").isEmpty() ? t.integer(r, "dropped_at") : 0,
                    t.has("fits") ? t.integer(r, "fits") : t.integer(r, "n") + t.integer(r, "failed") + t.integer(r, "timed_out"));
        });
    }
}
