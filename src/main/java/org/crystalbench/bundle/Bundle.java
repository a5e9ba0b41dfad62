package org.crystalbench.bundle;

import java.io.Serializable;
import org.crystalbench.features.FeatureEncoder;
import org.crystalbench.models.Model;

/**
 * A trained model ready to predict: its manifest (schema, classes, provenance) and the fitted
 * feature encoder and model. {@link BundleFile} reads and writes it as one file.
 */
public record Bundle(Manifest manifest, FeatureEncoder encoder, Model model) {

    /** The part stored with Java serialization ({@code model.bin}). */
    record Payload(FeatureEncoder encoder, Model model) implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}
