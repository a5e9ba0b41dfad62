package org.crystalbench.data;

import java.util.List;
import java.util.Map;

/**
 * The rows of a data set that survived loading, split by role. Immutable by convention: the arrays
 * are never written after loading.
 *
 * @param source      the file read
 * @param sha256      hex SHA-256 of the file's bytes
 * @param ids         per row, the id columns joined by '|' (empty when none are configured)
 * @param numericNames numeric feature columns
 * @param numeric     [row][numeric column]
 * @param categoricalNames categorical feature columns
 * @param categorical [row][categorical column]
 * @param classes     class labels, sorted; {@code y} indexes into it
 * @param y           class index per row
 * @param lines       the CSV line each row came from (for messages)
 * @param rowsRead    data rows in the file
 * @param rowsDropped rows dropped for missing values (policy {@code drop-rows})
 * @param groups      feature names that stand for several numeric columns (derived "element fractions" and
 *                    "element properties"), each with its columns; empty without derived features
 */
public record Dataset(String source, String sha256, String[] ids, List<String> numericNames, double[][] numeric,
                      List<String> categoricalNames, String[][] categorical, List<String> classes, int[] y,
                      long[] lines, int rowsRead, int rowsDropped, Map<String, List<String>> groups) {

    public Dataset {
        groups = groups == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(groups));
    }

    /** A data set without column groups. */
    public Dataset(String source, String sha256, String[] ids, List<String> numericNames, double[][] numeric,
                   List<String> categoricalNames, String[][] categorical, List<String> classes, int[] y,
                   long[] lines, int rowsRead, int rowsDropped) {
        this(source, sha256, ids, numericNames, numeric, categoricalNames, categorical, classes, y, lines, rowsRead,
                rowsDropped, Map.of());
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
