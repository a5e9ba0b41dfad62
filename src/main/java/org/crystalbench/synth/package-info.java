/**
 * Synthetic rows with the real schema, for tests, demos, benchmarks and scaling. Layer data: uses io.
 */
package org.crystalbench.synth;
