package org.crystalbench.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The CONFIG argument and {@code --data} option shared by run, grid, audit and train (a picocli mixin). */
public final class ConfigOptions {
    @Parameters(index = "0", paramLabel = "CONFIG", description = "Experiment config (YAML), e.g. my-config.yaml (examples in configs/; README, \"Your own data\").")
    Path file;

    @Option(names = "--data", paramLabel = "FILE", description = "Data CSV; overrides dataset.path of the config.")
    Path data;
}
