package org.crystalbench.metrics;

/**
 * Classification metrics of one test part, computed from its confusion matrix.
 *
 * <p>Two macro F1 scores, both reported because they differ:
 * <ul>
 *   <li>{@code macroF1}: the mean of per-class F1 (scikit-learn's {@code f1_score(average="macro")}; in
 *       Smile 6.3.0 also what {@code FScore} with {@code Averaging.Macro} returns — pinned by a test);</li>
 *   <li>{@code paperF1}: the harmonic mean of macro precision and macro recall — the formula some papers (the Li-ion study among them) report as macro F1.</li>
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

    /** As above, the probabilities row-major in one array (row i's class c at {@code i * classes + c}). */
    public static Scores of(int[] truth, int[] predicted, double[] p, int classes) {
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
        boolean[] all = new boolean[cm.length];
        java.util.Arrays.fill(all, true);
        return of(cm, all);
    }

    /**
     * The same counts with the macro averages (and balanced accuracy) taken over the classes present in
     * the truth only, as when a labelled file holds a subset of the classes: five rows of one class,
     * all right, score 1 here and 1/k over all k classes. Predictions of absent classes still lower
     * the present classes' precision.
     */
    public static Scores ofPresent(int[][] cm) {
        boolean[] present = new boolean[cm.length];
        for (int c = 0; c < cm.length; c++) present[c] = java.util.Arrays.stream(cm[c]).sum() > 0;
        return of(cm, present);
    }

    /** Number of classes present in the truth (support above 0). */
    public int presentClasses() {
        int n = 0;
        for (int[] row : confusion) n += java.util.Arrays.stream(row).sum() > 0 ? 1 : 0;
        return n;
    }

    private static Scores of(int[][] cm, boolean[] averaged) {
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
        double mp = mean(precision, averaged), mr = mean(recall, averaged);
        double paper = mp + mr == 0 ? 0 : 2 * mp * mr / (mp + mr);
        return new Scores(cm, total == 0 ? 0 : (double) correct / total, mr, mp, mr, mean(f1, averaged), paper,
                precision, recall, f1);
    }

    private static double mean(double[] v, boolean[] averaged) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if (averaged[i]) {
                s += v[i];
                n++;
            }
        }
        return n == 0 ? 0 : s / n;
    }
}
