package org.crystalbench.results;

import java.nio.file.Path;
import java.util.List;
import org.crystalbench.evaluation.Experiment;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Csv;
import org.crystalbench.io.CsvTable;
import org.crystalbench.splits.GroupedSplits;
import org.crystalbench.splits.Protocol;
import org.crystalbench.splits.Split;

/**
 * splits-manifest.csv: every split of a run, its sizes and the hash of its test rows; then (appended) the
 * achieved class balance of its test part ({@code class=count;...} in class order), and, when the config defines
 * groups, how many groups the test part holds and how many of its rows have their group in training.
 */
public final class ManifestTable {
    private ManifestTable() {}

    public static final String FILE = "splits-manifest.csv";
    public static final List<String> COLUMNS = List.of("protocol", "repeat", "fold", "train_size", "test_size", "test_hash",
            "test_class_counts", "test_groups", "test_rows_group_in_train");
    /** The columns files written before the appended ones have. */
    private static final List<String> REQUIRED = COLUMNS.subList(0, 6);

    /** @param testGroups and {@code testRowsGroupInTrain}: -1 without groups (empty cells) */
    public record Row(Protocol protocol, int repeat, int fold, int trainSize, int testSize, String testHash,
                      String testClassCounts, int testGroups, int testRowsGroupInTrain) {}

    public static List<Row> rows(Experiment exp) {
        List<String> classes = exp.data().classes();
        int[] group = exp.groups() == null ? null : GroupedSplits.index(exp.groups());
        return exp.allSplits().stream().map(s -> new Row(s.protocol(), s.repeat(), s.fold(), s.train().length,
                s.test().length, s.testHash(), classCounts(s, exp.data().y(), classes),
                group == null ? -1 : (int) java.util.Arrays.stream(s.test()).map(i -> group[i]).distinct().count(),
                group == null ? -1 : GroupedSplits.testRowsWithGroupInTraining(s, group))).toList();
    }

    static String classCounts(Split s, int[] y, List<String> classes) {
        int[] n = new int[classes.size()];
        for (int i : s.test()) n[y[i]]++;
        var sb = new StringBuilder();
        for (int c = 0; c < n.length; c++) sb.append(c > 0 ? ";" : "").append(classes.get(c)).append('=').append(n[c]);
        return sb.toString();
    }

    public static void write(Path dir, List<Row> rows) {
        AtomicFiles.write(dir.resolve(FILE), Csv.of(COLUMNS, rows.stream().<List<?>>map(r -> java.util.Arrays.asList(r.protocol(),
                r.repeat(), r.fold(), r.trainSize(), r.testSize(), r.testHash(), r.testClassCounts(),
                r.testGroups() < 0 ? "" : r.testGroups(), r.testRowsGroupInTrain() < 0 ? "" : r.testRowsGroupInTrain())).toList()));
    }

    public static List<Row> read(Path file) {
        CsvTable t = CsvTable.read(file, REQUIRED);
        boolean appended = t.has("test_class_counts");
        return t.map(r -> new Row(t.parse(r, "protocol", Protocol::of), t.integer(r, "repeat"), t.integer(r, "fold"),
                t.integer(r, "train_size"), t.integer(r, "test_size"), t.text(r, "test_hash"),
                appended ? t.text(r, "test_class_counts") : "",
                appended && !t.text(r, "test_groups").isEmpty() ? t.integer(r, "test_groups") : -1,
                appended && !t.text(r, "test_rows_group_in_train").isEmpty() ? t.integer(r, "test_rows_group_in_train") : -1));
    }
}
