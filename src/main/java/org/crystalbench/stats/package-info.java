/**
 * Statistics as pure functions over samples: intervals (CiSpec), paired and corrected t tests, Holm, "best" and
 * "significantly worse" (Ranking), resampling, multi-data-set tests and change points. Layer stats: uses only
 * metrics and splits, never run-level types.
 */
package org.crystalbench.stats;
