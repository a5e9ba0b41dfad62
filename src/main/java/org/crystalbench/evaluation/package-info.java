/**
 * The evaluation engine: an Experiment (config + data + splits), the one fit-and-score path (FitPath), conformal
 * evaluation and permutation importance. Layer engine: uses io, the values, config, data and features.
 */
package org.crystalbench.evaluation;
