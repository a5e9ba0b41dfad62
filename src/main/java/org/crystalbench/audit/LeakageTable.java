package org.crystalbench.audit;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Csv;
import org.crystalbench.io.CsvTable;
import org.crystalbench.splits.Protocol;

/**
 * leakage.csv: one row per (feature set, protocol): exact-duplicate feature rows, and test rows that meet a
 * duplicate or their group in training ({@link SplitLeakage}); {@code test_group_share} is empty without groups.
 */
public final class LeakageTable {
    private LeakageTable() {}

    public static final String FILE = "leakage.csv";
    public static final List<String> COLUMNS = List.of("feature_set", "protocol", "rows", "duplicate_rows_same_label",
            "duplicate_rows_different_label", "test_duplicate_share", "test_group_share", "test_group_rows_max", "flagged");

    public static void write(Path dir, List<SplitLeakage> rows) {
        AtomicFiles.write(dir.resolve(FILE), Csv.of(COLUMNS, rows.stream().<List<?>>map(l -> Arrays.asList(l.featureSet(),
                l.protocol(), l.rows(), l.duplicateRowsSame(), l.duplicateRowsConflicting(), l.testDuplicateShare(),
                Double.isNaN(l.testGroupShare()) ? "" : l.testGroupShare(), l.testGroupRowsMax(), l.flagged())).toList()));
    }

    public static List<SplitLeakage> read(Path file) {
        CsvTable t = CsvTable.read(file, COLUMNS);
        return t.map(r -> new SplitLeakage(t.text(r, "feature_set"), t.parse(r, "protocol", Protocol::of), t.integer(r, "rows"),
                t.integer(r, "duplicate_rows_same_label"), t.integer(r, "duplicate_rows_different_label"),
                t.num(r, "test_duplicate_share"), t.text(r, "test_group_share").isEmpty() ? Double.NaN : t.num(r, "test_group_share"),
                t.integer(r, "test_group_rows_max")));
    }
}
