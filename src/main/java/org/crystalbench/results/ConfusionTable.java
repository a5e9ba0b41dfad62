package org.crystalbench.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.crystalbench.evaluation.SplitResult;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Csv;
import org.crystalbench.io.CsvTable;
import org.crystalbench.splits.Protocol;

/** confusion.csv: confusion counts summed over the splits of each feature set, protocol and model. */
public final class ConfusionTable {
    private ConfusionTable() {}

    public static final String FILE = "confusion.csv";
    public static final List<String> COLUMNS = List.of("feature_set", "protocol", "model", "true_class", "predicted_class", "count");

    public record Row(String featureSet, Protocol protocol, String model, String trueClass, String predictedClass, long count) {}

    public static List<Row> rows(List<SplitResult> results, List<String> classes) {
        var sums = new LinkedHashMap<List<Object>, long[][]>();
        int k = classes.size();
        for (SplitResult r : results) {
            long[][] m = sums.computeIfAbsent(List.of(r.featureSet(), r.protocol(), r.model()), key -> new long[k][k]);
            for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) m[i][j] += r.scores().confusion()[i][j];
        }
        List<Row> out = new ArrayList<>();
        sums.forEach((key, m) -> {
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    out.add(new Row((String) key.get(0), (Protocol) key.get(1), (String) key.get(2), classes.get(i), classes.get(j), m[i][j]));
                }
            }
        });
        return out;
    }

    public static void write(Path dir, List<Row> rows) {
        AtomicFiles.write(dir.resolve(FILE), Csv.of(COLUMNS, rows.stream().<List<?>>map(r -> List.of(r.featureSet(),
                r.protocol(), r.model(), r.trueClass(), r.predictedClass(), r.count())).toList()));
    }

    public static List<Row> read(Path file) {
        CsvTable t = CsvTable.read(file, COLUMNS);
        return t.map(r -> new Row(t.text(r, "feature_set"), t.parse(r, "protocol", Protocol::of), t.text(r, "model"),
                t.text(r, "true_class"), t.text(r, "predicted_class"), t.integer(r, "count")));
    }
}
