package org.crystalbench.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.crystalbench.grid.GridOperation;
import org.crystalbench.grid.plan.Shard;
import org.crystalbench.io.Durations;
import org.crystalbench.suite.SuiteOperation;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of a journalled, resumable run — {@code grid} and {@code suite} (a picocli mixin): its folder,
 * its time limits, its shard, what a resume does, its workers and intervals. One declaration, so both commands read
 * them alike and make their requests here.
 */
public final class JournalOptions {
    @Mixin
    WorkerOptions workers;

    @Mixin
    CiOptions ci;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: results/grids/<time>-<config>). Reusing it resumes.")
    Path out;

    @Option(names = "--fit-timeout", paramLabel = "DURATION", description = "Per-fit limit, e.g. 30s, 10m (default: none).")
    String fitTimeout;

    @Option(names = "--max-time", paramLabel = "DURATION", description = "Start no fit after this (a suite: over all its data sets), e.g. 8h; tables from what finished, exit 4.")
    String maxTime;

    @Option(names = "--shard", paramLabel = "I/N", description = "Run slice I of N (0-based; a suite: of every data set). Default: SLURM_ARRAY_TASK_ID/COUNT or JOB_COMPLETION_INDEX, else all.")
    String shard;

    @Option(names = "--shard-count", paramLabel = "N", description = "Number of shards, when the index comes from JOB_COMPLETION_INDEX (or Slurm without a count).")
    Integer shardCount;

    @Option(names = "--fresh", description = "Start afresh in an existing folder: the old journal is moved aside (journal.jsonl.replaced-<time>).")
    boolean fresh;

    @Option(names = "--retry-failed", description = "Run FAILED and TIMEOUT units again (by default a resume skips every journalled unit).")
    boolean retryFailed;

    Duration fitTimeout() {
        return fitTimeout == null ? null : Durations.parse("--fit-timeout", fitTimeout);
    }

    Duration maxTime() {
        return maxTime == null ? null : Durations.parse("--max-time", maxTime);
    }

    Shard shard() {
        return Shard.resolve(shard, shardCount, System.getenv());
    }

    /** {@code --out}, or a timestamped folder under results/grids named for the config. */
    Path out(Path config) {
        return out != null ? out : org.crystalbench.run.RunOperation.defaultOut("grids", config);
    }

    /** A grid's request; {@code merged}: a merge folder whose results count as known, or null. */
    GridOperation.Request grid(Path config, Path data, Path merged, List<String> args) {
        return new GridOperation.Request(config, data, out(config), workers.threads(), fitTimeout(), maxTime(), shard(), fresh, retryFailed,
                workers.quiet, ci.spec(), args, merged);
    }

    /** A suite's request; {@code dataDir}: the folder of relative data set paths, or null. */
    SuiteOperation.Request suite(Path config, Path dataDir, List<String> args) {
        return new SuiteOperation.Request(config, dataDir, out(config), workers.threads(), fitTimeout(), maxTime(), shard(), fresh,
                retryFailed, workers.quiet, ci.spec(), args);
    }
}
