package org.crystalbench.features;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.config.DerivedSpec.Composition;
import org.crystalbench.data.Dataset;

/**
 * Turns rows of a {@link Dataset} into model inputs for one feature set: numeric columns
 * standardised, categorical columns one-hot encoded. It is fitted on training rows only; a category
 * never seen in training encodes as all zeros (and {@link #unseen} says so).
 *
 * <p>A feature may name a group of numeric columns ({@link Dataset#groups}: the derived element
 * fractions or element properties). A group's columns that are zero on every training row are left
 * out, so the element-fraction columns are those of the elements seen in the training rows; an element
 * met only outside them contributes to no column (its share is lost, like an unseen category) and
 * {@link #unseen} reports the row.
 *
 * <p>Missing cells ({@code dataset.missing: impute}): a missing numeric cell ({@code NaN}) takes the
 * median of the training rows' values of its column, and a column with a missing cell among the training
 * rows gains a 0/1 was-missing indicator column ({@code "<column> missing"}), standardised like the
 * others (scikit-learn's {@code SimpleImputer(strategy="median", add_indicator=True)} then
 * {@code StandardScaler}). A missing categorical cell is the category {@link Dataset#MISSING_CATEGORY},
 * one-hot encoded like any other. Everything is fitted on the training rows, and the bundle carries it,
 * so predict fills in the same values.
 *
 * <p>Smile's {@code Standardizer} works on its DataFrame; our rows are plain arrays shared by every
 * split, so the few lines of arithmetic are kept here rather than copying data into frames per split.
 */
public final class FeatureEncoder implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] numericCols;       // indexes into Dataset.numeric rows
    private final double[] mean;
    private final double[] scale;
    private final int[] categoricalCols;   // indexes into Dataset.categorical rows
    private final List<Map<String, Integer>> vocab; // category -> one-hot offset
    private final List<String> outputNames;
    private final int[] leftOut;           // Dataset.numeric indexes of group columns zero on every training row
    private final List<String> inputs;     // the feature set's names, in its order
    private final List<int[]> inputColumns; // per input, its encoded column indexes
    private final double[] fill;           // per numeric column: the training median, for a missing cell
    private final int[] indicated;         // numeric positions j with a was-missing indicator, in output order
    private final NeighbourShares neighbours; // null unless the feature set asks for the neighbour shares
    private final double[] neighbourMean;     // standardisation of the neighbour columns (out-of-fold training values)
    private final double[] neighbourScale;

    private FeatureEncoder(int[] numericCols, double[] mean, double[] scale, int[] categoricalCols,
                           List<Map<String, Integer>> vocab, List<String> outputNames, int[] leftOut,
                           List<String> inputs, List<int[]> inputColumns, double[] fill, int[] indicated,
                           NeighbourShares neighbours, double[] neighbourMean, double[] neighbourScale) {
        this.numericCols = numericCols;
        this.mean = mean;
        this.scale = scale;
        this.categoricalCols = categoricalCols;
        this.vocab = vocab;
        this.outputNames = outputNames;
        this.leftOut = leftOut;
        this.inputs = inputs;
        this.inputColumns = inputColumns;
        this.fill = fill;
        this.indicated = indicated;
        this.neighbours = neighbours;
        this.neighbourMean = neighbourMean;
        this.neighbourScale = neighbourScale;
    }

    /** Fits on {@code train} rows of {@code data}, for the features named in {@code features}. */
    public static FeatureEncoder fit(Dataset data, List<String> features, int[] train) {
        List<Integer> num = new ArrayList<>(), cat = new ArrayList<>(), dropped = new ArrayList<>();
        Map<String, List<Integer>> numericOf = new LinkedHashMap<>(); // input -> positions in num
        Map<String, Integer> categoricalOf = new LinkedHashMap<>();   // input -> position in cat
        int[] neighbourKeys = null;
        for (String f : features) {
            int i = data.numericNames().indexOf(f);
            List<String> group = data.groups().get(f);
            if (f.equals(Composition.NEIGHBOURS) && group != null) {
                neighbourKeys = group.stream().mapToInt(data.numericNames()::indexOf).toArray();
            } else if (i >= 0) {
                numericOf.put(f, List.of(num.size()));
                num.add(i);
            } else if (group != null) {
                List<Integer> at = new ArrayList<>();
                for (String col : group) {
                    int c = data.numericNames().indexOf(col);
                    if (c < 0) throw new IllegalArgumentException("group " + f + ": unknown column " + col);
                    boolean seen = false;
                    for (int r : train) seen |= data.numeric()[r][c] != 0;
                    if (seen) {
                        at.add(num.size());
                        num.add(c);
                    } else {
                        dropped.add(c);
                    }
                }
                numericOf.put(f, at);
            } else {
                int j = data.categoricalNames().indexOf(f);
                if (j < 0) throw new IllegalArgumentException("unknown feature " + f);
                categoricalOf.put(f, cat.size());
                cat.add(j);
            }
        }
        int[] numericCols = num.stream().mapToInt(Integer::intValue).toArray();
        int[] categoricalCols = cat.stream().mapToInt(Integer::intValue).toArray();
        List<String> names = new ArrayList<>();

        // The training median per numeric column (missing cells left out), and which columns need an indicator.
        double[] fill = new double[numericCols.length];
        List<Integer> indicated = new ArrayList<>();
        for (int j = 0; j < numericCols.length; j++) {
            final int c = numericCols[j];
            // one array of the column's present cells, sorted in place (a stream and a clone were 4 such arrays a split)
            double[] present = new double[train.length];
            int n = 0;
            for (int r : train) {
                double v = data.numeric()[r][c];
                if (!Double.isNaN(v)) present[n++] = v;
            }
            fill[j] = n == 0 ? 0 : medianInPlace(present, n);
            if (n < train.length) indicated.add(j);
        }
        int[] ind = indicated.stream().mapToInt(Integer::intValue).toArray();
        int width = numericCols.length + ind.length;
        double[] mean = new double[width];
        double[] scale = new double[width];
        double[][] x = data.numeric();
        for (int j = 0; j < width; j++) {
            double m = 0;
            for (int r : train) m += cell(x[r], j, numericCols, fill, ind);
            m /= train.length;
            double ss = 0;
            for (int r : train) {
                double d = cell(x[r], j, numericCols, fill, ind) - m;
                ss += d * d;
            }
            double sd = Math.sqrt(ss / train.length); // population sd, as scikit-learn's StandardScaler
            if (!Double.isFinite(m) || !Double.isFinite(sd)) { // finite cells near the largest double: the sums overflowed
                double[] scaled = scaledMeanSd(x, train, j, numericCols, fill, ind);
                m = scaled[0];
                sd = scaled[1];
            }
            mean[j] = m;
            scale[j] = sd > 0 ? sd : 1; // a constant column becomes 0, not NaN
            names.add(j < numericCols.length ? data.numericNames().get(numericCols[j])
                    : data.numericNames().get(numericCols[ind[j - numericCols.length]]) + " missing");
        }
        List<Map<String, Integer>> vocab = new ArrayList<>();
        int offset = width;
        for (int col : categoricalCols) {
            // Sorted categories: the encoding does not depend on the order of training rows.
            var sorted = new java.util.TreeSet<String>();
            for (int r : train) sorted.add(data.categorical()[r][col]);
            Map<String, Integer> v = new LinkedHashMap<>();
            for (String c : sorted) {
                v.put(c, offset++);
                names.add(data.categoricalNames().get(col) + "=" + c);
            }
            vocab.add(v);
        }
        NeighbourShares neighbours = null;
        double[] nMean = null, nScale = null;
        int[] neighbourColumns = new int[0];
        if (neighbourKeys != null) {
            // Fitted on the training rows' labels; standardised with the out-of-fold values the model is trained on.
            neighbours = NeighbourShares.fit(data.numeric(), data.y(), data.classes().size(), neighbourKeys, train);
            int w = neighbours.width();
            nMean = new double[w];
            nScale = new double[w];
            double[][] v = new double[train.length][];
            for (int i = 0; i < train.length; i++) v[i] = neighbours.trainingValues(data.numeric()[train[i]], train[i]);
            for (int j = 0; j < w; j++) {
                double m = 0, ss = 0;
                for (double[] row : v) m += row[j];
                m /= v.length;
                for (double[] row : v) ss += (row[j] - m) * (row[j] - m);
                double sd = Math.sqrt(ss / v.length);
                nMean[j] = m;
                nScale[j] = sd > 0 ? sd : 1;
            }
            neighbourColumns = java.util.stream.IntStream.range(offset, offset + w).toArray();
            names.addAll(NeighbourShares.names(data.classes()));
        }
        List<int[]> inputColumns = new ArrayList<>();
        for (String f : features) {
            if (f.equals(Composition.NEIGHBOURS) && neighbours != null) {
                inputColumns.add(neighbourColumns);
            } else if (numericOf.containsKey(f)) {
                List<Integer> at = new ArrayList<>(numericOf.get(f));
                for (int k = 0; k < ind.length; k++) if (numericOf.get(f).contains(ind[k])) at.add(numericCols.length + k);
                inputColumns.add(at.stream().mapToInt(Integer::intValue).toArray());
            } else {
                inputColumns.add(vocab.get(categoricalOf.get(f)).values().stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return new FeatureEncoder(numericCols, mean, scale, categoricalCols, List.copyOf(vocab), List.copyOf(names),
                dropped.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(features), List.copyOf(inputColumns),
                fill, ind, neighbours, nMean, nScale);
    }

    /**
     * Encoded numeric position {@code j} of a row before scaling: column {@code cols[j]} with a missing cell filled in
     * (training median), or for {@code j >= cols.length} the 0/1 was-missing indicator of column {@code cols[ind[..]]}.
     */
    private static double cell(double[] numeric, int j, int[] cols, double[] fill, int[] ind) {
        if (j < cols.length) {
            double v = numeric[cols[j]];
            return Double.isNaN(v) && fill != null ? fill[j] : v;
        }
        return Double.isNaN(numeric[cols[ind[j - cols.length]]]) ? 1 : 0;
    }

    /** The median (mean of the two middle values for an even count), as numpy's. */
    static double median(double[] v) {
        return medianInPlace(v.clone(), v.length);
    }

    /** The median of {@code s[0..n)}, which it sorts. */
    private static double medianInPlace(double[] s, int n) {
        java.util.Arrays.sort(s, 0, n);
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** True when a used numeric cell of the row is missing or a used categorical cell is {@link Dataset#MISSING_CATEGORY}. */
    public boolean missing(double[] numeric, String[] categorical) {
        for (int c : numericCols) if (Double.isNaN(numeric[c])) return true;
        for (int c : categoricalCols) if (Dataset.MISSING_CATEGORY.equals(categorical[c])) return true;
        return false;
    }

    /**
     * Mean and population SD of a column computed on values divided by its largest magnitude, so that no sum
     * overflows: both finite for any finite cells (used only when the plain sums overflow, so ordinary data
     * is encoded bit for bit as before).
     */
    private static double[] scaledMeanSd(double[][] x, int[] train, int j, int[] cols, double[] fill, int[] ind) {
        double max = 0;
        for (int r : train) max = Math.max(max, Math.abs(cell(x[r], j, cols, fill, ind)));
        double m = 0, ss = 0;
        for (int r : train) m += cell(x[r], j, cols, fill, ind) / max;
        m /= train.length;
        for (int r : train) {
            double d = cell(x[r], j, cols, fill, ind) / max - m;
            ss += d * d;
        }
        return new double[] {m * max, Math.sqrt(ss / train.length) * max};
    }

    /** The feature set's names (a group or a categorical column is one input), in its order. */
    public List<String> inputs() {
        return inputs;
    }

    /** The encoded column indexes of input {@code i} (empty for a group with no column seen in training). */
    public int[] inputColumns(int i) {
        return inputColumns.get(i).clone();
    }

    /** Width of an encoded row. */
    public int width() {
        return outputNames.size();
    }

    /** Names of the encoded columns ("Volume", "Spacegroup=P1", ...). */
    public List<String> outputNames() {
        return outputNames;
    }

    /** Encodes a row to predict or score (never one of the training rows, see {@link #transformTraining}). */
    public double[] transform(Dataset data, int row) {
        return transform(data.numeric()[row], data.categorical()[row]);
    }

    /** Encodes one row to predict given its full numeric and categorical cell arrays. */
    public double[] transform(double[] numeric, String[] categorical) {
        double[] out = new double[width()];
        int numeric0 = numericCols.length + (indicated == null ? 0 : indicated.length);
        for (int j = 0; j < numeric0; j++) {
            double v = cell(numeric, j, numericCols, fill, indicated);
            double z = (v - mean[j]) / scale[j];
            // the difference of two values near the largest double overflows; their scaled difference does not
            out[j] = Double.isFinite(z) ? z : v / scale[j] - mean[j] / scale[j];
        }
        for (int j = 0; j < categoricalCols.length; j++) {
            Integer at = vocab.get(j).get(categorical[categoricalCols[j]]);
            if (at != null) out[at] = 1;
        }
        if (neighbours != null) putNeighbours(out, neighbours.values(numeric));
        return out;
    }

    /**
     * Encodes the training rows the encoder was fitted on, for fitting the model: as {@link #transform},
     * except that the neighbour shares of a training row are out-of-fold (they never count its own label).
     * Without neighbour shares the two are the same.
     */
    public double[][] transformTraining(Dataset data, int[] train) {
        double[][] out = new double[train.length][];
        for (int i = 0; i < train.length; i++) {
            out[i] = transform(data, train[i]);
            if (neighbours != null) putNeighbours(out[i], neighbours.trainingValues(data.numeric()[train[i]], train[i]));
        }
        return out;
    }

    private void putNeighbours(double[] out, double[] v) {
        int at = out.length - v.length;
        for (int j = 0; j < v.length; j++) out[at + j] = (v[j] - neighbourMean[j]) / neighbourScale[j];
    }

    public double[][] transform(Dataset data, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) out[i] = transform(data, rows[i]);
        return out;
    }

    /**
     * True when a categorical cell of the row was never seen in training (it encodes as zeros), or the
     * row has a non-zero value in a group column that was zero on every training row (an element not
     * seen in training). {@code numeric} may be shorter than the training data's rows (a prediction file
     * projected onto the training columns): columns beyond it are not checked.
     */
    public boolean unseen(double[] numeric, String[] categorical) {
        for (int j = 0; j < categoricalCols.length; j++) {
            if (!vocab.get(j).containsKey(categorical[categoricalCols[j]])) return true;
        }
        if (leftOut != null) for (int c : leftOut) if (c < numeric.length && numeric[c] != 0) return true;
        return false;
    }
}
