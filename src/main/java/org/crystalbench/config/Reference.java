package org.crystalbench.config;

import java.util.Map;
import org.crystalbench.splits.Protocol;

/**
 * Config section {@code reference}: a published result to set beside ours.
 *
 * @param source     citation text
 * @param featureSet the feature set that matches the publication's features
 * @param protocol   the protocol that matches its evaluation ({@code holdout} or {@code cv})
 * @param models     per model name: the reported macro precision, recall and F1
 */
public record Reference(String source, String featureSet, Protocol protocol, Map<String, Scores> models) {
    public record Scores(double precision, double recall, double f1) {}

    public Reference {
        models = models == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(models));
    }
}
