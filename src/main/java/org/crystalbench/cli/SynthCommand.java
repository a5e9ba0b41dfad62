package org.crystalbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.crystalbench.operations.SynthOperation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Writes a synthetic data set: Li-ion silicate rows (the default), or with --generic a generic table.",
                "Li-ion rows: crystal system as the target, consistent with the space group as in the real data;",
                "--systems 7 draws all seven crystal systems, --systems 2 a binary target.",
                "--generic: columns id, x1..xN (numeric), cat1..catC (categorical, levels L1..), class (class-1..class-K),",
                "unequal class shares; odd-numbered x columns depend on the class, even-numbered ones are noise;",
                "--missing P leaves that share of feature cells missing (empty or NA). Same seed, same file."},
        footer = {"", "Examples:", "  crystal-bench synth --out li-ion.csv",
                "  crystal-bench synth --generic --rows 1000 --classes 5 --numeric 8 --categorical 3 --missing 0.05 --out my-data.csv"})
public final class SynthCommand implements Callable<Integer> {
    @Option(names = "--rows", paramLabel = "N", converter = Numbers.Positive.class, defaultValue = "339", description = "Rows (default ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--systems", paramLabel = "K",
            description = "Li-ion rows: crystal systems, 2 to 7, in the order triclinic, monoclinic, orthorhombic, tetragonal, trigonal,"
                    + " hexagonal, cubic (default 3: the first three, in the public file's shares).")
    Integer systems;

    @Option(names = "--generic", description = "Write a generic table (id, x1.., cat1.., class) instead of Li-ion rows.")
    boolean generic;

    @Option(names = "--classes", paramLabel = "K", description = "--generic: classes, 2 to 50 (default 3).")
    Integer classes;

    @Option(names = "--numeric", paramLabel = "N", description = "--generic: numeric columns, 0 to 1000 (default 6).")
    Integer numeric;

    @Option(names = "--categorical", paramLabel = "N", description = "--generic: categorical columns, 0 to 1000 (default 2).")
    Integer categorical;

    @Option(names = "--levels", paramLabel = "N", description = "--generic: categories per categorical column, 2 to 100 (default 4).")
    Integer levels;

    @Option(names = "--missing", paramLabel = "P", description = "--generic: share of feature cells left missing, 0 to below 1 "
            + "(default 0); half written empty, half as NA.")
    Double missing;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "CSV file to write.")
    Path out;

    @picocli.CommandLine.Mixin
    Invocation invocation;

    @Override
    public Integer call() {
        var request = new SynthOperation.Request(rows, seed, systems, generic, classes, numeric, categorical, levels, missing, out);
        return SynthOperation.execute(request, invocation.console()).status().code();
    }
}
