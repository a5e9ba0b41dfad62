package org.crystalbench.cli;

import org.crystalbench.ExitCode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.crystalbench.InputException;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.synth.GenericData;
import org.crystalbench.synth.SyntheticData;
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
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

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

    @Override
    public Integer call() {
        if (generic) return generic();
        for (var o : new Object[][] {{"--classes", classes}, {"--numeric", numeric}, {"--categorical", categorical},
                {"--levels", levels}, {"--missing", missing}}) {
            if (o[1] != null) throw new InputException(o[0] + ": only with --generic (Li-ion rows have a fixed schema)");
        }
        int k = systems == null ? 3 : systems;
        if (k < 2 || k > 7) throw new InputException("--systems: " + k + " (2 to 7)");
        if (rows < k) throw new InputException("--rows: " + rows + " (at least " + k + ", one per class)");
        AtomicFiles.write(out, stream -> {
            var writer = new java.io.OutputStreamWriter(stream, java.nio.charset.StandardCharsets.UTF_8);
            SyntheticData.write(writer, rows, seed, k); // row by row: a million rows in little memory
            writer.flush();
        });
        spec.commandLine().getErr().printf("crystal-bench synth: %d rows -> %s%n", rows, out);
        return ExitCode.OK.code();
    }

    private int generic() {
        if (systems != null) throw new InputException("--systems: not with --generic (use --classes)");
        GenericData g;
        try {
            g = new GenericData(rows, classes == null ? 3 : classes, numeric == null ? 6 : numeric, categorical == null ? 2 : categorical,
                    levels == null ? 4 : levels, missing == null ? 0 : missing, seed);
        } catch (IllegalArgumentException e) {
            throw new InputException("--" + e.getMessage());
        }
        AtomicFiles.write(out, stream -> {
            var writer = new java.io.OutputStreamWriter(stream, java.nio.charset.StandardCharsets.UTF_8);
            g.write(writer);
            writer.flush();
        });
        spec.commandLine().getErr().printf("crystal-bench synth: %d rows, %d classes, %d numeric and %d categorical columns%s -> %s%n",
                rows, g.classes(), g.numeric(), g.categorical(), g.missing() > 0 ? ", " + g.missing() + " of feature cells missing" : "", out);
        return ExitCode.OK.code();
    }
}
