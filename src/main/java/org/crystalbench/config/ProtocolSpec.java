package org.crystalbench.config;

/**
 * Config section {@code protocols}: which resampling schemes to run. A missing entry is not run;
 * an empty entry ({@code holdout: {}}) runs with the defaults.
 *
 * @param holdout repeated stratified train/test split
 * @param cv      repeated stratified k-fold cross-validation
 */
public record ProtocolSpec(Holdout holdout, Cv cv) {
    /** @param repeats default 30; @param testRatio share of each class in the test part, default 0.2 */
    public record Holdout(Integer repeats, Double testRatio) {
        public Holdout {
            repeats = repeats == null ? 30 : repeats;
            testRatio = testRatio == null ? 0.2 : testRatio;
            if (repeats < 1) throw new IllegalArgumentException("holdout.repeats must be >= 1");
            if (!(testRatio > 0 && testRatio < 1)) throw new IllegalArgumentException("holdout.test_ratio must be in (0, 1)");
        }
    }

    /** @param repeats default 10; @param folds default 5 */
    public record Cv(Integer repeats, Integer folds) {
        public Cv {
            repeats = repeats == null ? 10 : repeats;
            folds = folds == null ? 5 : folds;
            if (repeats < 1) throw new IllegalArgumentException("cv.repeats must be >= 1");
            if (folds < 2) throw new IllegalArgumentException("cv.folds must be >= 2");
        }
    }
}
