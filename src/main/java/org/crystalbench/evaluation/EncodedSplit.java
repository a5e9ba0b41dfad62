package org.crystalbench.evaluation;

import java.util.List;
import org.crystalbench.data.Dataset;
import org.crystalbench.features.FeatureEncoder;
import org.crystalbench.models.TrainingRows;
import org.crystalbench.splits.Split;

/**
 * A split's rows encoded for fitting: the encoder is fitted on the training rows only, then applied
 * to both parts, so nothing of the test rows informs the features. The training rows are encoded once,
 * up front, in the compact form ({@link TrainingRows}); the test rows when asked for ({@link #xTest()}, or a block at a time: {@link #xTest(int, int)}), so
 * that scoring a split never holds a whole encoded copy of its test rows beside the training rows' (issue 30).
 * Encoding is a pure function of the row and the encoder: every call gives the same bits.
 *
 * @param data the data set the split's rows index (the test rows are encoded from it)
 */
public record EncodedSplit(Split split, FeatureEncoder encoder, TrainingRows train, int[] yTrain, Dataset data,
                           int[] yTest, List<String> classNames) {

    /**
     * The training rows as {@code double[][]}, for the models that read that form: built on the first call and kept
     * (logistic regression and naive Bayes read {@link #train()} itself, so a run of only those never builds it).
     */
    public double[][] xTrain() {
        return train.rows();
    }

    /** Training rows. */
    public int trainSize() {
        return train.size();
    }

    public int classes() {
        return classNames.size();
    }

    /** Test rows. */
    public int testSize() {
        return split.test().length;
    }

    /** Every test row encoded (a new array each call: call it once). */
    public double[][] xTest() {
        return encoder.transform(data, split.test());
    }

    /** Test rows {@code from} to {@code to} (exclusive) encoded, as {@code xTest()[from..to)}. */
    public double[][] xTest(int from, int to) {
        return encoder.transform(data, java.util.Arrays.copyOfRange(split.test(), from, to));
    }

    public static EncodedSplit of(Dataset data, List<String> features, Split split) {
        // drop-rows: the feature set leaves out the rows missing one of its columns, on both sides.
        int[] train = data.usable(split.train(), features), test = data.usable(split.test(), features);
        if (train.length != split.train().length || test.length != split.test().length) split = new Split(split.id(), train, test);
        FeatureEncoder encoder = FeatureEncoder.fit(data, features, split.train());
        return new EncodedSplit(split, encoder, encoder.trainingRows(data, split.train()), pick(data.y(), split.train()),
                data, pick(data.y(), split.test()), data.classes());
    }

    /** {@code v} at {@code rows}. */
    public static int[] pick(int[] v, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = v[rows[i]];
        return out;
    }

    /** {@code v} at {@code rows}, in their order (e.g. each row's group key). */
    public static String[] pick(String[] v, int[] rows) {
        String[] out = new String[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = v[rows[i]];
        return out;
    }
}
