package org.crystalbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.crystalbench.grid.GridMerge;
import org.crystalbench.io.Console;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merges grid shard folders into one grid's tables.",
                "For folders of the same config and data: removes duplicates, checks completeness against the grid",
                "manifest (naming what is missing), and writes the tables a",
                "single-machine run writes."},
        footer = {"", "Exit codes: 0 complete, 1 complete with failed or timed-out fits,",
                "2 bad input (e.g. folders of different grids), 3 internal error,",
                "4 incomplete (units missing; all listed in missing.csv),",
                "6 a race or halving has a next stage (listed in missing.csv): run the shards again",
                "with --merged OUT, then merge again."})
public final class MergeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Grid output folders.")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the merged journal and tables.")
    Path out;

    @picocli.CommandLine.Mixin
    CiOptions ci;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (org.crystalbench.suite.SuiteMerge.isSuite(dirs.getFirst())) { // suite shard folders: merged data set by data set
            return org.crystalbench.suite.SuiteMerge.execute(dirs, out, ci.spec(), spec.commandLine().getParseResult().originalArgs(),
                    new Console(spec.commandLine().getOut(), spec.commandLine().getErr()));
        }
        return GridMerge.execute(dirs, out, ci.spec(), spec.commandLine().getParseResult().originalArgs(),
                new Console(spec.commandLine().getOut(), spec.commandLine().getErr())).exitCode();
    }
}
