package org.crystalbench.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.BufferedInputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.crystalbench.InputException;
import org.crystalbench.config.DatasetSpec;
import org.crystalbench.io.StrictUtf8Reader;

/**
 * Reads a CSV as distributed (header row, CRLF or LF, headers with spaces and units, TRUE/FALSE)
 * into a {@link Dataset}. Every problem is an {@link InputException} naming file, line and column.
 */
public final class CsvLoader {
    /** Cells that mean "missing" (compared after trimming, case-insensitively); README lists them. */
    public static final Set<String> MISSING = DatasetSpec.MISSING_TOKENS;

    private CsvLoader() {}

    public static Dataset load(Path file, DatasetSpec spec) {
        return load(file, spec, true);
    }

    /**
     * @param requireTarget false for prediction input, which may lack the target column (then
     *                      {@code y} is all -1 and {@code classes} is empty) or some of its cells
     *                      (those rows get -1)
     */
    public static Dataset load(Path file, DatasetSpec spec, boolean requireTarget) {
        MessageDigest sha = org.crystalbench.io.Hashing.sha256();
        var rows = new CsvRows(spec.numeric().size(), spec.categorical().size());
        int read = 0, dropped = 0;
        var comp = spec.composition();
        List<String> compNames = compositionColumns(comp);
        List<Derived.Row> derived = new ArrayList<>();
        String formulaColumn = comp == null ? null : comp.formula();
        boolean hasTarget;
        // Records are consumed as they are parsed: memory follows the kept values, not the file's text.
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha);
             Reader reader = new StrictUtf8Reader(new BufferedInputStream(in, 1 << 16), file);
             CSVParser parser = parser(reader)) {
            Map<String, Integer> header = header(file, parser.getHeaderNames());
            int[] idIdx = columns(file, header, spec.idColumns());
            int[] numIdx = columns(file, header, spec.numeric());
            int[] catIdx = columns(file, header, spec.categorical());
            int targetIdx = targetColumn(file, header, spec.target(), requireTarget);
            hasTarget = targetIdx >= 0;
            boolean keep = keepsMissing(spec);
            int[] compIdx = columns(file, header, compNames);
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                long line = parser.getCurrentLineNumber() + 1; // the record's first physical line, even after multi-line cells
                if (!records.hasNext()) break;
                CSVRecord rec = records.next();
                if (rec.size() == 1 && rec.get(0).isEmpty()) continue; // a blank line is not a row
                read++;
                if (rec.size() != header.size()) {
                    throw InputException.at(file, line, null, "has " + rec.size() + " fields, the header has " + header.size());
                }
                double[] num = numericCells(file, line, rec, numIdx, spec.numeric(), keep);
                String[] cat = categoricalCells(file, line, rec, catIdx, spec.categorical(), formulaColumn, keep);
                String label = hasTarget ? rec.get(targetIdx).trim() : null;
                if (hasTarget && isMissing(label)) {
                    // new candidates: a row without a label is predicted, not refused; a training row is dropped or refused
                    if (requireTarget && !keep) throw missing(file, line, spec.target(), label);
                    if (requireTarget) { dropped++; continue; } // a row without its label cannot be trained or scored on
                    label = null;
                }
                if (comp != null) {
                    String[] cells = compositionCells(file, line, rec, compIdx, compNames, formulaColumn, keep);
                    if (cells == null) { dropped++; continue; } // descriptors are not imputed
                    derived.add(derivedRow(file, line, compNames, cells));
                }
                rows.add(id(rec, idIdx), num, cat, label, lineNumber(file, line));
            }
            in.transferTo(java.io.OutputStream.nullOutputStream()); // hash the whole file
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": data file not found");
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw new InputException(file + ": malformed CSV: " + oneLine(e));
        }
        if (read == 0) throw new InputException(file + ": no data rows");
        if (rows.ids.size() == 0) throw new InputException(file + ": no rows left after dropping rows with missing values");

        List<String> classes = hasTarget ? classes(file, spec.target(), rows.labels, requireTarget) : List.of();
        Dataset data = dataset(file, HexFormat.of().formatHex(sha.digest()), spec, rows, classes, read, dropped);
        return comp == null ? data : Derived.append(data, comp, derived);
    }

    /**
     * drop-rows and impute keep a row with missing feature cells (NaN, MISSING_CATEGORY): each feature set decides
     * (drop-rows leaves it out where it uses the column; impute fills it in).
     */
    private static boolean keepsMissing(DatasetSpec spec) {
        return spec.missing() != DatasetSpec.MissingPolicy.ERROR;
    }

    /** A row's line as stored (an int: 4 bytes a row); a file of more than 2^31 lines is refused at that line. */
    private static int lineNumber(Path file, long line) {
        if (line > Integer.MAX_VALUE) throw InputException.at(file, line, null, "more than 2^31 lines are not supported");
        return (int) line;
    }

    /** The target's position, or -1 when it is absent and not required. */
    private static int targetColumn(Path file, Map<String, Integer> header, String target, boolean requireTarget) {
        Integer at = header.get(target);
        if (requireTarget && at == null) throw InputException.at(file, 1, "column '" + target + "'", "target column not in the header");
        return at == null ? -1 : at;
    }

    private static CSVParser parser(Reader reader) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setAllowMissingColumnNames(true)
                .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.ALLOW_ALL)
                .get().parse(reader);
    }

    /** The kept rows as a data set, labels as class indices (-1: no label). */
    private static Dataset dataset(Path file, String sha, DatasetSpec spec, CsvRows rows, List<String> classes, int read, int dropped) {
        int[] y = new int[rows.ids.size()];
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) index.put(classes.get(c), c);
        for (int r = 0; r < y.length; r++) y[r] = rows.labels.get(r) == null ? -1 : index.getOrDefault(rows.labels.get(r), -1);
        return new Dataset(file.toString(), sha, rows.ids.build(),
                spec.numeric(), rows.numeric.build(), spec.categorical(),
                rows.categorical.toArray(String[][]::new), classes, y, java.util.Arrays.copyOf(rows.lines, rows.ids.size()),
                read, dropped, Map.of(), spec.missing());
    }

    /** A row's composition cells (formula, sites, volume), or null when one is missing and the policy drops such rows. */
    private static String[] compositionCells(Path file, long line, CSVRecord rec, int[] idx, List<String> names,
            String formulaColumn, boolean keep) {
        String[] cells = new String[idx.length];
        for (int j = 0; j < cells.length; j++) {
            cells[j] = rec.get(idx[j]).trim();
            if (isMissing(cells[j]) && !isFormula(formulaColumn, names.get(j), cells[j])) {
                if (keep) return null;
                throw missing(file, line, names.get(j), cells[j]);
            }
        }
        return cells;
    }

    /** The composition's input columns: formula, then the optional sites and volume (when configured). */
    private static List<String> compositionColumns(org.crystalbench.config.DerivedSpec.Composition comp) {
        return comp == null ? List.of()
                : java.util.stream.Stream.of(comp.formula(), comp.nsites(), comp.volume()).filter(java.util.Objects::nonNull).toList();
    }

    /** Column name to position; an empty header or a name twice is refused. */
    private static Map<String, Integer> header(Path file, List<String> names) {
        if (names.isEmpty()) throw new InputException(file + ": no data rows (the file is empty)");
        Map<String, Integer> header = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).trim();
            if (!name.isEmpty() && header.put(name, i) != null) {
                throw InputException.at(file, 1, "column '" + name + "'", "duplicate column in the header");
            }
        }
        return header;
    }

    /** A row's numeric cells: finite numbers, or NaN for a missing cell when the policy keeps such rows. */
    private static double[] numericCells(Path file, long line, CSVRecord rec, int[] idx, List<String> names, boolean keep) {
        double[] num = new double[idx.length];
        for (int j = 0; j < idx.length; j++) {
            String cell = rec.get(idx[j]).trim();
            if (isMissing(cell)) {
                if (!keep) throw missing(file, line, names.get(j), cell);
                num[j] = Double.NaN;
                continue;
            }
            try {
                num[j] = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw InputException.at(file, line, "column '" + names.get(j) + "'", "'" + cell + "' is not a number");
            }
            if (!Double.isFinite(num[j])) {
                throw InputException.at(file, line, "column '" + names.get(j) + "'", "'" + cell + "' is not finite");
            }
        }
        return num;
    }

    /** A row's categorical cells, a missing one as {@link Dataset#MISSING_CATEGORY} when the policy keeps such rows. */
    private static String[] categoricalCells(Path file, long line, CSVRecord rec, int[] idx, List<String> names,
            String formulaColumn, boolean keep) {
        String[] cat = new String[idx.length];
        for (int j = 0; j < idx.length; j++) {
            cat[j] = rec.get(idx[j]).trim();
            if (isMissing(cat[j]) && !isFormula(formulaColumn, names.get(j), cat[j])) {
                if (!keep) throw missing(file, line, names.get(j), cat[j]);
                cat[j] = Dataset.MISSING_CATEGORY;
            }
        }
        return cat;
    }

    /** The target's classes, sorted; training data needs at least two. */
    private static List<String> classes(Path file, String target, List<String> labels, boolean requireTarget) {
        List<String> classes = List.copyOf(new TreeSet<>(labels.stream().filter(java.util.Objects::nonNull).toList()));
        if (requireTarget && classes.size() < 2) {
            throw InputException.at(file, 0, "column '" + target + "'", "target has " + classes.size() + " class(es); at least 2 are needed");
        }
        return classes;
    }

    /** The row's id columns joined by '|'; one column is its trimmed cell (no builder), none the shared "". */
    private static String id(CSVRecord rec, int[] idIdx) {
        if (idIdx.length == 0) return "";
        if (idIdx.length == 1) return rec.get(idIdx[0]).trim();
        StringBuilder id = new StringBuilder();
        for (int j = 0; j < idIdx.length; j++) id.append(j > 0 ? "|" : "").append(rec.get(idIdx[j]).trim());
        return id.toString();
    }

    /** The composition inputs of one row: a formula that parses, and positive numbers for sites and volume. */
    private static Derived.Row derivedRow(Path file, long line, List<String> names, String[] cells) {
        org.crystalbench.chemistry.Formula formula;
        try {
            formula = Derived.parse(cells[0]);
        } catch (IllegalArgumentException e) {
            String shown = cells[0].length() > 60 ? cells[0].substring(0, 60) + "..." : cells[0];
            throw InputException.at(file, line, "column '" + names.get(0) + "'", "'" + shown + "' is not a usable formula: " + e.getMessage());
        }
        double[] v = {Double.NaN, Double.NaN};
        for (int j = 1; j < cells.length; j++) {
            try {
                v[j - 1] = Double.parseDouble(cells[j]);
            } catch (NumberFormatException e) {
                v[j - 1] = Double.NaN;
            }
            if (!(v[j - 1] > 0) || Double.isInfinite(v[j - 1])) {
                throw InputException.at(file, line, "column '" + names.get(j) + "'", "'" + cells[j] + "' is not a positive number");
            }
        }
        return new Derived.Row(formula, v[0], v[1]);
    }

    private static String oneLine(Exception e) {
        return String.valueOf(e.getMessage()).replaceAll("\\s*\\n.*", "");
    }

    /**
     * A cell of the formula column that parses as a formula is a value even when it reads like a
     * missing-value token: "Na" is sodium (and "NaN" sodium nitride), not a missing cell.
     */
    static boolean isFormula(String formulaColumn, String column, String cell) {
        if (formulaColumn == null || !formulaColumn.equals(column)) return false;
        try {
            org.crystalbench.chemistry.Formula.parse(cell);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean isMissing(String cell) {
        return MISSING.contains(cell.trim().toLowerCase(java.util.Locale.ROOT));
    }

    private static InputException missing(Path file, long line, String column, String cell) {
        return InputException.at(file, line, "column '" + column + "'",
                (cell.isEmpty() ? "empty cell" : "missing value '" + cell + "'")
                        + " (dataset.missing is 'error'; use 'impute' to fill it in, or 'drop-rows' to leave such rows"
                        + " out of the feature sets that use the column)");
    }

    private static int[] columns(Path file, Map<String, Integer> header, List<String> names) {
        int[] idx = new int[names.size()];
        for (int i = 0; i < idx.length; i++) {
            Integer j = header.get(names.get(i));
            if (j == null) {
                throw InputException.at(file, 1, "column '" + names.get(i) + "'",
                        "not in the header (columns: " + String.join(", ", new TreeSet<>(header.keySet())) + ")");
            }
            idx[i] = j;
        }
        return idx;
    }
}
