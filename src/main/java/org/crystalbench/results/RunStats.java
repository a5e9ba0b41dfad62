package org.crystalbench.results;

import java.util.List;
import org.crystalbench.audit.AuditReport;
import org.crystalbench.provenance.Provenance;
import org.crystalbench.stats.CiSpec;

/**
 * The statistics a run's tables carry besides means: interval settings, paired comparisons with
 * the best model, the leakage audit and the provenance record.
 *
 * @param seed the run's seed, from which every bootstrap seed is derived
 */
public record RunStats(CiSpec ci, long seed, List<Comparison> comparisons, AuditReport audit, Provenance provenance) {}
