package org.crystalbench.bundle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.InputException;
import org.crystalbench.data.CsvLoader;
import org.crystalbench.data.Dataset;
import org.crystalbench.features.FeatureEncoder;
import org.crystalbench.metrics.Conformal;
import org.crystalbench.metrics.Scores;
import org.crystalbench.models.Model;
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
     * @param domain        per row, where it lies outside the training domain; null for a bundle without a domain
     * @param sets          per row, its conformal prediction set; null without {@code --coverage}
     */
    public record Predictions(Bundle bundle, Dataset data, String[][] ids, int[] predicted, double[][] probabilities,
                              boolean[] unseen, int[] truth, Scores scores, List<String> notPredicted, int imputed,
                              Domain.Flags domain, Sets sets) {

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
            if (domain != null) {
                header.add("unseen_elements");
                header.add("out_of_range");
            }
            if (sets != null) {
                header.add("conformal_set");
                header.add("set_size");
            }
            List<List<?>> rows = new ArrayList<>();
            for (int r = 0; r < predicted.length; r++) {
                List<Object> row = new ArrayList<>(noIds ? List.of(data.lines()[r]) : List.of(ids[r]));
                row.add(m.classes().get(predicted[r]));
                for (double p : probabilities[r]) row.add(Double.toString(p));
                row.add(unseen[r]);
                if (domain != null) {
                    row.add(domain.unseenElements() == null ? "" : domain.unseenElements()[r]);
                    row.add(domain.outOfRange()[r]);
                }
                if (sets != null) {
                    List<String> members = new ArrayList<>();
                    for (int c = 0; c < sets.in()[r].length; c++) if (sets.in()[r][c]) members.add(m.classes().get(c));
                    row.add(String.join("|", members));
                    row.add(members.size());
                }
                rows.add(row);
            }
            return Csv.of(header, rows);
        }
    }

    /**
     * Conformal sets at {@code level} (e.g. 0.9) from the bundle's calibration: one threshold for all classes, or one
     * per class ({@code classConditional}, Mondrian).
     */
    public record Coverage(double level, boolean classConditional) {
        public Conformal.Method method() {
            return classConditional ? Conformal.Method.MONDRIAN : Conformal.Method.SPLIT;
        }
    }

    /**
     * @param tooFew per class group (one for all classes, or one per class when class-conditional): too few
     *               calibration rows for the level, so that every set holds it
     * @param in     per row and class, whether the class is in the row's set
     */
    public record Sets(Coverage coverage, boolean[] tooFew, boolean[][] in) {
        public double meanSize() {
            long n = 0;
            for (boolean[] row : in) for (boolean b : row) if (b) n++;
            return in.length == 0 ? 0 : n / (double) in.length;
        }

        public int empty() {
            int n = 0;
            for (boolean[] row : in) {
                boolean any = false;
                for (boolean b : row) any |= b;
                if (!any) n++;
            }
            return n;
        }

        /** The share of labelled rows ({@code truth} >= 0) whose set holds their class; NaN without labelled rows. */
        public double coverageOn(int[] truth) {
            int labelled = 0, covered = 0;
            for (int r = 0; r < truth.length; r++) {
                if (truth[r] < 0) continue;
                labelled++;
                if (in[r][truth[r]]) covered++;
            }
            return labelled == 0 ? Double.NaN : covered / (double) labelled;
        }
    }

    /** Why a bundle cannot give sets: for the one line of {@code predict --coverage} on a bundle without calibration. */
    public static String noCalibration(Manifest m) {
        return "--coverage: the bundle holds no conformal calibration (written by crystal-bench " + m.versions().crystalBench()
                + " on " + m.created() + ", before bundles stored one, or trained with --calibration-folds 0); train it "
                + "again with 'crystal-bench train' to get prediction sets";
    }

    /** Reads {@code file} against the bundle's schema and predicts every row; bad input fails before any output. */
    public static Predictions predict(Bundle bundle, Path file) {
        return predict(bundle, file, null);
    }

    /**
     * As above, with each row's conformal set when {@code coverage} is not null.
     *
     * @throws InputException when sets are asked of a bundle without calibration, or at a level outside (0, 1)
     */
    public static Predictions predict(Bundle bundle, Path file, Coverage coverage) {
        return predict(bundle, file, coverage, 1);
    }

    /** As above, the rows' blocks predicted on {@code threads} threads (the same bits for any count). */
    public static Predictions predict(Bundle bundle, Path file, Coverage coverage, int threads) {
        Manifest m = bundle.manifest();
        if (coverage != null && bundle.calibration() == null) {
            throw new InputException(noCalibration(m));
        }
        if (coverage != null && !(coverage.level() > 0 && coverage.level() < 1)) {
            throw new InputException("--coverage: " + coverage.level() + " (a level in (0, 1), e.g. 0.9)");
        }
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
        predictRows(bundle.model(), bundle.encoder(), data, probabilities, predicted, threads);
        for (int r = 0; r < n; r++) unseen[r] = outside[r] || bundle.encoder().unseen(data.numericRow(r), data.categorical()[r]);
        Scores scores = truth == null ? null : scoresOnLabelled(truth, predicted, k);
        Domain.Flags domain = m.domain() == null ? null : m.domain().check(data, m.domain().formulaColumn() == null ? null
                : org.crystalbench.data.ColumnCells.readIfPresent(data, m.domain().formulaColumn()));
        Sets sets = null;
        if (coverage != null) {
            Calibration cal = bundle.calibration();
            Calibration.Sets at = cal.sets(coverage.level(), k, coverage.method());
            boolean[][] in = new boolean[n][];
            for (int r = 0; r < n; r++) in[r] = at.of(cal.foldProbabilities(data, r, k));
            sets = new Sets(coverage, at.tooFew(), in);
        }
        return new Predictions(bundle, data, ids, predicted, probabilities, unseen, truth, scores, List.copyOf(notPredicted),
                imputed, domain, sets);
    }

    /** Rows encoded and predicted a block at a time: the model's batch path, with one block's encoded rows in memory. */
    static final int BLOCK = org.crystalbench.evaluation.FitPath.TEST_BLOCK;

    /**
     * Fills {@code predicted[r]} and {@code probabilities[r]} for every row of {@code data} through the model's batch
     * path ({@link Model#predict(double[][], double[][], int[], int, int)}: the same bits as row by row), encoding
     * {@link #BLOCK} rows at a time so that a million-row file is never held encoded whole, the blocks on
     * {@code threads} threads.
     */
    static void predictRows(Model model, FeatureEncoder encoder, Dataset data, double[][] probabilities, int[] predicted,
                            int threads) {
        org.crystalbench.evaluation.FitPath.predictInBlocks(model, data.size(), (from, to) -> {
            double[][] block = new double[to - from][];
            for (int r = from; r < to; r++) block[r - from] = encoder.transform(data, r);
            return block;
        }, probabilities, predicted, threads);
    }

    /** The schema's columns whose cell is missing in row {@code r} of the projected data. */
    private static List<String> missingColumns(Dataset d, int r) {
        List<String> out = new ArrayList<>();
        for (int j = 0; j < d.numericNames().size(); j++) if (Double.isNaN(d.numeric().get(r, j))) out.add(d.numericNames().get(j));
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
                out[r] = columns == 0 ? new String[0] : new String[] {data.ids().get(r)};
                continue;
            }
            out[r] = data.ids().get(r).split("\\|", -1);
            if (out[r].length != columns) {
                throw InputException.at(file, data.lines()[r], "id columns",
                        "an id cell contains '|', which is not allowed when there are several id columns");
            }
        }
        return out;
    }
}
