package org.crystalbench.cli;

import org.crystalbench.ExitCode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.synth.SyntheticData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Writes synthetic rows with the Li-ion silicate schema (crystal system as the target).",
                "The crystal system is consistent with the space group, as in the real data; for tests, demos",
                "and measuring how cost grows with rows. --systems 7 draws all seven crystal systems,",
                "--systems 2 a binary target."})
public final class SynthCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--rows", paramLabel = "N", converter = Numbers.Positive.class, defaultValue = "339", description = "Rows (default ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--systems", paramLabel = "K", defaultValue = "3",
            description = "Crystal systems, 2 to 7, in the order triclinic, monoclinic, orthorhombic, tetragonal, trigonal,"
                    + " hexagonal, cubic (default ${DEFAULT-VALUE}: the first three, in the public file's shares).")
    int systems;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "CSV file to write.")
    Path out;

    @Override
    public Integer call() {
        if (systems < 2 || systems > 7) throw new org.crystalbench.InputException("--systems: " + systems + " (2 to 7)");
        if (rows < systems) throw new org.crystalbench.InputException("--rows: " + rows + " (at least " + systems + ", one per class)");
        AtomicFiles.write(out, stream -> {
            var writer = new java.io.OutputStreamWriter(stream, java.nio.charset.StandardCharsets.UTF_8);
            SyntheticData.write(writer, rows, seed, systems); // row by row: a million rows in little memory
            writer.flush();
        });
        spec.commandLine().getErr().printf("crystal-bench synth: %d rows -> %s%n", rows, out);
        return ExitCode.OK.code();
    }
}
