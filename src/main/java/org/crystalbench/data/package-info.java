/**
 * Rows from a CSV as the config describes them: loading, input checks, derived columns. Layer data: uses io,
 * chemistry and config.
 */
package org.crystalbench.data;
