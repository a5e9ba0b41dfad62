/**
 * A grid folder's record of finished work: journal.jsonl (appending, reading, repairing, de-duplicating,
 * rewriting a merge's union), grid-meta.json and the folder lock. Layer engine: uses grid.plan (unit keys) and io.
 */
package org.crystalbench.grid.journal;
