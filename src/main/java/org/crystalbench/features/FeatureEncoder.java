package org.crystalbench.features;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.config.DerivedSpec.Composition;
import org.crystalbench.data.Dataset;
import org.crystalbench.data.NumericRows;
import org.crystalbench.models.TrainingRows;

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
        FeatureColumns cols = FeatureColumns.of(data, features, train);
        int[] numericCols = cols.numeric();
        NumericScaling scaling = NumericScaling.fit(data.numeric(), train, numericCols);
        int[] ind = scaling.indicated();
        int width = scaling.mean().length;
        List<String> names = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            names.add(j < numericCols.length ? data.numericNames().get(numericCols[j])
                    : data.numericNames().get(numericCols[ind[j - numericCols.length]]) + " missing");
        }
        List<Map<String, Integer>> vocab = new ArrayList<>();
        int offset = width;
        for (int col : cols.categorical()) {
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
        double[][] nScaling = {null, null};
        int[] neighbourColumns = new int[0];
        if (cols.neighbourKeys() != null) {
            // Fitted on the training rows' labels; standardised with the out-of-fold values the model is trained on.
            neighbours = NeighbourShares.fit(data.numeric(), data.y(), data.classes().size(), cols.neighbourKeys(), train);
            nScaling = neighbourScaling(neighbours, data, train);
            neighbourColumns = java.util.stream.IntStream.range(offset, offset + neighbours.width()).toArray();
            names.addAll(NeighbourShares.names(data.classes()));
        }
        List<int[]> inputColumns = new ArrayList<>();
        for (String f : features) {
            if (f.equals(Composition.NEIGHBOURS) && neighbours != null) {
                inputColumns.add(neighbourColumns);
            } else if (cols.numericOf().containsKey(f)) {
                List<Integer> at = new ArrayList<>(cols.numericOf().get(f));
                for (int k = 0; k < ind.length; k++) if (cols.numericOf().get(f).contains(ind[k])) at.add(numericCols.length + k);
                inputColumns.add(at.stream().mapToInt(Integer::intValue).toArray());
            } else {
                inputColumns.add(vocab.get(cols.categoricalOf().get(f)).values().stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return new FeatureEncoder(numericCols, scaling.mean(), scaling.scale(), cols.categorical(), List.copyOf(vocab),
                List.copyOf(names), cols.dropped(), List.copyOf(features), List.copyOf(inputColumns), scaling.fill(), ind,
                neighbours, nScaling[0], nScaling[1]);
    }

    /** Mean and population SD per neighbour column, of the out-of-fold training values the model is trained on. */
    private static double[][] neighbourScaling(NeighbourShares neighbours, Dataset data, int[] train) {
        int w = neighbours.width();
        double[] nMean = new double[w], nScale = new double[w];
        double[][] v = new double[train.length][];
        for (int i = 0; i < train.length; i++) v[i] = neighbours.trainingValues(data.numericRow(train[i]), train[i]);
        for (int j = 0; j < w; j++) {
            double m = 0, ss = 0;
            for (double[] row : v) m += row[j];
            m /= v.length;
            for (double[] row : v) ss += (row[j] - m) * (row[j] - m);
            double sd = Math.sqrt(ss / v.length);
            nMean[j] = m;
            nScale[j] = sd > 0 ? sd : 1;
        }
        return new double[][] {nMean, nScale};
    }

    /** True when a used numeric cell of the row is missing or a used categorical cell is {@link Dataset#MISSING_CATEGORY}. */
    public boolean missing(double[] numeric, String[] categorical) {
        for (int c : numericCols) if (Double.isNaN(numeric[c])) return true;
        for (int c : categoricalCols) if (Dataset.MISSING_CATEGORY.equals(categorical[c])) return true;
        return false;
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
        return transform(data.numericRow(row), data.categorical()[row]);
    }

    /** Encodes one row to predict given its full numeric and categorical cell arrays. */
    public double[] transform(double[] numeric, String[] categorical) {
        double[] out = new double[width()];
        int numeric0 = numericCols.length + (indicated == null ? 0 : indicated.length);
        for (int j = 0; j < numeric0; j++) out[j] = scaled(numeric, j);
        putCategorical(out, categorical);
        if (neighbours != null) putNeighbours(out, neighbours.values(numeric));
        return out;
    }

    /**
     * Row r of the data set encoded as {@link #transform(double[], String[])} would, its numeric cells read where they
     * are (the batch paths: a copy of each row into a buffer cost the paper's LR batch benchmark 9%); with neighbour
     * shares, which need the whole row, through {@code buffer}.
     */
    private double[] transform(Dataset data, int r, double[] buffer) {
        if (neighbours != null) return transform(data.numeric().row(r, buffer), data.categorical()[r]);
        NumericRows x = data.numeric();
        double[] out = new double[width()];
        int numeric0 = numericCols.length + (indicated == null ? 0 : indicated.length);
        for (int j = 0; j < numeric0; j++) out[j] = scaled(NumericScaling.cell(x, r, j, numericCols, fill, indicated), j);
        putCategorical(out, data.categorical()[r]);
        return out;
    }

    private void putCategorical(double[] out, String[] categorical) {
        for (int j = 0; j < categoricalCols.length; j++) {
            Integer at = vocab.get(j).get(categorical[categoricalCols[j]]);
            if (at != null) out[at] = 1;
        }
    }

    /**
     * Encodes the training rows the encoder was fitted on, for fitting the model: as {@link #transform},
     * except that the neighbour shares of a training row are out-of-fold (they never count its own label).
     * Without neighbour shares the two are the same.
     */
    public double[][] transformTraining(Dataset data, int[] train) {
        double[][] out = new double[train.length][];
        double[] buffer = new double[data.numeric().width()]; // each row's numeric cells, read out of the shared store
        for (int i = 0; i < train.length; i++) {
            out[i] = transform(data, train[i], buffer);
            if (neighbours != null) putNeighbours(out[i], neighbours.trainingValues(data.numericRow(train[i]), train[i]));
        }
        return out;
    }

    /** Encoded numeric column j (a column or a was-missing indicator) of a row with these numeric cells. */
    private double scaled(double[] numeric, int j) {
        return scaled(NumericScaling.cell(numeric, j, numericCols, fill, indicated), j);
    }

    /** Encoded numeric column j of a row whose cell (or was-missing indicator) there is v. */
    private double scaled(double v, int j) {
        return NumericScaling.scaled(v, mean[j], scale[j]);
    }

    /**
     * The training rows as {@link #transformTraining} encodes them, in the compact form the fits read (issue 30):
     * the numeric columns dense, one column index per categorical column (its 1.0; -1 for none). The dense values are
     * stored when they take at most a sixteenth of the largest heap, and otherwise computed from the shared numeric
     * store a block at a time when a fit reads them ({@link TrainingBlocks}): the same values either way, so the same
     * fits; storing is faster (computing made the logistic fit of 800,000 rows of six columns about 15% slower), not
     * storing holds no copy a lane (38 MB at 1M rows), which a run with a small heap needs. With neighbour shares
     * (dense columns after the one-hot ones) every column is dense and stored.
     */
    public TrainingRows trainingRows(Dataset data, int[] train) {
        int d = numericCols.length + (indicated == null ? 0 : indicated.length);
        return trainingRows(data, train, 8L * train.length * d <= Runtime.getRuntime().maxMemory() / 16);
    }

    /** As {@link #trainingRows(Dataset, int[])}, the dense values stored or computed as {@code stored} says. */
    public TrainingRows trainingRows(Dataset data, int[] train, boolean stored) {
        if (neighbours != null) return TrainingRows.of(transformTraining(data, train));
        int n = train.length, d = numericCols.length + (indicated == null ? 0 : indicated.length), m = categoricalCols.length;
        int block = TrainingRows.blockRows(d, m), blocks = TrainingRows.blocks(n, block);
        int[][] levels = new int[blocks][];
        for (int b = 0; b < blocks; b++) {
            int from = b * block, rows = Math.min(n, from + block) - from;
            levels[b] = new int[rows * m];
            for (int i = 0; i < rows && m > 0; i++) {
                String[] categorical = data.categorical()[train[from + i]];
                for (int l = 0; l < m; l++) {
                    Integer at = vocab.get(l).get(categorical[categoricalCols[l]]);
                    levels[b][i * m + l] = at == null ? -1 : at; // columns ascend with l: vocabularies are laid out in order
                }
            }
        }
        TrainingRows.Dense dense = new TrainingBlocks(data.numeric(), train, block, d, numericCols, fill, indicated, mean, scale);
        if (stored) dense = TrainingRows.Dense.stored(dense, n, block, d);
        return new TrainingRows(n, width(), d, m, block, dense, levels, new TrainingRows.Materialised(null));
    }

    private void putNeighbours(double[] out, double[] v) {
        int at = out.length - v.length;
        for (int j = 0; j < v.length; j++) out[at + j] = (v[j] - neighbourMean[j]) / neighbourScale[j];
    }

    public double[][] transform(Dataset data, int[] rows) {
        double[][] out = new double[rows.length][];
        double[] buffer = new double[data.numeric().width()];
        for (int i = 0; i < rows.length; i++) out[i] = transform(data, rows[i], buffer);
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
