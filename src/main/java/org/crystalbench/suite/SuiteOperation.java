package org.crystalbench.suite;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.crystalbench.ExitCode;
import org.crystalbench.InputException;
import org.crystalbench.grid.GridOperation;
import org.crystalbench.grid.plan.Shard;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Console;
import org.crystalbench.io.OutputPaths;
import org.crystalbench.io.Parallel;
import org.crystalbench.stats.CiSpec;

/**
 * {@code crystal-bench suite}: every data set of a suite config run as one grid (each model's spec, one point) in
 * its own sub-folder, through {@link GridOperation} (so journal, resume, shards, time limits and merge are the grid's),
 * then the across-data-set comparison ({@link SuiteFolder#analyse}). A data set that fails (bad data, a changed config)
 * is reported and the others run; the status then says so.
 */
public final class SuiteOperation {
    private SuiteOperation() {}

    /** @param dataDir base folder of relative data set paths (the CLI's --data), or null */
    public record Request(Path config, Path dataDir, Path out, int threads, Duration fitTimeout, Duration maxTime, Shard shard,
                          boolean fresh, boolean retryFailed, boolean quiet, CiSpec ci, List<String> commandLine) {}

    /** {@code failed}: the ids of the data sets that could not run (or, in a merge, had no results). */
    public record Outcome(List<String> failed, ExitCode status) {}

    public static Outcome execute(Request r, Console console) {
        Instant start = Instant.now();
        SuitePlan plan = SuitePlan.load(r.config(), r.dataDir()); // bad config: exit 2 before anything is written
        Parallel.threads(r.threads());
        OutputPaths.folder(r.out(), "--out");
        SuiteFolder.mark(r.out(), plan.datasets().stream().map(SuitePlan.Entry::id).toList(), plan.rope());
        List<String> failed = new ArrayList<>();
        ExitCode worst = ExitCode.OK;
        for (SuitePlan.Entry e : plan.datasets()) {
            Path dir = r.out().resolve(e.id());
            console.err().println("crystal-bench suite: data set " + e.id() + " -> " + dir);
            try {
                worst = worst.worse(dataset(r, e, dir, start, console));
            } catch (InputException ex) {
                console.err().println("crystal-bench suite: data set " + e.id() + " skipped: " + ex.getMessage());
                failed.add(e.id());
                worst = worst.worse(ExitCode.FAILURES);
            }
        }
        if (r.shard().all()) {
            Path md = SuiteFolder.analyse(r.out(), plan, r.ci(), console);
            console.out().println(md);
        } else {
            console.err().println("crystal-bench suite: shard " + r.shard() + " done; merge the shard folders for the suite's tables");
        }
        if (!failed.isEmpty()) console.err().println("crystal-bench suite: data sets that failed: " + String.join(", ", failed));
        return new Outcome(List.copyOf(failed), worst);
    }

    /** One data set's grid in {@code dir}, with what is left of --max-time, then its run tables. */
    private static ExitCode dataset(Request r, SuitePlan.Entry e, Path dir, Instant start, Console console) {
        Duration left = r.maxTime() == null ? null : r.maxTime().minus(Duration.between(start, Instant.now()));
        if (left != null && left.isNegative()) left = Duration.ZERO;
        OutputPaths.folder(dir, "--out");
        AtomicFiles.write(dir.resolve(SuiteFolder.DATASET_CONFIG), e.yaml());
        var request = new GridOperation.Request(dir.resolve(SuiteFolder.DATASET_CONFIG), null, dir, r.threads(), r.fitTimeout(), left,
                r.shard(), r.fresh(), r.retryFailed(), r.quiet(), r.ci(), r.commandLine(), null);
        ExitCode status = GridOperation.execute(request, GridOperation::fits, console).status();
        // run tables describe a finished run: not for a shard's part (the merge writes them) or a grid cut off by --max-time
        if (r.shard().all() && status != ExitCode.INCOMPLETE
                && !DatasetTables.write(dir, r.ci(), r.threads(), r.commandLine(), start, console)) {
            status = status.worse(ExitCode.FAILURES);
        }
        return status;
    }
}
