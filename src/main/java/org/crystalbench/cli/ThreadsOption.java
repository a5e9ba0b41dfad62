package org.crystalbench.cli;

import picocli.CommandLine.Option;

/** {@code --threads}, the one definition (a picocli mixin): a whole number of at least 1, checked as it is parsed. */
public final class ThreadsOption {
    @Option(names = "--threads", paramLabel = "N", converter = Numbers.Positive.class,
            description = "Parallel workers (default: all cores, ${DEFAULT-VALUE} here); the results do not depend on N.")
    int threads = Runtime.getRuntime().availableProcessors();
}
