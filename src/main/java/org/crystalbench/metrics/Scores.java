package org.crystalbench.metrics;

/**
 * Classification metrics of one test part, computed from its confusion matrix.
 *
 * <p>Two macro F1 scores, both reported because they differ:
 * <ul>
 *   <li>{@code macroF1}: the mean of per-class F1 (scikit-learn's {@code f1_score(average="macro")}; in
 *       Smile 6.3.0 also what {@code FScore} with {@code Averaging.Macro} returns — pinned by a test);</li>
 *   <li>{@code paperF1}: the harmonic mean of macro precision and macro recall — the study's formula.</li>
 * </ul>
 *
 * <p>Zero-division convention: a class that is never predicted has precision 0; a class absent from
 * the test part has recall 0; a class whose precision and recall are both 0 has F1 0. All classes of
 * the data set count in every macro average, whether or not they occur in this test part (the
 * stratified protocols put every class in every test part).
 *
 * @param confusion [true class][predicted class] counts
 * @param prob      scores of the class probabilities ({@link ProbScores#NONE} when scored from classes only)
 */
public record Scores(int[][] confusion, double accuracy, double balancedAccuracy, double macroPrecision,
                     double macroRecall, double macroF1, double paperF1, double[] precision, double[] recall,
                     double[] f1, ProbScores prob) {

    /** Scores from predicted classes only. */
    public Scores(int[][] confusion, double accuracy, double balancedAccuracy, double macroPrecision, double macroRecall,
                  double macroF1, double paperF1, double[] precision, double[] recall, double[] f1) {
        this(confusion, accuracy, balancedAccuracy, macroPrecision, macroRecall, macroF1, paperF1, precision, recall, f1,
                ProbScores.NONE);
    }

    /** Scores of predicted classes and of the class probabilities {@code p} (one row per test row). */
    public static Scores of(int[] truth, int[] predicted, double[][] p, int classes) {
        return of(truth, predicted, classes).with(ProbScores.of(truth, p, classes));
    }

    public Scores with(ProbScores prob) {
        return new Scores(confusion, accuracy, balancedAccuracy, macroPrecision, macroRecall, macroF1, paperF1, precision,
                recall, f1, prob);
    }

    public static Scores of(int[] truth, int[] predicted, int classes) {
        if (truth.length != predicted.length) throw new IllegalArgumentException("length mismatch");
        int[][] cm = new int[classes][classes];
        for (int i = 0; i < truth.length; i++) cm[truth[i]][predicted[i]]++;
        return of(cm);
    }

    public static Scores of(int[][] cm) {
        int k = cm.length;
        double[] precision = new double[k], recall = new double[k], f1 = new double[k];
        long total = 0, correct = 0;
        for (int c = 0; c < k; c++) {
            long tp = cm[c][c], actual = 0, predicted = 0;
            for (int j = 0; j < k; j++) {
                actual += cm[c][j];
                predicted += cm[j][c];
                total += cm[c][j];
            }
            correct += tp;
            precision[c] = predicted == 0 ? 0 : (double) tp / predicted;
            recall[c] = actual == 0 ? 0 : (double) tp / actual;
            double s = precision[c] + recall[c];
            f1[c] = s == 0 ? 0 : 2 * precision[c] * recall[c] / s;
        }
        double mp = mean(precision), mr = mean(recall);
        double paper = mp + mr == 0 ? 0 : 2 * mp * mr / (mp + mr);
        return new Scores(cm, total == 0 ? 0 : (double) correct / total, mr, mp, mr, mean(f1), paper,
                precision, recall, f1);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }
}
