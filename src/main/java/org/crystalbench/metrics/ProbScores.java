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
        if (truth.length == 0) return NONE;
        return new ProbScores(logLoss(truth, p), brier(truth, p), rocAuc(truth, p, classes), ece(truth, p));
    }

    static double logLoss(int[] truth, double[][] p) {
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            double total = 0;
            for (double v : p[i]) total += clip(v);
            sum -= Math.log(clip(p[i][truth[i]]) / total);
        }
        return sum / truth.length;
    }

    private static double clip(double v) {
        return Math.max(EPS, Math.min(1 - EPS, v));
    }

    static double brier(int[] truth, double[][] p) {
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            for (int c = 0; c < p[i].length; c++) {
                double d = p[i][c] - (truth[i] == c ? 1 : 0);
                sum += d * d;
            }
        }
        return sum / truth.length;
    }

    static double rocAuc(int[] truth, double[][] p, int classes) {
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            double[] score = new double[truth.length];
            boolean[] positive = new boolean[truth.length];
            for (int i = 0; i < truth.length; i++) {
                score[i] = p[i][c];
                positive[i] = truth[i] == c;
            }
            sum += auc(score, positive);
        }
        return sum / classes;
    }

    /** Mann–Whitney: P(score of a positive > score of a negative), ties one half, from mid-ranks. */
    static double auc(double[] score, boolean[] positive) {
        int n = score.length;
        for (double v : score) if (Double.isNaN(v)) return Double.NaN; // (NaN == NaN is false: the tie loop below would never end)
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double rankSum = 0;
        long pos = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && score[order[j]] == score[order[i]]) j++;
            double midRank = (i + 1 + j) / 2.0; // ranks i+1..j share their mean
            for (int q = i; q < j; q++) if (positive[order[q]]) { rankSum += midRank; pos++; }
            i = j;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) return Double.NaN;
        return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    static double ece(int[] truth, double[][] p) {
        Reliability r = Reliability.of(truth, p);
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
        public static Reliability of(int[] truth, double[][] p) {
            Reliability r = empty();
            for (int i = 0; i < truth.length; i++) r.add(truth[i], p[i]);
            return r;
        }

        /** No rows yet: {@link #add} counts them one at a time (a file of predictions need not be held whole). */
        public static Reliability empty() {
            return new Reliability(new int[BINS], new double[BINS], new double[BINS]);
        }

        /** Counts one row (its true class and class probabilities) into its bin. */
        public void add(int truth, double[] p) {
            int top = top(p);
            int b = bin(p[top]);
            confidence[b] += p[top];
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
