package org.crystalbench.cli;

import org.crystalbench.ExitCode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.synth.SyntheticData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Writes synthetic rows with the Li-ion silicate schema.",
                "The crystal system is consistent with the space group, as in the real data; for tests, demos",
                "and measuring how cost grows with rows."})
public final class SynthCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "339", description = "Rows (default ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "CSV file to write.")
    Path out;

    @Override
    public Integer call() {
        if (rows < 3) throw new org.crystalbench.InputException("--rows: " + rows + " (at least 3, one per class)");
        AtomicFiles.write(out, SyntheticData.csv(rows, seed));
        spec.commandLine().getErr().printf("crystal-bench synth: %d rows -> %s%n", rows, out);
        return ExitCode.OK.code();
    }
}
