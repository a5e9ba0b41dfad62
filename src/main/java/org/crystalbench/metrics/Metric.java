package org.crystalbench.metrics;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** The per-split metrics every table reports, with their column names. One place for the list. */
public enum Metric {
    ACCURACY("accuracy", Scores::accuracy),
    BALANCED_ACCURACY("balanced_accuracy", Scores::balancedAccuracy),
    MACRO_PRECISION("macro_precision", Scores::macroPrecision),
    MACRO_RECALL("macro_recall", Scores::macroRecall),
    MACRO_F1("macro_f1", Scores::macroF1),
    PAPER_F1("paper_f1", Scores::paperF1);

    public static final List<Metric> ALL = List.of(values());

    private final String column;
    private final ToDoubleFunction<Scores> getter;

    Metric(String column, ToDoubleFunction<Scores> getter) {
        this.column = column;
        this.getter = getter;
    }

    public String column() {
        return column;
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
