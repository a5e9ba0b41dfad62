package org.crystalbench.results;

import java.nio.file.Path;
import java.util.List;
import org.crystalbench.evaluation.Experiment;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Csv;
import org.crystalbench.io.CsvTable;
import org.crystalbench.splits.Protocol;

/** splits-manifest.csv: every split of a run, its sizes and the hash of its test rows. */
public final class ManifestTable {
    private ManifestTable() {}

    public static final String FILE = "splits-manifest.csv";
    public static final List<String> COLUMNS = List.of("protocol", "repeat", "fold", "train_size", "test_size", "test_hash");

    public record Row(Protocol protocol, int repeat, int fold, int trainSize, int testSize, String testHash) {}

    public static List<Row> rows(Experiment exp) {
        return exp.allSplits().stream().map(s -> new Row(s.protocol(), s.repeat(), s.fold(), s.train().length,
                s.test().length, s.testHash())).toList();
    }

    public static void write(Path dir, List<Row> rows) {
        AtomicFiles.write(dir.resolve(FILE), Csv.of(COLUMNS, rows.stream().<List<?>>map(r -> List.of(r.protocol(),
                r.repeat(), r.fold(), r.trainSize(), r.testSize(), r.testHash())).toList()));
    }

    public static List<Row> read(Path file) {
        CsvTable t = CsvTable.read(file, COLUMNS);
        return t.map(r -> new Row(t.parse(r, "protocol", Protocol::of), t.integer(r, "repeat"), t.integer(r, "fold"),
                t.integer(r, "train_size"), t.integer(r, "test_size"), t.text(r, "test_hash")));
    }
}
