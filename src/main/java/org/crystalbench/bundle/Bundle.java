package org.crystalbench.bundle;

import java.io.Serializable;
import org.crystalbench.features.FeatureEncoder;
import org.crystalbench.models.Model;

/**
 * A trained model ready to predict: its manifest (schema, classes, provenance), the fitted
 * feature encoder and model, and the conformal calibration (null in bundles without one).
 * {@link BundleFile} reads and writes it as one file.
 */
public record Bundle(Manifest manifest, FeatureEncoder encoder, Model model, Calibration calibration) {

    /**
     * The part stored with Java serialization ({@code model.bin}). A record reads by component name, so a bundle
     * written before {@code calibration} existed reads with it null.
     */
    record Payload(FeatureEncoder encoder, Model model, Calibration calibration) implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}
