/**
 * The leakage audit: how well each feature alone predicts the target on the config's splits, and split leakage
 * (duplicates, shared groups); its rows and CSV tables (report.AuditMarkdown renders it). Layer engine: uses
 * evaluation (the splits), config, data and io.
 */
package org.crystalbench.audit;
