package org.crystalbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.crystalbench.grid.MergeOperation;
import org.crystalbench.suite.SuiteFolder;
import org.crystalbench.suite.SuiteMerge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    CiOptions ci;

    @Mixin
    Invocation invocation;

    @Override
    public Integer call() {
        var request = new MergeOperation.Request(dirs, out, ci.spec(), invocation.args());
        return (SuiteFolder.isSuite(dirs.getFirst()) // suite shard folders: merged data set by data set
                ? SuiteMerge.execute(request, invocation.console()).status()
                : MergeOperation.execute(request, invocation.console()).status()).code();
    }
}
