/**
 * JMH results and their comparison: perf-check rules, history and change points, benchmark inputs. Layer
 * results: uses stats, models, config, data, synth and io.
 */
package org.crystalbench.perf;
