package org.crystalbench.audit;

/**
 * What one feature alone says about the target, on one protocol's splits. Fields that do not apply
 * to the kind are null: categorical features have categories, entropy, pure share and lookup
 * accuracy; numeric features have the best single-feature accuracy.
 *
 * @param categories             distinct values on all rows
 * @param conditionalEntropyBits H(target | feature) on all rows, in bits (plug-in estimate)
 * @param pureShare              share of rows whose value occurs with one class only (all rows)
 * @param lookupAccuracy         mean test accuracy over the splits of a value -> class table fitted on train
 * @param bestSingleAccuracy     mean test accuracy over the splits of the best interval partition fitted on train
 */
public record FeatureAudit(org.crystalbench.splits.Protocol protocol, String feature, Kind kind, Integer categories,
                           Double conditionalEntropyBits, Double pureShare, Double lookupAccuracy,
                           Double bestSingleAccuracy, boolean flagged) {

    public enum Kind {
        CATEGORICAL, NUMERIC;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The out-of-sample single-feature accuracy, whichever kind. */
    public double testAccuracy() {
        return kind == Kind.CATEGORICAL ? lookupAccuracy : bestSingleAccuracy;
    }
}
