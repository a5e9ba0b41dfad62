package org.crystalbench.results;

import java.util.List;
import org.crystalbench.audit.AuditReport;
import org.crystalbench.provenance.Provenance;
import org.crystalbench.evaluation.Experiment;
import org.crystalbench.stats.CiSpec;

import org.crystalbench.results.Comparison;
import org.crystalbench.results.Summary;

/**
 * The statistics a run's tables carry besides means: interval settings, paired comparisons with
 * the best model, the leakage audit and the provenance record.
 *
 * @param seed the run's seed, from which every bootstrap seed is derived
 */
public record RunStats(CiSpec ci, long seed, List<Comparison> comparisons, AuditReport audit, Provenance provenance) {

    /** Comparisons and audit computed here: for callers that did not need the audit before the fits. */
    public static RunStats of(Experiment exp, List<Summary> summaries, CiSpec ci, Provenance provenance) {
        return new RunStats(ci, exp.config().seed(), Comparison.of(summaries, ci.level()), AuditReport.of(exp), provenance);
    }
}
