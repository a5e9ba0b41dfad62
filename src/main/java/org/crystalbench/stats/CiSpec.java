package org.crystalbench.stats;

import org.crystalbench.InputException;
import org.crystalbench.Seeds;
import org.crystalbench.metrics.Metric;

/**
 * How a run states its uncertainty: the interval method ({@code --ci}) and level ({@code --ci-level}).
 *
 * <p>The Nadeau–Bengio correction needs n_test/n_train; it is taken from the splits themselves (mean
 * test size / mean train size of the protocol's splits: about 0.25 for 8:2 holdout and for 5-fold CV).
 */
public record CiSpec(CiMethod method, double level) {
    public static final CiSpec DEFAULT = new CiSpec(CiMethod.CORRECTED_T, 0.95);

    /** Bootstrap resamples per interval: enough for stable 2.5% / 97.5% percentiles. */
    public static final int BOOTSTRAP_RESAMPLES = 2000;

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
     * The interval of {@code metric}'s mean over the summary's splits, clipped to [0, 1]: every metric
     * is a proportion, so a t-interval's tail beyond 1 (near-perfect scores) carries no information.
     */
    public Interval interval(Summary s, Metric metric, long seed) {
        Interval raw = Resampling.interval(method, s.values().get(metric), testTrainRatio(s), level,
                bootstrapSeed(seed, s.featureSet(), s.protocol(), s.model(), metric));
        return new Interval(Math.max(0, raw.low()), Math.min(1, raw.high()));
    }

    /** n_test / n_train of the summary's splits (their means), for the Nadeau–Bengio correction. */
    public static double testTrainRatio(Summary s) {
        return s.meanTrainSize() > 0 ? s.meanTestSize() / s.meanTrainSize() : 0;
    }

    /**
     * The bootstrap's seed for one cell: the run seed mixed with (feature set, protocol, model,
     * metric), so each interval is reproducible on its own and independent of threads and table order.
     */
    public static long bootstrapSeed(long seed, String featureSet, String protocol, String model, Metric metric) {
        long cell = Seeds.stream(featureSet + '\u0000' + protocol + '\u0000' + model);
        return Seeds.mix(seed ^ 0x5EED_B007L, cell, metric.ordinal());
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
