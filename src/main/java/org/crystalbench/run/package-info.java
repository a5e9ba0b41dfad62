/**
 * The run command as an operation: RunOperation.Request to RunOperation.Outcome, the Runner over every model, feature
 * set and split, and its size check. Layer operations: uses everything below (report for report.md); never cli.
 */
package org.crystalbench.run;
