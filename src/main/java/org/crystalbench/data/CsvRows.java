package org.crystalbench.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The kept rows; repeated category and label strings are stored once (a large file repeats them millions of times). */
final class CsvRows {
    final RowIds.Builder ids = new RowIds.Builder(); // compact: one byte buffer, not a String a row
    final List<String> labels = new ArrayList<>();
    final NumericRows.Builder numeric; // one array in the end, not an array a row (20 MB less at 1M rows of 6 columns)
    final List<String[]> categorical = new ArrayList<>();
    final List<Map<String, String>> pools = new ArrayList<>();
    final Map<String, String> labelPool = new HashMap<>();
    // Rows with the same categorical cells share one (never written) array: a million rows of a two-valued
    // column cost two arrays, not a million (28 MB at 1M rows). Capped, so that a column of distinct values
    // (a formula) costs no map as large as the data; past the cap a new tuple gets its own array, as before.
    final Map<List<String>, String[]> tuples = new HashMap<>();
    static final int TUPLES = 1 << 16;
    int[] lines = new int[1024]; // int: a file of more than 2^31 lines is refused (CsvLoader)

    CsvRows(int numericColumns, int categoricalColumns) {
        numeric = new NumericRows.Builder(numericColumns);
        for (int j = 0; j < categoricalColumns; j++) pools.add(new HashMap<>());
    }

    void add(String id, double[] num, String[] cat, String label, int line) {
        for (int j = 0; j < cat.length; j++) cat[j] = pools.get(j).computeIfAbsent(cat[j], k -> k);
        String[] shared = tuples.get(Arrays.asList(cat));
        if (shared != null) cat = shared;
        else if (tuples.size() < TUPLES) tuples.put(Arrays.asList(cat), cat);
        if (lines.length == ids.size()) lines = Arrays.copyOf(lines, lines.length * 2);
        lines[ids.size()] = line;
        ids.add(id);
        numeric.add(num);
        categorical.add(cat);
        labels.add(label == null ? null : labelPool.computeIfAbsent(label, k -> k));
    }
}
