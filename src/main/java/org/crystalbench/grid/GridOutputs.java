package org.crystalbench.grid;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.crystalbench.grid.journal.JournalEntry;
import org.crystalbench.grid.plan.GridPlan;
import org.crystalbench.grid.search.Evidence;
import org.crystalbench.grid.search.Search;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.grid.results.GridTables;
import org.crystalbench.results.GridTable;
import org.crystalbench.results.NestedTable;
import org.crystalbench.stats.CiSpec;

/** A grid folder's tables, computed by {@link GridTables} and rendered by {@code report.GridPage}. */
final class GridOutputs {
    private GridOutputs() {}

    /**
     * Writes grid.csv, grid.md and (with nested CV) nested.csv from the entries.
     *
     * @return the fit warnings listed in grid.md, for the command to print
     */
    static List<String> writeAll(Path dir, GridPlan plan, GridTables.Scope scope, Map<String, JournalEntry> entries, CiSpec ci,
                                 Search.State search) {
        GridTables.Stats st = new GridTables.Stats(ci, plan.config().seed());
        List<Evidence> stats = Evidence.cv(plan, entries);
        List<GridTables.NestedResult> nested = GridTables.nested(plan, entries);
        GridTable.write(dir, GridTables.gridRows(stats, st, search));
        if (plan.config().grid().nested() != null) NestedTable.write(dir, GridTables.nestedRows(nested, st));
        List<String> warnings = GridTables.fitWarnings(plan, scope, entries);
        AtomicFiles.write(dir.resolve("grid.md"), org.crystalbench.report.GridPage.markdown(dir, plan, scope, entries, stats, nested, st, search, warnings));
        return warnings;
    }
}
