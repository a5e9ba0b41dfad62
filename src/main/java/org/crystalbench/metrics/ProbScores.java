package org.crystalbench.metrics;

import java.util.Arrays;

/**
 * Scores of a test part's class probabilities (not only its predicted classes).
 *
 * <ul>
 *   <li>{@code logLoss}: mean of -ln p(true class), probabilities clipped to [ε, 1-ε] with ε = 2^-52 and each row
 *       renormalised — scikit-learn's {@code log_loss} (eps "auto" for float64);</li>
 *   <li>{@code brier}: mean over rows of Σ_c (p_c - [y = c])², in [0, 2] — the sum over classes of scikit-learn's
 *       binary {@code brier_score_loss} of each class against the rest;</li>
 *   <li>{@code rocAuc}: mean over classes of the ROC AUC of p_c for class c against the rest (ties count one half) —
 *       {@code roc_auc_score(multi_class="ovr", average="macro")}; NaN when a class has no positive or no negative row;</li>
 *   <li>{@code ece}: expected calibration error of the top label: rows binned by max_c p_c into {@value #BINS}
 *       equal-width bins (i/10, (i+1)/10], Σ_bins (rows in bin / rows) · |accuracy - mean confidence|, where a
 *       row is correct when its true class has the highest probability (ties: the lowest class index).</li>
 * </ul>
 * All NaN for an empty test part.
 */
public record ProbScores(double logLoss, double brier, double rocAuc, double ece) {
    public static final int BINS = 10;
    static final double EPS = Math.ulp(1.0);
    public static final ProbScores NONE = new ProbScores(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** @param p one row of class probabilities per test row, {@code p[i].length == classes} */
    public static ProbScores of(int[] truth, double[][] p, int classes) {
        if (truth.length != p.length) throw new IllegalArgumentException("length mismatch");
        double[] flat = new double[p.length * classes];
        for (int i = 0; i < p.length; i++) System.arraycopy(p[i], 0, flat, i * classes, classes);
        return of(truth, flat, classes);
    }

    /**
     * @param p the class probabilities row-major: test row i's probability of class c at {@code i * classes + c} (one
     *          array, as the run keeps them: no array a row, issue 30)
     */
    public static ProbScores of(int[] truth, double[] p, int classes) {
        if ((long) truth.length * classes != p.length) throw new IllegalArgumentException("length mismatch");
        if (truth.length == 0) return NONE;
        return new ProbScores(logLoss(truth, p, classes), brier(truth, p, classes), rocAuc(truth, p, classes),
                ece(truth, p, classes));
    }

    static double logLoss(int[] truth, double[] p, int k) {
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            double total = 0;
            for (int c = 0; c < k; c++) total += clip(p[i * k + c]);
            sum -= Math.log(clip(p[i * k + truth[i]]) / total);
        }
        return sum / truth.length;
    }

    private static double clip(double v) {
        return Math.max(EPS, Math.min(1 - EPS, v));
    }

    static double brier(int[] truth, double[] p, int k) {
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            for (int c = 0; c < k; c++) {
                double d = p[i * k + c] - (truth[i] == c ? 1 : 0);
                sum += d * d;
            }
        }
        return sum / truth.length;
    }

    static double rocAuc(int[] truth, double[] p, int classes) {
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            double[] score = new double[truth.length];
            boolean[] positive = new boolean[truth.length];
            for (int i = 0; i < truth.length; i++) {
                score[i] = p[i * classes + c];
                positive[i] = truth[i] == c;
            }
            sum += auc(score, positive);
        }
        return sum / classes;
    }

    /**
     * Mann–Whitney: P(score of a positive > score of a negative), ties one half, from mid-ranks. Sorts {@code score} in
     * place: the scores and, apart, the positives' scores are sorted as primitives (a sort of boxed row indexes held
     * 20 bytes a row), then each group of equal scores gives its mid-rank to the positives in it, groups ascending
     * (the same sums, in the same order, as ranking the rows one by one).
     */
    static double auc(double[] score, boolean[] positive) {
        int n = score.length;
        for (double v : score) if (Double.isNaN(v)) return Double.NaN; // (NaN == NaN is false: the tie loop below would never end)
        int pos = 0;
        for (boolean b : positive) if (b) pos++;
        double[] positives = new double[pos];
        for (int i = 0, q = 0; i < n; i++) if (positive[i]) positives[q++] = score[i];
        Arrays.sort(score);
        Arrays.sort(positives);
        double rankSum = 0;
        for (int i = 0, q = 0; i < n; ) {
            int j = i;
            while (j < n && score[j] == score[i]) j++;
            double midRank = (i + 1 + j) / 2.0; // ranks i+1..j share their mean
            for (; q < pos && positives[q] == score[i]; q++) rankSum += midRank; // -0.0 == 0.0: one group, as before
            i = j;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) return Double.NaN;
        return (rankSum - (long) pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    static double ece(int[] truth, double[] p, int k) {
        Reliability r = Reliability.empty();
        for (int i = 0; i < truth.length; i++) r.add(truth[i], p, i * k, k);
        double sum = 0;
        for (int b = 0; b < BINS; b++) sum += Math.abs(r.correct()[b] - r.confidence()[b]);
        return sum / truth.length;
    }

    /**
     * Top-label reliability per confidence bin (the reliability diagram; ECE is its weighted gap).
     *
     * @param count      rows per bin
     * @param confidence sum of the rows' top probabilities per bin
     * @param correct    rows per bin whose top class is the true class
     */
    public record Reliability(int[] count, double[] confidence, double[] correct) {
        /** No rows yet: {@link #add} counts them one at a time (a file of predictions need not be held whole). */
        public static Reliability empty() {
            return new Reliability(new int[BINS], new double[BINS], new double[BINS]);
        }

        /** Counts one row (its true class and class probabilities) into its bin. */
        public void add(int truth, double[] p) {
            add(truth, p, 0, p.length);
        }

        /** As {@link #add(int, double[])} for the k probabilities at {@code p[at..at + k)}. */
        public void add(int truth, double[] p, int at, int k) {
            int top = 0;
            for (int c = 1; c < k; c++) if (p[at + c] > p[at + top]) top = c; // ties to the lowest index, as top()
            int b = bin(p[at + top]);
            confidence[b] += p[at + top];
            correct[b] += top == truth ? 1 : 0;
            count[b]++;
        }
    }

    /** The class with the highest probability, ties to the lowest index. */
    public static int top(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
        return best;
    }

    /** The reliability bin of a confidence: (i/10, (i+1)/10] is bin i; 0 goes to bin 0. */
    public static int bin(double confidence) {
        return Math.min(BINS - 1, Math.max(0, (int) Math.ceil(confidence * BINS) - 1));
    }
}
