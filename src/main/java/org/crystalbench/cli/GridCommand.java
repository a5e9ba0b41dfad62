package org.crystalbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.crystalbench.InputException;
import org.crystalbench.grid.GridOperation;
import org.crystalbench.suite.SuiteOperation;
import org.crystalbench.suite.SuitePlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "grid", mixinStandardHelpOptions = true,
        description = {"Resumable, shardable grid search over the config's grid section.",
                "Every grid point of every model is scored on the same repeated stratified cv splits, journalled unit by unit",
                "(grid.search: exhaustive, or race / halving to stop bad points early). Running the same command",
                "again on the same --out resumes. Writes journal.jsonl, grid.csv, grid.md,",
                "grid-manifest.csv (and nested.csv). See docs/grid.md."},
        footer = {"", "Examples:", "  crystal-bench grid my-grid.yaml --out results/grids/mine",
                "  crystal-bench train --from-grid results/grids/mine --out bundles   (the best point of each model)",
                "", "Exit codes: 0 complete, 1 complete with failed or timed-out fits,",
                "2 bad input (also: a changed config or data for an existing journal),",
                "3 internal error, 4 incomplete (--max-time reached; resumable).",
                "A shard of a race or halving whose part of the current stage is done exits 0 and says so;",
                "merge exits 6 while the search has a next stage (run the shards again with --merged)."})
public final class GridCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions input;

    @Mixin
    JournalOptions journal;

    @Option(names = "--merged", paramLabel = "DIR", description = {"A merge folder of this grid's shards: its results count as known, so a",
            "race or halving shard goes on to the search's next stage (docs/grid.md, \"Races on shards\")."})
    Path merged;

    @Mixin
    Invocation invocation;

    @Override
    public Integer call() {
        if (SuitePlan.isSuite(input.file)) { // a suite config: --data is its data folder (scripts/grid-slurm.sh)
            if (merged != null) throw new InputException("--merged: not for a suite (its grids are exhaustive)");
            return SuiteOperation.execute(journal.suite(input.file, input.data, invocation.args()), invocation.console()).status().code();
        }
        var request = journal.grid(input.file, input.data, merged, invocation.args());
        return GridOperation.execute(request, GridOperation::fits, invocation.console()).status().code();
    }
}
