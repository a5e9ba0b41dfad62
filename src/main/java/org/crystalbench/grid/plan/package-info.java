/**
 * A grid made concrete from its config alone: feature sets, grid points, split ids, work units, the size
 * check and shards. Layer engine: uses config, splits, models, data and evaluation (the row partitions); no other grid part.
 */
package org.crystalbench.grid.plan;
