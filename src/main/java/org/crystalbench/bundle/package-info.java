/**
 * Train-once model bundles: fitting on all rows (Trainer), the bundle file and manifest, and prediction from a
 * bundle. Layer engine: uses evaluation, features, models, config, data and io.
 */
package org.crystalbench.bundle;
