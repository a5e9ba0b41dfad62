package org.crystalbench.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.crystalbench.InputException;
import org.crystalbench.io.StrictUtf8Reader;

/**
 * The cells of one CSV column for the rows a {@link Dataset} kept (matched by the line each row came from):
 * for a column that is not a feature, such as the one that defines groups or orders rows. Read in the same
 * format as {@link CsvLoader}; a missing cell is bad input naming file, line and column.
 */
public final class ColumnCells {
    private ColumnCells() {}

    public static String[] read(Dataset data, String column) {
        return read(data, column, false);
    }

    /**
     * As {@link #read(Dataset, String)}, but a column the file does not have gives null and a missing cell a null
     * cell: for an optional check (predict's applicability domain), which says itself what it could not check.
     */
    public static String[] readIfPresent(Dataset data, String column) {
        return read(data, column, true);
    }

    private static String[] read(Dataset data, String column, boolean optional) {
        Path file = Path.of(data.source());
        Map<Long, Integer> rowOfLine = new HashMap<>();
        for (int r = 0; r < data.size(); r++) rowOfLine.put((long) data.lines()[r], r); // Long keys: looked up with the parser's long line
        String[] out = new String[data.size()];
        try (Reader reader = new StrictUtf8Reader(new BufferedInputStream(Files.newInputStream(file), 1 << 16), file);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                     .setIgnoreSurroundingSpaces(true).setAllowMissingColumnNames(true)
                     .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.ALLOW_ALL)
                     .get().parse(reader)) {
            int idx = -1;
            var names = parser.getHeaderNames();
            for (int i = 0; i < names.size(); i++) if (names.get(i).trim().equals(column)) idx = i;
            if (idx < 0 && optional) return null;
            if (idx < 0) {
                throw InputException.at(file, 1, "column '" + column + "'", "not in the header (columns: "
                        + String.join(", ", new java.util.TreeSet<>(names.stream().map(String::trim).toList())) + ")");
            }
            var records = parser.iterator();
            while (true) {
                long line = parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) break;
                CSVRecord rec = records.next();
                Integer row = rowOfLine.get(line);
                if (row == null) continue;
                String cell = rec.get(idx).trim();
                if (CsvLoader.isMissing(cell) && optional) cell = null;
                else if (CsvLoader.isMissing(cell)) {
                    throw InputException.at(file, line, "column '" + column + "'", (cell.isEmpty() ? "empty cell" : "missing value '" + cell + "'")
                            + " (every row needs a value in the column that groups or orders the rows)");
                }
                out[row] = cell;
            }
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": data file not found");
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw new InputException(file + ": malformed CSV: " + String.valueOf(e.getMessage()).replaceAll("\\s*\\n.*", ""));
        }
        return out;
    }
}
