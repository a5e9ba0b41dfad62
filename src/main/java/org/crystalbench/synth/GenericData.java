package org.crystalbench.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVPrinter;
import org.crystalbench.io.Csv;

/**
 * A generic labelled table (not materials): an {@code id} column, numeric columns {@code x1..xN},
 * categorical columns {@code cat1..catC}, a {@code class} target with {@code k} classes, and optionally
 * missing cells. For trying crystal-bench on "your own CSV" shapes: many classes, mixed types, blanks.
 *
 * <p>Everything is drawn from {@code seed}: first the class profiles (shares, per-class means of the
 * informative numeric columns, per-class level probabilities of the categorical columns), then the rows
 * one at a time. Half of the numeric columns (the even-numbered ones) are noise, equal in every class;
 * column {@code xj} has spread 10^((j-1) mod 4), so unscaled distances would be dominated by a few
 * columns. Class shares are unequal (the last class about a third of the first). A missing cell is
 * written empty, or as {@code NA} every other time, so both missing tokens occur.
 *
 * @param rows        data rows
 * @param classes     2 to 50
 * @param numeric     numeric feature columns (0 to 1000)
 * @param categorical categorical feature columns (0 to 1000); at least one feature column in all
 * @param levels      categories per categorical column (2 to 100)
 * @param missing     share of feature cells left missing, in [0, 1)
 */
public record GenericData(int rows, int classes, int numeric, int categorical, int levels, double missing, long seed) {
    public GenericData {
        if (classes < 2 || classes > 50) throw new IllegalArgumentException("classes: " + classes + " (2 to 50)");
        if (numeric < 0 || numeric > 1000) throw new IllegalArgumentException("numeric: " + numeric + " (0 to 1000)");
        if (categorical < 0 || categorical > 1000) throw new IllegalArgumentException("categorical: " + categorical + " (0 to 1000)");
        if (numeric + categorical == 0) throw new IllegalArgumentException("numeric + categorical: 0 (at least one feature column)");
        if (levels < 2 || levels > 100) throw new IllegalArgumentException("levels: " + levels + " (2 to 100)");
        if (!(missing >= 0 && missing < 1)) throw new IllegalArgumentException("missing: " + missing + " (0 or more, below 1)");
        if (rows < classes) throw new IllegalArgumentException("rows: " + rows + " (at least " + classes + ", one per class)");
    }

    public static final String ID = "id", TARGET = "class";

    public List<String> header() {
        List<String> h = new ArrayList<>(List.of(ID));
        for (int j = 1; j <= numeric; j++) h.add("x" + j);
        for (int j = 1; j <= categorical; j++) h.add("cat" + j);
        h.add(TARGET);
        return List.copyOf(h);
    }

    /** The rows as CSV (LF line ends), appended one at a time: memory does not grow with {@code rows}. */
    public void write(Appendable out) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] share = new double[classes];
        double total = 0;
        for (int c = 0; c < classes; c++) total += share[c] = 1.0 / (1 + 2.0 * c / Math.max(1, classes - 1));
        double[][] mean = new double[classes][numeric];
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < numeric; j++) mean[c][j] = j % 2 == 0 ? 1.5 * rng.nextGaussian() : 0; // xj, j odd: informative
        }
        double[][][] levelCdf = new double[classes][categorical][levels];
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < categorical; j++) {
                double sum = 0;
                for (int l = 0; l < levels; l++) sum += levelCdf[c][j][l] = -Math.log(1 - rng.nextDouble()); // Dirichlet(1)
                double acc = 0;
                for (int l = 0; l < levels; l++) levelCdf[c][j][l] = acc += levelCdf[c][j][l] / sum;
            }
        }
        int missingCount = 0;
        try {
            CSVPrinter printer = Csv.printer(out, header(), "\n");
            List<String> row = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                int c = i < classes ? i : pick(rng, share, total); // every class in the first rows, so tiny files have all
                row.clear();
                row.add("r" + (i + 1));
                for (int j = 0; j < numeric; j++) {
                    double spread = Math.pow(10, j % 4);
                    double v = spread * (mean[c][j] + rng.nextGaussian());
                    row.add(rng.nextDouble() < missing ? (missingCount++ % 2 == 0 ? "" : "NA") : String.format(Locale.ROOT, "%.3f", v));
                }
                for (int j = 0; j < categorical; j++) {
                    double u = rng.nextDouble();
                    int l = 0;
                    while (l < levels - 1 && u >= levelCdf[c][j][l]) l++;
                    row.add(rng.nextDouble() < missing ? (missingCount++ % 2 == 0 ? "" : "NA") : "L" + (l + 1));
                }
                row.add("class-" + (c + 1));
                Csv.print(printer, row);
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int pick(SplittableRandom rng, double[] share, double total) {
        double u = rng.nextDouble() * total, acc = 0;
        for (int c = 0; c < share.length; c++) {
            acc += share[c];
            if (u < acc) return c;
        }
        return share.length - 1;
    }
}
