package org.crystalbench.cli;

import org.crystalbench.stats.CiSpec;
import picocli.CommandLine.Option;

/** {@code --ci} and {@code --ci-level}, shared by every command that writes intervals (a picocli mixin). */
public final class CiOptions {
    @Option(names = "--ci", paramLabel = "METHOD",
            description = "Confidence intervals: corrected-t (Nadeau–Bengio, default), t (plain) or bootstrap (percentile over splits, seeded).")
    String method = "corrected-t";

    @Option(names = "--ci-level", paramLabel = "LEVEL", description = "Confidence level of intervals and tests (default ${DEFAULT-VALUE}).")
    double level = 0.95;

    /** The settings, checked: bad input before any work starts. */
    CiSpec spec() {
        return CiSpec.parse(method, level);
    }
}
