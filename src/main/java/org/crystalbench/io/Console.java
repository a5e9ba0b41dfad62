package org.crystalbench.io;

import java.io.PrintWriter;

/**
 * Where an operation prints: {@code out} for what scripts read (the path of the main output file),
 * {@code err} for progress, warnings and summaries. Commands pass picocli's streams, so tests capture both.
 */
public record Console(PrintWriter out, PrintWriter err) {}
