package org.crystalbench.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.crystalbench.evaluation.SplitResult;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Csv;
import org.crystalbench.io.CsvTable;
import org.crystalbench.splits.Protocol;

/** per-class.csv: per split and class, precision, recall, F1 and support (the test rows of that class). */
public final class PerClassTable {
    private PerClassTable() {}

    public static final String FILE = "per-class.csv";
    public static final List<String> COLUMNS = List.of("feature_set", "protocol", "model", "repeat", "fold", "class",
            "precision", "recall", "f1", "support");

    public record Row(String featureSet, Protocol protocol, String model, int repeat, int fold, String cls,
                      double precision, double recall, double f1, int support) {}

    public static List<Row> rows(List<SplitResult> results, List<String> classes) {
        List<Row> out = new ArrayList<>();
        for (SplitResult r : results) {
            var s = r.scores();
            for (int c = 0; c < classes.size(); c++) {
                out.add(new Row(r.featureSet(), r.protocol(), r.model(), r.repeat(), r.fold(), classes.get(c),
                        s.precision()[c], s.recall()[c], s.f1()[c], Arrays.stream(s.confusion()[c]).sum()));
            }
        }
        return out;
    }

    public static void write(Path dir, List<Row> rows) {
        AtomicFiles.write(dir.resolve(FILE), Csv.of(COLUMNS, rows.stream().<List<?>>map(r -> List.of(r.featureSet(),
                r.protocol(), r.model(), r.repeat(), r.fold(), r.cls(), r.precision(), r.recall(), r.f1(), r.support())).toList()));
    }

    public static List<Row> read(Path file) {
        CsvTable t = CsvTable.read(file, COLUMNS);
        return t.map(r -> new Row(t.text(r, "feature_set"), t.parse(r, "protocol", Protocol::of), t.text(r, "model"),
                t.integer(r, "repeat"), t.integer(r, "fold"), t.text(r, "class"), t.num(r, "precision"),
                t.num(r, "recall"), t.num(r, "f1"), t.integer(r, "support")));
    }
}
