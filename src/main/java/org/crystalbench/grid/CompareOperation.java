package org.crystalbench.grid;

import java.nio.file.Path;
import org.crystalbench.ExitCode;
import org.crystalbench.grid.results.SearchComparison;
import org.crystalbench.io.Console;
import org.crystalbench.report.GridPage;

/** {@code crystal-bench grid-compare}: does a race or halving give the exhaustive grid's answer? The table on standard output. */
public final class CompareOperation {
    private CompareOperation() {}

    /** @param search a finished race or halving folder, or a config of one (replayed on the exhaustive journal) */
    public record Request(Path exhaustive, Path search, double level) {}

    /** {@code status}: OK with the same answer everywhere, FAILURES when some pick is significantly worse. */
    public record Outcome(SearchComparison result, ExitCode status) {}

    public static Outcome execute(Request r, Console console) {
        SearchComparison result = SearchCheck.compare(r.exhaustive(), r.search(), r.level());
        console.out().print(GridPage.compare(result));
        return new Outcome(result, result.same() == result.rows().size() ? ExitCode.OK : ExitCode.FAILURES);
    }
}
