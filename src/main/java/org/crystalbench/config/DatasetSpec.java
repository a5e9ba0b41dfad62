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
 */
public record DatasetSpec(
        String path,
        String target,
        List<String> idColumns,
        List<String> numeric,
        List<String> categorical,
        MissingPolicy missing,
        Map<String, List<String>> featureSets) {

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

    /** Every feature column, numeric first, in config order. */
    public List<String> allFeatures() {
        var all = new java.util.ArrayList<>(numeric);
        all.addAll(categorical);
        return List.copyOf(all);
    }
}
