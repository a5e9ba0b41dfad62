package org.crystalbench.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** CSV text for result tables: RFC 4180 with LF line ends, numbers in a locale-free format. */
public final class Csv {
    private Csv() {}

    public static String of(List<String> header, List<List<?>> rows) {
        var sb = new StringBuilder();
        CSVPrinter printer = printer(sb, header);
        for (List<?> row : rows) print(printer, row);
        return sb.toString();
    }

    /** A printer of this format onto {@code out}, the header written; rows go through {@link #print}. */
    public static CSVPrinter printer(Appendable out, List<String> header) {
        return printer(out, header, "\n");
    }

    /** The same with another line end (CRLF for files that mimic a public data set). */
    public static CSVPrinter printer(Appendable out, List<String> header, String recordSeparator) {
        try {
            return new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator(recordSeparator)
                    .setHeader(header.toArray(String[]::new)).get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One row, numbers in this format. */
    public static void print(CSVPrinter printer, List<?> row) {
        try {
            printer.printRecord(row.stream().map(Csv::cell).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Object cell(Object v) {
        if (v instanceof Double d) return num(d);
        return v;
    }

    /** Up to 6 significant decimals, no exponent for ordinary values, "NaN" kept visible. */
    public static String num(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) return Double.toString(d);
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return new java.math.BigDecimal(d).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString()
                .toLowerCase(Locale.ROOT);
    }
}
