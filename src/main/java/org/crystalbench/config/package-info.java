/**
 * Experiment configs: the YAML loader (file:line:key errors) and the typed records it yields (dataset, protocols,
 * models, grid, reference). Layer config: uses io and the values (models, splits, chemistry).
 */
package org.crystalbench.config;
