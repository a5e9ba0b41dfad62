package org.crystalbench.bundle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.InputException;
import org.crystalbench.data.CsvLoader;
import org.crystalbench.data.Dataset;
import org.crystalbench.metrics.Scores;
import org.crystalbench.io.Csv;

/** Applies a bundle to a CSV of new rows. */
public final class Predictor {
    private Predictor() {}

    /**
     * @param data          the rows read (with the bundle's schema)
     * @param ids           per row, one cell per id column of the schema
     * @param predicted     class index per row (into the bundle's classes)
     * @param probabilities [row][class]: the model's probabilities, vote shares for hard voting
     * @param unseen        per row: a categorical cell or an element never seen in training (it encodes as zeros)
     * @param truth         class index per row when the file has the target column (-1 where its cell is empty), else null
     * @param scores        metrics against {@code truth} over the labelled rows, else null
     * @param notPredicted  rows left out (a bundle trained under {@code dataset.missing: drop-rows} has no value
     *                      for a missing cell): "line N (column, column)" each; {@code data} holds the others
     * @param imputed       rows predicted with missing cells filled in ({@code dataset.missing: impute})
     */
    public record Predictions(Bundle bundle, Dataset data, String[][] ids, int[] predicted, double[][] probabilities,
                              boolean[] unseen, int[] truth, Scores scores, List<String> notPredicted, int imputed) {

        /** Rows with a label in the file (the rows {@code scores} is computed on). */
        public int labelledCount() {
            int n = 0;
            if (truth != null) for (int t : truth) if (t >= 0) n++;
            return n;
        }

        public int unseenCount() {
            int n = 0;
            for (boolean u : unseen) if (u) n++;
            return n;
        }

        /**
         * The predictions table. Probabilities are written with {@link Double#toString}, the
         * shortest text that reads back as the same double, so the file reproduces them exactly.
         */
        public String toCsv() {
            Manifest m = bundle.manifest();
            boolean noIds = m.schema().idColumns().isEmpty(); // then the CSV line number identifies the row
            List<String> header = new ArrayList<>(noIds ? List.of("line") : m.schema().idColumns());
            header.add("predicted");
            for (String c : m.classes()) header.add("p_" + c);
            header.add("unseen_category");
            List<List<?>> rows = new ArrayList<>();
            for (int r = 0; r < predicted.length; r++) {
                List<Object> row = new ArrayList<>(noIds ? List.of(data.lines()[r]) : List.of(ids[r]));
                row.add(m.classes().get(predicted[r]));
                for (double p : probabilities[r]) row.add(Double.toString(p));
                row.add(unseen[r]);
                rows.add(row);
            }
            return Csv.of(header, rows);
        }
    }

    /** Reads {@code file} against the bundle's schema and predicts every row; bad input fails before any output. */
    public static Predictions predict(Bundle bundle, Path file) {
        Manifest m = bundle.manifest();
        Dataset loaded = CsvLoader.load(file, m.schema().toDatasetSpec(), false);
        boolean[] outside = Trainer.outsideSchema(loaded, m.schema());
        Dataset projected = Trainer.project(loaded, m.schema());
        // Rows with a missing cell in a column the model uses: filled in under impute; under drop-rows the
        // model has no value for them, so they are left out and listed (never dropped without a word).
        List<String> notPredicted = new ArrayList<>();
        List<Integer> keep = new ArrayList<>();
        int imputed = 0;
        for (int r = 0; r < projected.size(); r++) {
            List<String> cols = missingColumns(projected, r);
            if (cols.isEmpty()) keep.add(r);
            else if (m.schema().missing() == org.crystalbench.config.DatasetSpec.MissingPolicy.IMPUTE) {
                keep.add(r);
                imputed++;
            } else {
                notPredicted.add("line " + projected.lines()[r] + " (" + String.join(", ", cols) + ")");
            }
        }
        int[] kept = keep.stream().mapToInt(Integer::intValue).toArray();
        Dataset data = kept.length == projected.size() ? projected : projected.select(kept);
        if (kept.length != projected.size()) {
            boolean[] o = new boolean[kept.length];
            for (int i = 0; i < kept.length; i++) o[i] = outside[kept[i]];
            outside = o;
        }
        int n = data.size(), k = m.classes().size();
        String[][] ids = ids(file, data, m.schema().idColumns().size());
        int[] truth = truth(file, data, m);

        int[] predicted = new int[n];
        double[][] probabilities = new double[n][k];
        boolean[] unseen = new boolean[n];
        for (int r = 0; r < n; r++) {
            predicted[r] = bundle.model().predict(bundle.encoder().transform(data, r), probabilities[r]);
            unseen[r] = outside[r] || bundle.encoder().unseen(data.numeric()[r], data.categorical()[r]);
        }
        Scores scores = truth == null ? null : scoresOnLabelled(truth, predicted, k);
        return new Predictions(bundle, data, ids, predicted, probabilities, unseen, truth, scores, List.copyOf(notPredicted),
                imputed);
    }

    /** The schema's columns whose cell is missing in row {@code r} of the projected data. */
    private static List<String> missingColumns(Dataset d, int r) {
        List<String> out = new ArrayList<>();
        for (int j = 0; j < d.numericNames().size(); j++) if (Double.isNaN(d.numeric()[r][j])) out.add(d.numericNames().get(j));
        for (int j = 0; j < d.categoricalNames().size(); j++) {
            if (Dataset.MISSING_CATEGORY.equals(d.categorical()[r][j])) out.add(d.categoricalNames().get(j));
        }
        return out;
    }

    /** The file's labels as indexes into the bundle's classes; a label the model does not know is bad input. */
    private static int[] truth(Path file, Dataset data, Manifest m) {
        if (data.classes().isEmpty()) return null;
        Map<Integer, Integer> toBundle = new HashMap<>();
        for (int c = 0; c < data.classes().size(); c++) {
            String label = data.classes().get(c);
            int at = m.classes().indexOf(label);
            if (at < 0) {
                int row = 0;
                while (data.y()[row] != c) row++;
                throw InputException.at(file, data.lines()[row], "column '" + m.schema().target() + "'",
                        "label '" + label + "' is not one of the model's classes (" + String.join(", ", m.classes()) + ")");
            }
            toBundle.put(c, at);
        }
        int[] truth = new int[data.size()];
        for (int r = 0; r < truth.length; r++) truth[r] = data.y()[r] < 0 ? -1 : toBundle.get(data.y()[r]);
        return truth;
    }

    private static Scores scoresOnLabelled(int[] truth, int[] predicted, int k) {
        int[] rows = java.util.stream.IntStream.range(0, truth.length).filter(r -> truth[r] >= 0).toArray();
        return Scores.of(java.util.Arrays.stream(rows).map(r -> truth[r]).toArray(),
                java.util.Arrays.stream(rows).map(r -> predicted[r]).toArray(), k);
    }

    /**
     * Splits the loader's joined ids ("a|b") back into one cell per id column. With several id
     * columns an id cell must not itself contain '|', since the split would be ambiguous.
     */
    private static String[][] ids(Path file, Dataset data, int columns) {
        String[][] out = new String[data.size()][];
        for (int r = 0; r < out.length; r++) {
            if (columns <= 1) {
                out[r] = columns == 0 ? new String[0] : new String[] {data.ids()[r]};
                continue;
            }
            out[r] = data.ids()[r].split("\\|", -1);
            if (out[r].length != columns) {
                throw InputException.at(file, data.lines()[r], "id columns",
                        "an id cell contains '|', which is not allowed when there are several id columns");
            }
        }
        return out;
    }
}
