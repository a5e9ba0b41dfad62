/**
 * Train-only encodings: standardise, one-hot and missing indicators (FeatureEncoder) and out-of-fold neighbour
 * shares. Layer data: uses config and data.
 */
package org.crystalbench.features;
