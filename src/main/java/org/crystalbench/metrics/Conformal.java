package org.crystalbench.metrics;

import java.util.Arrays;

/**
 * Split-conformal prediction sets for a classifier (Vovk, Gammerman and Shafer 2005; Angelopoulos and Bates 2021,
 * "A gentle introduction", section 1): the nonconformity score of a row is 1 - p(its class); on n calibration rows
 * not used for fitting, the threshold is the ceil((n + 1)(1 - alpha))-th smallest score; a new row's set holds
 * every class whose score is at most the threshold. If calibration and test rows are exchangeable, the set holds
 * the true class with probability at least 1 - alpha (over calibration and test draws together), whatever the model.
 *
 * <p><b>Mondrian</b> (class-conditional): one threshold per class, from the calibration rows of that class; then the
 * guarantee holds within each class (coverage of rare classes is not traded for common ones). A class with too few
 * calibration rows for its level (fewer than 1/alpha - 1) gets an infinite threshold: it is in every set.
 */
public final class Conformal {
    private Conformal() {}

    /** Whether thresholds are one for all rows (split) or one per true class (Mondrian). */
    public enum Method {
        SPLIT("split"), MONDRIAN("mondrian");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Method of(String label) {
            for (Method m : values()) if (m.label.equals(label)) return m;
            throw new IllegalArgumentException("unknown conformal method '" + label + "' (split, mondrian)");
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * Per class, the score threshold at level {@code 1 - alpha}.
     *
     * @param p per calibration row, its class probabilities
     * @param y per calibration row, its class
     */
    public static double[] thresholds(double[][] p, int[] y, int classes, double alpha, Method method) {
        if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("alpha must be in (0, 1): " + alpha);
        double[] scores = new double[y.length];
        for (int i = 0; i < y.length; i++) scores[i] = score(p[i], y[i]);
        return thresholds(scores, y, classes, alpha, method);
    }

    /**
     * Per class, the score threshold at level {@code 1 - alpha}, from the calibration rows' scores.
     *
     * @param scores per calibration row, its nonconformity score {@link #score}
     * @param y      per calibration row, its class
     */
    public static double[] thresholds(double[] scores, int[] y, int classes, double alpha, Method method) {
        if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("alpha must be in (0, 1): " + alpha);
        double[] out = new double[classes];
        if (method == Method.SPLIT) {
            Arrays.fill(out, quantile(scores, alpha));
        } else {
            for (int c = 0; c < classes; c++) {
                int cc = c;
                double[] own = java.util.stream.IntStream.range(0, y.length).filter(i -> y[i] == cc).mapToDouble(i -> scores[i]).toArray();
                out[c] = quantile(own, alpha);
            }
        }
        return out;
    }

    /** The nonconformity score of class {@code c}: 1 - p(c). */
    public static double score(double[] p, int c) {
        return 1 - p[c];
    }

    /** The ceil((n + 1)(1 - alpha))-th smallest of {@code scores}; +infinity when that rank exceeds n. */
    public static double quantile(double[] scores, double alpha) {
        int n = scores.length;
        // ceil of (n + 1)(1 - alpha), robust to the product landing a hair above a whole number (0.9 * 10 = 9.000000000000002)
        int rank = (int) Math.ceil((n + 1) * (1 - alpha) - 1e-9);
        if (rank > n) return Double.POSITIVE_INFINITY;
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(rank, 1) - 1];
    }

    /** The prediction set of a row with probabilities {@code p}: classes c with 1 - p(c) at most their threshold. */
    public static boolean[] set(double[] p, double[] thresholds) {
        boolean[] in = new boolean[p.length];
        for (int c = 0; c < p.length; c++) in[c] = score(p, c) <= thresholds[c];
        return in;
    }

    /**
     * Coverage and size of the sets of some rows.
     *
     * @param coverage share of rows whose set holds their class
     * @param size     mean number of classes in a set
     * @param empty    share of rows with an empty set
     */
    public record Sets(double coverage, double size, double empty) {}

    public static Sets evaluate(double[][] p, int[] y, double[] thresholds) {
        int covered = 0, empty = 0;
        long members = 0;
        for (int i = 0; i < y.length; i++) {
            boolean[] in = set(p[i], thresholds);
            int n = 0;
            for (boolean b : in) if (b) n++;
            members += n;
            if (n == 0) empty++;
            if (in[y[i]]) covered++;
        }
        return new Sets(covered / (double) y.length, members / (double) y.length, empty / (double) y.length);
    }
}
