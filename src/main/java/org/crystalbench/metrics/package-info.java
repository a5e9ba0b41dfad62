/**
 * Per-split scores as pure functions: confusion-based metrics (both macro F1s), probability scores and
 * conformal sets. Layer values: uses nothing of the project.
 */
package org.crystalbench.metrics;
