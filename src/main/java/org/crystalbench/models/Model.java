package org.crystalbench.models;

import java.io.Serializable;

/**
 * A fitted classifier over encoded feature vectors, classes {@code 0..classes()-1}.
 * Implementations are immutable after fitting and safe to call from several threads.
 */
public interface Model extends Serializable {
    int classes();

    /**
     * Predicts one row and fills {@code probabilities} (length {@link #classes()}) with the model's
     * class probabilities: posteriors where the model has them, vote shares for hard voting.
     */
    int predict(double[] x, double[] probabilities);

    /** What the fit flagged (e.g. a degenerate binary SVM); empty for a clean fit. */
    default java.util.List<FitWarning> warnings() {
        return java.util.List.of();
    }

    /**
     * Predicts rows {@code from .. to-1} of {@code x}: {@code labels[i]} and {@code probabilities[i]} exactly as
     * {@link #predict(double[], double[])} gives them for row i. Models override it to work on a block of rows at once
     * (a tree at a time, several rows per pass), with the same arithmetic per row, so the same bits.
     */
    default void predict(double[][] x, double[][] probabilities, int[] labels, int from, int to) {
        for (int i = from; i < to; i++) labels[i] = predict(x[i], probabilities[i]);
    }

    default int predict(double[] x) {
        return predict(x, new double[classes()]);
    }
}
