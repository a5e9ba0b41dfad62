package org.crystalbench.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --threads} and {@code --quiet}, shared by the commands that fit models in parallel (a picocli mixin). */
public final class WorkerOptions {
    @Mixin
    ThreadsOption threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    int threads() {
        return threads.threads;
    }
}
