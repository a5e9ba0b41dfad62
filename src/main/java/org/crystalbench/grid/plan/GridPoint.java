package org.crystalbench.grid.plan;

import java.util.Map;
import org.crystalbench.models.ModelSpec;

/**
 * One configuration of one model: the base spec from {@code models} with the gridded keys set.
 *
 * @param model  the model's name
 * @param index  0-based position in the model's grid (config order; {@code point_id} is derived from it)
 * @param params the gridded keys and their values, as the spec holds them (snake_case keys)
 * @param spec   the full spec that is fitted
 * @param hash   first 16 hex digits of SHA-256 over the spec's canonical JSON: the journal key
 */
public record GridPoint(String model, int index, Map<String, Object> params, ModelSpec spec, String hash) {
    public String id() {
        return "%s-%03d".formatted(model, index);
    }
}
