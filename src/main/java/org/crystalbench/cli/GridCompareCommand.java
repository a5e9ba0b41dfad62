package org.crystalbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.crystalbench.grid.CompareOperation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "grid-compare", mixinStandardHelpOptions = true,
        description = {"Does a race or halving give the exhaustive grid's answer? Per feature set and model: each folder's",
                "selected point and, when they differ, the search's pick against the exhaustive best on every split",
                "(corrected paired t, Holm over the model's points); the share of fits and of summed fit time. See docs/grid.md."},
        footer = {"", "Exit codes: 0 same answer everywhere, 1 some pick significantly worse, 2 bad input."})
public final class GridCompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "EXHAUSTIVE", description = "A finished exhaustive grid folder.")
    Path exhaustive;

    @Parameters(index = "1", paramLabel = "SEARCH", description = {"A finished race or halving folder of the same grid points and data,",
            "or a config of one: its search is then replayed on the exhaustive journal (no fits; to choose race or halving settings)."})
    Path search;

    @Mixin
    CiOptions ci;

    @Mixin
    Invocation invocation;

    @Override
    public Integer call() {
        return CompareOperation.execute(new CompareOperation.Request(exhaustive, search, ci.spec().level()), invocation.console()).status().code();
    }
}
