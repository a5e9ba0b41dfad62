package org.crystalbench.results;

import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.crystalbench.data.RowIds;
import org.crystalbench.evaluation.SplitResult;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Csv;
import org.crystalbench.io.CsvTable;
import org.crystalbench.splits.Protocol;

/**
 * predictions.csv.gz: the out-of-fold (out-of-split) predictions of a run, one row per feature set, protocol,
 * model, split and test row: the row's id, its true and predicted class and the model's probability of each
 * class ({@code p_<class>} columns, in the data's class order). Every metric of splits.csv can be recomputed
 * from it; the report's reliability diagrams are drawn from it.
 */
public final class PredictionsTable {
    private PredictionsTable() {}

    public static final String FILE = "predictions.csv.gz";
    public static final List<String> FIXED = List.of("id", "feature_set", "protocol", "model", "repeat", "fold", "true", "predicted");
    static final String P = "p_";

    /** One test row's prediction; {@code probabilities} in the order of {@link Table#classes()}. */
    public record Row(String id, String featureSet, Protocol protocol, String model, int repeat, int fold, String trueClass,
                      String predictedClass, List<Double> probabilities) {}

    public record Table(List<String> classes, List<Row> rows) {}

    /** The rows of {@code results}, in their order, each split's test rows in split order. */
    public static Table rows(List<SplitResult> results, String[] ids, int[] y, List<String> classes) {
        List<Row> out = new ArrayList<>();
        forEachRow(results, ids, y, classes, out::add);
        return new Table(List.copyOf(classes), out);
    }

    /** The same rows one at a time, none kept: a million test rows need no table in memory. */
    static void forEachRow(List<SplitResult> results, String[] ids, int[] y, List<String> classes, Consumer<Row> sink) {
        int k = classes.size();
        for (SplitResult r : results) {
            for (int i = 0; i < r.testRows().length; i++) {
                int row = r.testRows()[i];
                List<Double> p = new ArrayList<>(k);
                for (int c = 0; c < k; c++) p.add(r.probabilities()[i * k + c]);
                sink.accept(new Row(id(ids, row), r.featureSet(), r.protocol(), r.model(),
                        r.repeat(), r.fold(), classes.get(y[row]), classes.get(r.predicted()[i]), List.copyOf(p)));
            }
        }
    }

    /** The row's id, or its 1-based number in the data when the data has no id columns. */
    private static String id(String[] ids, int row) {
        return ids[row].isEmpty() ? Integer.toString(row + 1) : ids[row];
    }

    /** {@link #id(String[], int)} from the compact store: one short-lived string per written row, none kept. */
    private static String id(RowIds ids, int row) {
        String id = ids.get(row);
        return id.isEmpty() ? Integer.toString(row + 1) : id;
    }

    public static List<String> columns(List<String> classes) {
        List<String> cols = new ArrayList<>(FIXED);
        classes.forEach(c -> cols.add(P + c));
        return cols;
    }

    public static void write(Path dir, Table t) {
        write(dir, t.classes(), sink -> t.rows().forEach(sink));
    }

    /**
     * predictions.csv.gz of {@code results}, streamed cell by cell into the gzip file: the same bytes as through
     * {@link Row}s, without a record, a list and k boxed doubles per row (1.8 M rows at a million data rows). Each id
     * is decoded from {@code ids} as its row is written: no array of a million strings (58 MB) while writing.
     */
    public static void write(Path dir, List<SplitResult> results, RowIds ids, int[] y, List<String> classes) {
        int k = classes.size();
        AtomicFiles.write(dir.resolve(FILE), out -> {
            var gz = new GZIPOutputStream(out, 1 << 16);
            var text = new OutputStreamWriter(gz, StandardCharsets.UTF_8);
            // The printer appends to a builder, handed to the writer a block at a time: a Writer takes a lock per char.
            var block = new StringBuilder(1 << 17);
            var printer = Csv.printer(block, columns(classes));
            for (SplitResult r : results) {
                double[] p = r.probabilities();
                for (int i = 0; i < r.testRows().length; i++) {
                    int row = r.testRows()[i];
                    printer.print(id(ids, row));
                    printer.print(r.featureSet());
                    printer.print(r.protocol());
                    printer.print(r.model());
                    printer.print(r.repeat());
                    printer.print(r.fold());
                    printer.print(classes.get(y[row]));
                    printer.print(classes.get(r.predicted()[i]));
                    // full precision (shortest round-trip form), as write(Path, Table)
                    for (int c = 0; c < k; c++) printer.print(Double.toString(p[i * k + c]));
                    printer.println();
                    if (block.length() >= 1 << 16) {
                        text.append(block);
                        block.setLength(0);
                    }
                }
            }
            text.append(block);
            text.flush();
            gz.finish();
        });
    }

    private static void write(Path dir, List<String> classes, Consumer<Consumer<Row>> rows) {
        AtomicFiles.write(dir.resolve(FILE), out -> {
            var gz = new GZIPOutputStream(out, 1 << 16);
            var text = new OutputStreamWriter(gz, StandardCharsets.UTF_8);
            var printer = Csv.printer(text, columns(classes));
            List<Object> cells = new ArrayList<>();
            rows.accept(r -> {
                cells.clear();
                cells.addAll(List.of(r.id(), r.featureSet(), r.protocol(), r.model(), r.repeat(), r.fold(), r.trueClass(),
                        r.predictedClass()));
                // full precision (shortest round-trip form): rounding would make ties and shift the AUC recomputed from the file
                r.probabilities().forEach(p -> cells.add(Double.toString(p)));
                Csv.print(printer, cells);
            });
            text.flush();
            gz.finish();
        });
    }

    /**
     * What the report takes from a prediction row: its group, model, true class (an index into the classes) and
     * probabilities, in the classes' order. {@code p} is the caller's buffer, valid only during the call.
     */
    @FunctionalInterface
    public interface Visitor {
        void row(String featureSet, Protocol protocol, String model, int trueClass, double[] p);
    }

    /**
     * Prediction rows a visitor at a time: {@code visit} hands the classes to {@code reader} and every row, in file
     * order, to the visitor it returns. Either the file ({@link #source(Path)}) or the results it is written from
     * ({@link #source(List, int[], List)}): the same rows with the same numbers, since each probability is written in
     * its shortest round-trip form.
     */
    @FunctionalInterface
    public interface Source {
        void visit(Function<List<String>, Visitor> reader);
    }

    /** predictions.csv.gz, read and checked as {@link #read(Path, Function)} does; a true class not among the p_ columns is -1. */
    public static Source source(Path file) {
        return reader -> read(file, classes -> {
            Visitor v = reader.apply(classes);
            double[] p = new double[classes.size()];
            return r -> {
                for (int c = 0; c < p.length; c++) p[c] = r.probabilities().get(c);
                v.row(r.featureSet(), r.protocol(), r.model(), classes.indexOf(r.trueClass()), p);
            };
        });
    }

    /**
     * The rows {@link #write(Path, List, RowIds, int[], List)} writes for {@code results}, straight from memory: a
     * run's report needs not parse the 1.8 M rows it has just written at a million data rows.
     */
    public static Source source(List<SplitResult> results, int[] y, List<String> classes) {
        List<String> cs = List.copyOf(classes);
        return reader -> {
            Visitor v = reader.apply(cs);
            int k = cs.size();
            double[] p = new double[k];
            for (SplitResult r : results) {
                int[] test = r.testRows();
                for (int i = 0; i < test.length; i++) {
                    System.arraycopy(r.probabilities(), i * k, p, 0, k);
                    v.row(r.featureSet(), r.protocol(), r.model(), y[test[i]], p);
                }
            }
        };
    }

    /** The table; its classes are the {@code p_} columns' names, in file order. */
    public static Table read(Path file) {
        List<Row> rows = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        read(file, cs -> {
            classes.addAll(cs);
            return rows::add;
        });
        return new Table(List.copyOf(classes), rows);
    }

    /**
     * The file a row at a time, none kept: {@code reader} gets the classes (the {@code p_} columns' names, in file
     * order) and returns what takes each row.
     */
    public static void read(Path file, Function<List<String>, Consumer<Row>> reader) {
        CsvTable.stream(file, FIXED, t -> {
            List<String> probColumns = t.header().stream().filter(h -> h.startsWith(P)).toList();
            if (probColumns.isEmpty()) throw new org.crystalbench.InputException(file + ": line 1: no probability column (p_<class>)");
            Consumer<Row> sink = reader.apply(probColumns.stream().map(h -> h.substring(P.length())).toList());
            return r -> sink.accept(new Row(t.text(r, "id"), t.text(r, "feature_set"), t.parse(r, "protocol", Protocol::of),
                    t.text(r, "model"), t.integer(r, "repeat"), t.integer(r, "fold"), t.text(r, "true"), t.text(r, "predicted"),
                    probColumns.stream().map(c -> t.num(r, c)).toList()));
        });
    }
}
