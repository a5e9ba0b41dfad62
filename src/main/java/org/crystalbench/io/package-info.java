/**
 * Neutral I/O with no knowledge of experiments: atomic writes, staged folders, CSV and strict UTF-8 reading, the JSON
 * mapper and canonical JSON, hashing, durations, console, progress and the worker pool. Layer io: uses only the
 * root package (InputException).
 */
package org.crystalbench.io;
