package org.crystalbench.splits;

/**
 * Every seed crystal-bench derives, from one config seed, in one place. Each use has a named stream;
 * a seed is {@link #mix}(base, stream, index), the same on every JDK, thread count and run size.
 *
 * <p>Two bases: splits and sampling draw from the config seed itself; fits draw from the config seed
 * mixed with the model's name, so adding a model changes no other model's fits. Stream numbers are
 * unique within a base (the numbers are kept from earlier versions so that results stay comparable).
 * A fit's seed depends on (config seed, model name, split) only: every grid point of a model sees the
 * same seed on a split (common random numbers, which sharpens paired comparisons), and {@code run} and
 * {@code grid} fit the same spec on the same split identically.
 */
public final class Seeds {
    private Seeds() {}

    /** The named streams and their numbers. */
    public enum Stream {
        /** Repeat r of the repeated stratified holdout (base: config seed). */
        HOLDOUT_SPLITS(1),
        /** Repeat r of the repeated stratified k-fold CV (base: config seed). */
        CV_SPLITS(2),
        /** The nested grid's outer k-fold (base: config seed; its repeats then as CV_SPLITS). */
        NESTED_OUTER_SPLITS(3),
        /** The inner k-fold of one outer split's training rows (base: config seed; index: the outer split). */
        NESTED_INNER_SPLITS(4),
        /** Repeat r of the repeated grouped holdout (base: config seed). */
        GROUPED_HOLDOUT_SPLITS(5),
        /** Repeat r of the repeated grouped k-fold CV (base: config seed). */
        GROUPED_CV_SPLITS(6),
        /** The calibration part of one split's training rows, for conformal prediction sets (base: config seed; index: the split). */
        CONFORMAL_CALIBRATION(7),
        /** The out-of-fold calibration folds of {@code train}, for the bundle's conformal sets (base: config seed). */
        BUNDLE_CALIBRATION_FOLDS(8),
        /** A fit on a holdout split (base: config seed and model). */
        FIT_HOLDOUT(1),
        /** A fit on a CV split (base: config seed and model). */
        FIT_CV(2),
        /** A fit on every row, for {@code train} (base: config seed and model). */
        TRAIN_ALL(3),
        /** A fit on a nested outer split (base: config seed and model). */
        FIT_OUTER(6),
        /** A fit on a nested inner split (base: config seed and model; index: outer and inner split). */
        FIT_INNER(7),
        /** A fit on a grouped holdout split (base: config seed and model). */
        FIT_GROUPED_HOLDOUT(8),
        /** A fit on a grouped CV split (base: config seed and model). */
        FIT_GROUPED_CV(9),
        /** A fit on the ordered holdout split (base: config seed and model). */
        FIT_ORDERED(10),
        /** A fit on a split's proper training rows (its training rows less the calibration part), for conformal sets. */
        FIT_CONFORMAL(11),
        /** A fit on the other folds of one calibration fold of {@code train} (base: config seed and model; index: the fold). */
        FIT_BUNDLE_CALIBRATION(12),
        /** The percentile bootstrap of one table cell (base: config seed ^ 0x5EEDB007; stream: the cell's name). */
        BOOTSTRAP(-1),
        /** The i-th sampled grid point of a model (base: config seed; stream: "grid:" + model). */
        GRID_SAMPLE(-1),
        /** Tree t of an ensemble fit (base: the fit's seed; index: the tree). */
        TREE(1),
        /** The Platt-scaling folds of binary SVM machine m (base: the fit's seed; index: the machine). */
        PLATT_FOLDS(2),
        /** The chance baseline's draw for one row (base: the fit's seed; index: a hash of the row's features). */
        CHANCE_ROW(3),
        /** Repeat r of the permutation of one feature on one split, for permutation importance
         *  (base: config seed ^ 0x1A9047A7; stream: "importance:" + feature; the same for every model). */
        PERMUTATION(-1);

        final long number;

        Stream(long number) {
            this.number = number;
        }
    }

    /** Seed of repeat {@code repeat} of a protocol's splits; {@code outer} names the outer split of INNER splits. */
    public static long splitRepeat(long seed, Protocol protocol, SplitId outer, int repeat) {
        return switch (protocol) {
            case HOLDOUT -> mix(seed, Stream.HOLDOUT_SPLITS.number, repeat);
            case CV -> mix(seed, Stream.CV_SPLITS.number, repeat);
            case OUTER -> mix(mix(seed, Stream.NESTED_OUTER_SPLITS.number, 0), Stream.CV_SPLITS.number, repeat);
            case INNER -> mix(mix(seed, Stream.NESTED_INNER_SPLITS.number, outer.index()), Stream.CV_SPLITS.number, repeat);
            case GROUPED_HOLDOUT -> mix(seed, Stream.GROUPED_HOLDOUT_SPLITS.number, repeat);
            case GROUPED_CV -> mix(seed, Stream.GROUPED_CV_SPLITS.number, repeat);
            case ORDERED -> 0L; // no randomness: the column's order decides
        };
    }

    /** Seed of a model's fit on a split. */
    public static long fit(long seed, String model, SplitId split) {
        long base = seed ^ stream(model);
        return switch (split.protocol()) {
            case HOLDOUT -> mix(base, Stream.FIT_HOLDOUT.number, split.index());
            case CV -> mix(base, Stream.FIT_CV.number, split.index());
            case OUTER -> mix(base, Stream.FIT_OUTER.number, split.index());
            case INNER -> mix(base, Stream.FIT_INNER.number, split.outerId().index() * 1_000_000L + split.index());
            case GROUPED_HOLDOUT -> mix(base, Stream.FIT_GROUPED_HOLDOUT.number, split.index());
            case GROUPED_CV -> mix(base, Stream.FIT_GROUPED_CV.number, split.index());
            case ORDERED -> mix(base, Stream.FIT_ORDERED.number, split.index());
        };
    }

    /** Seed of the calibration part of {@code split}'s training rows (conformal prediction sets). */
    public static long conformalCalibration(long seed, SplitId split) {
        return mix(seed, Stream.CONFORMAL_CALIBRATION.number, split.protocol().ordinal() * 1_000_003L + split.index());
    }

    /** Seed of a model's fit on the proper training rows of {@code split} (without its calibration part). */
    public static long conformalFit(long seed, String model, SplitId split) {
        return mix(seed ^ stream(model), Stream.FIT_CONFORMAL.number, split.protocol().ordinal() * 1_000_003L + split.index());
    }

    /** Seed of {@code train}'s calibration folds (out-of-fold scores for the bundle's conformal sets). */
    public static long bundleCalibrationFolds(long seed) {
        return mix(seed, Stream.BUNDLE_CALIBRATION_FOLDS.number, 0);
    }

    /** Seed of a model's fit on the rows outside calibration fold {@code fold} of {@code train}. */
    public static long bundleCalibrationFit(long seed, String model, int fold) {
        return mix(seed ^ stream(model), Stream.FIT_BUNDLE_CALIBRATION.number, fold);
    }

    /** Seed of a model's fit on every row ({@code train}). */
    public static long trainAll(long seed, String model) {
        return mix(seed ^ stream(model), Stream.TRAIN_ALL.number, 0);
    }

    /** A table cell's name for {@link #bootstrap}: its parts joined by NUL, which no label contains. */
    public static String cell(Object... parts) {
        return java.util.Arrays.stream(parts).map(String::valueOf).collect(java.util.stream.Collectors.joining("\u0000"));
    }

    /** Seed of the bootstrap interval of one table cell (named by {@link #cell}) and metric. */
    public static long bootstrap(long seed, String cell, int metric) {
        return mix(seed ^ 0x5EED_B007L, stream(cell), metric);
    }

    /** Seed of the {@code i}-th sampled point of a model's grid. */
    public static long gridSample(long seed, String model, int i) {
        return mix(seed, stream("grid:" + model), i);
    }

    /** Seed of tree {@code t} of an ensemble fitted with seed {@code fitSeed}. */
    public static long tree(long fitSeed, int t) {
        return mix(fitSeed, Stream.TREE.number, t);
    }

    /** Seed of the internal Platt-scaling CV folds of binary machine {@code machine} of an SVM fitted with seed {@code fitSeed}. */
    public static long plattFolds(long fitSeed, int machine) {
        return mix(fitSeed, Stream.PLATT_FOLDS.number, machine);
    }

    /** Seed of the chance baseline's label for a row whose features hash to {@code rowHash}, under fit seed {@code fitSeed}. */
    public static long chanceRow(long fitSeed, long rowHash) {
        return mix(fitSeed, Stream.CHANCE_ROW.number, rowHash);
    }

    /**
     * Seed of repeat {@code repeat} of permuting {@code feature} on {@code split}: the same permutation for
     * every model (common random numbers), so importances of two models differ by the models only.
     */
    public static long permutation(long seed, String feature, SplitId split, int repeat) {
        long base = mix(seed ^ 0x1A90_47A7L, stream("importance:" + feature), split.protocol().ordinal() * 1_000_003L + split.index());
        return mix(base, repeat, 0);
    }

    /** A seed for (base seed, stream, index), SplitMix64 finalizer over a golden-ratio step. */
    public static long mix(long seed, long stream, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (stream * 1_000_003L + index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A stable stream id for a name (String.hashCode is specified, so this is stable too). */
    static long stream(String name) {
        return name.hashCode() & 0xffffffffL;
    }
}
