/**
 * report.md's sections and figures (JFreeChart), rendered from the typed rows of results (and audit, perf). Layer
 * report: uses results, stats, engine (audit), config and io; never an operation.
 */
package org.crystalbench.report;
