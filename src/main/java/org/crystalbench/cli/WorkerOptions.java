package org.crystalbench.cli;

import org.crystalbench.InputException;
import picocli.CommandLine.Option;

/** {@code --threads} and {@code --quiet}, shared by the commands that fit models in parallel (a picocli mixin). */
public final class WorkerOptions {
    @Option(names = "--threads", paramLabel = "N", converter = Numbers.Positive.class, description = "Parallel fits (default: all cores, ${DEFAULT-VALUE} here).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    /** The thread count, checked: bad input before any work starts. */
    int threads() {
        if (threads < 1) throw new InputException("--threads: " + threads + " (must be >= 1)");
        return threads;
    }
}
