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

    default int predict(double[] x) {
        return predict(x, new double[classes()]);
    }
}
