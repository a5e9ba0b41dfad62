package org.crystalbench.metrics;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The per-split metrics every table reports, with their column names, direction and range. One place for
 * the list. The label metrics score predicted classes (every table, grid included); the probability metrics
 * score class probabilities (run tables only, in columns after the older ones).
 */
public enum Metric {
    ACCURACY("accuracy", Scores::accuracy),
    BALANCED_ACCURACY("balanced_accuracy", Scores::balancedAccuracy),
    MACRO_PRECISION("macro_precision", Scores::macroPrecision),
    MACRO_RECALL("macro_recall", Scores::macroRecall),
    MACRO_F1("macro_f1", Scores::macroF1),
    PAPER_F1("paper_f1", Scores::paperF1),
    LOG_LOSS("log_loss", s -> s.prob().logLoss(), false, Double.POSITIVE_INFINITY),
    BRIER("brier", s -> s.prob().brier(), false, 2),
    ROC_AUC("roc_auc_ovr", s -> s.prob().rocAuc(), true, 1),
    ECE("ece", s -> s.prob().ece(), false, 1);

    /** Scores of predicted classes. */
    public static final List<Metric> LABEL = List.of(ACCURACY, BALANCED_ACCURACY, MACRO_PRECISION, MACRO_RECALL, MACRO_F1, PAPER_F1);
    /** Scores of class probabilities ({@link ProbScores}). */
    public static final List<Metric> PROBABILITY = List.of(LOG_LOSS, BRIER, ROC_AUC, ECE);
    public static final List<Metric> ALL = List.of(values());

    private final String column;
    private final ToDoubleFunction<Scores> getter;
    private final boolean higherIsBetter;
    private final double max;

    Metric(String column, ToDoubleFunction<Scores> getter) {
        this(column, getter, true, 1);
    }

    Metric(String column, ToDoubleFunction<Scores> getter, boolean higherIsBetter, double max) {
        this.column = column;
        this.getter = getter;
        this.higherIsBetter = higherIsBetter;
        this.max = max;
    }

    public String column() {
        return column;
    }

    /** False for losses and errors (log loss, Brier, ECE). */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The smallest value the metric can take (0 for all). */
    public double min() {
        return 0;
    }

    /** The largest value the metric can take: 1 for proportions, 2 for Brier, +∞ for log loss. */
    public double max() {
        return max;
    }

    public double of(Scores s) {
        return getter.applyAsDouble(s);
    }

    public static Metric byColumn(String column) {
        for (Metric m : values()) if (m.column.equals(column)) return m;
        throw new IllegalArgumentException("unknown metric '" + column + "' (known: "
                + String.join(", ", ALL.stream().map(Metric::column).toList()) + ")");
    }
}
