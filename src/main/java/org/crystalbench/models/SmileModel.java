package org.crystalbench.models;

import smile.classification.Classifier;

/** A Smile soft classifier trained on labels {@code 0..classes-1}. */
record SmileModel(Classifier<double[]> classifier, int classes) implements Model {
    @Override
    public int predict(double[] x, double[] probabilities) {
        return classifier.predict(x, probabilities);
    }
}
