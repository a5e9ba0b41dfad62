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
 * @param numeric      numeric feature columns (standardised)
 * @param categorical  categorical feature columns (one-hot); booleans belong here
 * @param missing      {@code error} (default) or {@code drop-rows}
 * @param featureSets  named subsets of the features; when empty, one set {@code all} holds every feature
 * @param derived      optional columns computed from others (composition descriptors of a formula)
 */
public record DatasetSpec(
        String path,
        String target,
        List<String> idColumns,
        List<String> numeric,
        List<String> categorical,
        MissingPolicy missing,
        Map<String, List<String>> featureSets,
        DerivedSpec derived) {

    public enum MissingPolicy {
        @JsonProperty("error") ERROR,
        @JsonProperty("drop-rows") DROP_ROWS
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
