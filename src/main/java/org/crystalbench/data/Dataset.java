package org.crystalbench.data;

import java.util.List;
import java.util.Map;
import org.crystalbench.config.DatasetSpec;

/**
 * The rows of a data set that survived loading, split by role. Immutable by convention: the arrays
 * are never written after loading.
 *
 * @param source      the file read
 * @param sha256      hex SHA-256 of the file's bytes
 * @param ids         per row, the id columns joined by '|' (empty when none are configured), stored compactly
 * @param numericNames numeric feature columns
 * @param numeric     the numeric cells, row by row in one array ({@link NumericRows}: 8 bytes a cell, no array a row)
 * @param categoricalNames categorical feature columns
 * @param categorical [row][categorical column]
 * @param classes     class labels, sorted; {@code y} indexes into it
 * @param y           class index per row
 * @param lines       the CSV line each row came from (for messages; an int: 4 bytes a row)
 * @param rowsRead    data rows in the file
 * @param rowsDropped rows dropped while loading: a missing label, or missing composition inputs (policies
 *                    {@code drop-rows} and {@code impute})
 * @param groups      feature names that stand for several numeric columns (derived "element fractions" and
 *                    "element properties"), each with its columns; empty without derived features
 * @param missing     the policy the rows were loaded under. Under {@code drop-rows} and {@code impute} a
 *                    missing numeric cell is {@code NaN} and a missing categorical cell is
 *                    {@link #MISSING_CATEGORY}; under {@code error} there are none
 */
public record Dataset(String source, String sha256, RowIds ids, List<String> numericNames, NumericRows numeric,
                      List<String> categoricalNames, String[][] categorical, List<String> classes, int[] y,
                      int[] lines, int rowsRead, int rowsDropped, Map<String, List<String>> groups,
                      DatasetSpec.MissingPolicy missing) {

    /** A missing categorical cell: its own category ("missing" is also a missing-cell token, so no real cell is it). */
    public static final String MISSING_CATEGORY = "missing";

    public Dataset {
        groups = groups == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(groups));
        missing = missing == null ? DatasetSpec.MissingPolicy.ERROR : missing;
    }

    /** The numeric cells given as rows ({@code double[rows][columns]}, copied into a {@link NumericRows}). */
    public Dataset(String source, String sha256, RowIds ids, List<String> numericNames, double[][] numeric,
                   List<String> categoricalNames, String[][] categorical, List<String> classes, int[] y,
                   int[] lines, int rowsRead, int rowsDropped, Map<String, List<String>> groups,
                   DatasetSpec.MissingPolicy missing) {
        this(source, sha256, ids, numericNames, NumericRows.of(numericNames.size(), numeric), categoricalNames, categorical,
                classes, y, lines, rowsRead, rowsDropped, groups, missing);
    }

    /** A data set loaded under the {@code error} policy. */
    public Dataset(String source, String sha256, RowIds ids, List<String> numericNames, double[][] numeric,
                   List<String> categoricalNames, String[][] categorical, List<String> classes, int[] y,
                   int[] lines, int rowsRead, int rowsDropped, Map<String, List<String>> groups) {
        this(source, sha256, ids, numericNames, numeric, categoricalNames, categorical, classes, y, lines, rowsRead,
                rowsDropped, groups, DatasetSpec.MissingPolicy.ERROR);
    }

    /** A data set without column groups. */
    public Dataset(String source, String sha256, RowIds ids, List<String> numericNames, double[][] numeric,
                   List<String> categoricalNames, String[][] categorical, List<String> classes, int[] y,
                   int[] lines, int rowsRead, int rowsDropped) {
        this(source, sha256, ids, numericNames, numeric, categoricalNames, categorical, classes, y, lines, rowsRead,
                rowsDropped, Map.of());
    }

    /** Row {@code r}'s numeric cells (a copy; {@code numeric().get(r, j)} reads one without copying). */
    public double[] numericRow(int r) {
        return numeric.row(r);
    }

    /** True when row {@code r} has a cell in every column that {@code features} uses (groups are never missing). */
    public boolean complete(int r, List<String> features) {
        for (String f : features) {
            int i = numericNames.indexOf(f);
            if (i >= 0 && Double.isNaN(numeric.get(r, i))) return false;
            int j = categoricalNames.indexOf(f);
            if (j >= 0 && MISSING_CATEGORY.equals(categorical[r][j])) return false;
        }
        return true;
    }

    /**
     * {@code rows} less those a feature set must leave out: under {@code drop-rows}, the rows missing a
     * column that {@code features} uses; under the other policies every row stays.
     */
    public int[] usable(int[] rows, List<String> features) {
        if (missing != DatasetSpec.MissingPolicy.DROP_ROWS) return rows;
        return java.util.Arrays.stream(rows).filter(r -> complete(r, features)).toArray();
    }

    /**
     * Categorical columns with a different value on every row (20 rows or more, missing cells aside): a row id
     * typed as a feature ({@code categorical: auto} takes every column not listed), which a model can only memorise.
     * One warning line each, naming the fix.
     */
    public List<String> identifierNotes() {
        List<String> out = new java.util.ArrayList<>();
        if (size() < 20) return out;
        for (int j = 0; j < categoricalNames.size(); j++) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            boolean distinct = true;
            for (int r = 0; r < size() && distinct; r++) {
                String v = categorical[r][j];
                if (v != null && !v.equals(MISSING_CATEGORY)) distinct = seen.add(v);
            }
            if (distinct && seen.size() >= 20) {
                out.add("warning: column '" + categoricalNames.get(j) + "' has a different value on every row (" + seen.size()
                        + "): an identifier rather than a feature? List it under dataset.id_columns to leave it out");
            }
        }
        return out;
    }

    /**
     * One line per feature set on the rows with missing cells, empty when there are none: under
     * {@code drop-rows} how many rows each feature set leaves out, under {@code impute} how many it fills in.
     */
    public List<String> missingNotes(Map<String, List<String>> featureSets) {
        List<String> out = new java.util.ArrayList<>();
        if (missing == DatasetSpec.MissingPolicy.ERROR) return out;
        for (var fs : featureSets.entrySet()) {
            int n = 0;
            for (int r = 0; r < size(); r++) if (!complete(r, fs.getValue())) n++;
            if (n == 0) continue;
            out.add("feature set '" + fs.getKey() + "': " + n + " of " + size() + " rows have a missing cell in its columns, "
                    + (missing == DatasetSpec.MissingPolicy.DROP_ROWS ? "left out of its training and test rows (drop-rows)"
                    : "filled in from each training set (impute)"));
        }
        return out;
    }

    /** The same data set restricted to {@code rows}, in their order. */
    public Dataset select(int[] rows) {
        String[][] c = new String[rows.length][];
        int[] yy = new int[rows.length];
        int[] l = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            c[k] = categorical[rows[k]];
            yy[k] = y[rows[k]];
            l[k] = lines[rows[k]];
        }
        return new Dataset(source, sha256, ids.select(rows), numericNames, numeric.select(rows), categoricalNames, c, classes, yy, l, rowsRead, rowsDropped,
                groups, missing);
    }

    public int size() {
        return y.length;
    }

    public int[] classCounts() {
        int[] counts = new int[classes.size()];
        for (int label : y) counts[label]++;
        return counts;
    }
}
