package org.crystalbench.stats;

import org.crystalbench.InputException;
import org.crystalbench.splits.Seeds;
import org.crystalbench.metrics.Metric;

/**
 * How a run states its uncertainty: the interval method ({@code --ci}) and level ({@code --ci-level}).
 *
 * <p>The Nadeau–Bengio correction needs n_test/n_train; it is taken from the splits themselves (mean
 * test size / mean train size of the protocol's splits: about 0.25 for 8:2 holdout and for 5-fold CV).
 */
public record CiSpec(CiMethod method, double level) {
    public static final CiSpec DEFAULT = new CiSpec(CiMethod.CORRECTED_T, 0.95);

    public CiSpec {
        if (method == null) throw new IllegalArgumentException("CI method missing");
        if (!(level > 0 && level < 1)) throw new IllegalArgumentException("CI level must be in (0, 1), got " + level);
    }

    /** From CLI flags; bad values are bad input (exit 2). */
    public static CiSpec parse(String method, double level) {
        try {
            return new CiSpec(CiMethod.of(method), level);
        } catch (IllegalArgumentException e) {
            throw new InputException((method == null || !isMethod(method) ? "--ci: " : "--ci-level: ") + e.getMessage());
        }
    }

    private static boolean isMethod(String label) {
        for (CiMethod m : CiMethod.values()) if (m.label().equals(label)) return true;
        return false;
    }

    /**
     * The interval of {@code metric}'s mean over the sample's splits, clipped to the metric's range
     * ([0, 1] for proportions, [0, 2] for Brier, [0, ∞) for log loss): a t-interval's tail beyond a bound
     * (near-perfect scores) carries no information. NaN for an empty sample.
     *
     * @param cell names the table cell, so that its bootstrap seed ({@link Seeds#bootstrap}) is its own,
     *             independent of threads and table order
     */
    public Interval interval(Sample s, Metric metric, String cell, long seed) {
        if (s.n() == 0) return new Interval(Double.NaN, Double.NaN);
        Interval raw = Resampling.interval(method, s.of(metric), s.testTrainRatio(), level,
                Seeds.bootstrap(seed, cell, metric.ordinal()));
        return new Interval(Math.max(metric.min(), raw.low()), Math.min(metric.max(), raw.high()));
    }

    /** "corrected-t 95%" */
    public String label() {
        return method.label() + " " + percent();
    }

    /** The level as a percentage without trailing zeros: "95%", "97.5%". */
    public String percent() {
        return java.math.BigDecimal.valueOf(Math.round(level * 1e6) / 1e4).stripTrailingZeros().toPlainString() + "%";
    }
}
