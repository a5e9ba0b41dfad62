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
        try (var printer = new CSVPrinter(sb, CSVFormat.RFC4180.builder().setRecordSeparator('\n')
                .setHeader(header.toArray(String[]::new)).get())) {
            for (List<?> row : rows) printer.printRecord(row.stream().map(Csv::cell).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
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
