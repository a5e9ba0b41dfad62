package org.crystalbench.io;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.crystalbench.InputException;

/**
 * A results CSV read whole, for the table owners' readers: cells by column name, every value checked,
 * with the file, line and column in every message.
 */
public record CsvTable(Path file, List<String> header, List<CSVRecord> rows) {

    /** Reads {@code file} (gunzipped when its name ends in .gz) and checks its header has {@code columns}; a missing file is bad input. */
    public static CsvTable read(Path file, List<String> columns) {
        return parse(file, parser -> new CsvTable(file, List.copyOf(parser.getHeaderNames()), parser.getRecords()).require(columns));
    }

    /**
     * Reads {@code file} a record at a time: {@code reader} gets the checked header (a table without rows, for the cell
     * accessors) and returns what takes each record; no record is kept, so a file of millions of rows needs no memory.
     */
    public static void stream(Path file, List<String> columns, Function<CsvTable, Consumer<CSVRecord>> reader) {
        parse(file, parser -> {
            Consumer<CSVRecord> rows = reader.apply(new CsvTable(file, List.copyOf(parser.getHeaderNames()), List.of()).require(columns));
            for (CSVRecord r : parser) rows.accept(r);
            return null;
        });
    }

    private static <T> T parse(Path file, Function<CSVParser, T> body) {
        try (Reader in = new StrictUtf8Reader(new java.io.BufferedInputStream(file.toString().endsWith(".gz")
                ? new java.util.zip.GZIPInputStream(Files.newInputStream(file), 1 << 16) : Files.newInputStream(file)), file)) {
            return body.apply(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in));
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": file not found");
        } catch (InputException e) {
            throw e;
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new InputException(file + ": not a readable CSV: " + e.getMessage());
        }
    }

    /** Every row through {@code row}, in file order. */
    public <T> List<T> map(Function<CSVRecord, T> row) {
        return rows.stream().map(row).toList();
    }

    public boolean has(String column) {
        return header.contains(column);
    }

    /** Throws naming the first of {@code columns} the header lacks. */
    public CsvTable require(List<String> columns) {
        for (String c : columns) {
            if (!has(c)) throw new InputException(file + ": line 1: column '" + c + "' missing");
        }
        return this;
    }

    public String text(CSVRecord row, String column) {
        try {
            return row.get(column).trim(); // one header lookup (isMapped and isSet first made three: 60 M at a million rows)
        } catch (IllegalArgumentException | IllegalStateException e) { // not in the header, or the row is short
            throw new InputException(file + ": line " + line(row) + ": column '" + column + "' missing");
        }
    }

    /** A number; empty cells are NaN (fields that do not apply, values not computed). */
    public double num(CSVRecord row, String column) {
        String s = text(row, column);
        if (s.isEmpty()) return Double.NaN;
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new InputException(file + ": line " + line(row) + ": column '" + column + "': not a number: '" + s + "'");
        }
    }

    /** A cell through {@code parse}; its IllegalArgumentException (NumberFormatException too) becomes bad input. */
    public <T> T parse(CSVRecord row, String column, Function<String, T> parse) {
        String s = text(row, column);
        try {
            return parse.apply(s);
        } catch (IllegalArgumentException e) {
            throw new InputException(file + ": line " + line(row) + ": column '" + column + "': " + e.getMessage());
        }
    }

    public int integer(CSVRecord row, String column) {
        return parse(row, column, s -> {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a whole number: '" + s + "'");
            }
        });
    }

    /** A number, or null for an empty cell (a field that does not apply). */
    public Double optional(CSVRecord row, String column) {
        return text(row, column).isEmpty() ? null : num(row, column);
    }

    /** true/false, 1/0, yes/no; empty is false. */
    public boolean bool(CSVRecord row, String column) {
        String s = text(row, column).toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no", "" -> false;
            default -> throw new InputException(file + ": line " + line(row) + ": column '" + column
                    + "': not true/false: '" + s + "'");
        };
    }

    /** Line in the file (header is line 1), for one-record-per-line files. */
    private static long line(CSVRecord row) {
        return row.getRecordNumber() + 1;
    }
}
