package org.crystalbench.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Config section {@code dataset}: which columns of the CSV play which part.
 *
 * @param path         the CSV file; {@code --data} overrides it
 * @param target       the class column
 * @param idColumns    identifier columns: carried through to predictions, never used as features
 * @param numeric      numeric feature columns (standardised); {@code auto}: see {@link Columns}
 * @param categorical  categorical feature columns (one-hot); booleans belong here; {@code auto}: see {@link Columns}
 * @param missing      {@code error} (default), {@code drop-rows} (a feature set leaves out the rows missing one
 *                     of its columns) or {@code impute} (fitted inside each training set; see FeatureEncoder)
 * @param featureSets  named subsets of the features; when empty, one set {@code all} holds every feature
 * @param derived      optional columns computed from others (composition descriptors of a formula)
 */
public record DatasetSpec(
        String path,
        String target,
        List<String> idColumns,
        @com.fasterxml.jackson.annotation.JsonFormat(with = com.fasterxml.jackson.annotation.JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> numeric,
        @com.fasterxml.jackson.annotation.JsonFormat(with = com.fasterxml.jackson.annotation.JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> categorical,
        MissingPolicy missing,
        Map<String, List<String>> featureSets,
        DerivedSpec derived) {

    /** Cells that mean "missing" (compared after trimming, case-insensitively); README lists them. */
    public static final java.util.Set<String> MISSING_TOKENS = java.util.Set.of("", "na", "n/a", "nan", "null", "?", "missing");

    public enum MissingPolicy {
        @JsonProperty("error") ERROR,
        @JsonProperty("drop-rows") DROP_ROWS,
        @JsonProperty("impute") IMPUTE
    }

    public DatasetSpec {
        idColumns = idColumns == null ? List.of() : List.copyOf(idColumns);
        numeric = numeric == null ? List.of() : List.copyOf(numeric);
        categorical = categorical == null ? List.of() : List.copyOf(categorical);
        missing = missing == null ? MissingPolicy.ERROR : missing;
        featureSets = featureSets == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(featureSets));
    }

    /** The section without derived columns (for callers that have none). */
    public DatasetSpec(String path, String target, List<String> idColumns, List<String> numeric, List<String> categorical,
                       MissingPolicy missing, Map<String, List<String>> featureSets) {
        this(path, target, idColumns, numeric, categorical, missing, featureSets, null);
    }

    /** Every feature column, numeric first, in config order, then each derived descriptor once (groups as one name). */
    public List<String> allFeatures() {
        var all = new java.util.ArrayList<>(numeric);
        all.addAll(categorical);
        if (composition() != null) all.addAll(composition().allFeatures());
        return List.copyOf(all);
    }

    /** The composition section of {@code derived}, or null. */
    public DerivedSpec.Composition composition() {
        return derived == null ? null : derived.composition();
    }
}
