/**
 * What produced a result (provenance.json): config hash, data hash, commit, machine, times. Layer results: uses
 * config, evaluation, stats and io.
 */
package org.crystalbench.provenance;
