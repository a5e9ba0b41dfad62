package org.crystalbench.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.ExitCode;
import org.crystalbench.InputException;
import org.crystalbench.grid.GridRun;
import org.crystalbench.grid.journal.GridMeta;
import org.crystalbench.grid.journal.Journal;
import org.crystalbench.grid.journal.JournalEntry;
import org.crystalbench.grid.plan.Shard;
import org.crystalbench.grid.search.Evidence;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Console;
import org.crystalbench.io.OutputPaths;
import org.crystalbench.io.Parallel;
import org.crystalbench.results.SuiteTables;
import org.crystalbench.splits.Protocol;
import org.crystalbench.stats.CiSpec;
import org.crystalbench.stats.Sample;

/**
 * {@code crystal-bench suite}: every data set of a suite config run as one grid (each model's spec, one point) in
 * its own sub-folder, through {@link GridRun} (so journal, resume, shards, time limits and merge are the grid's),
 * then the across-data-set comparison. A data set that fails (bad data, a changed config) is reported and the
 * others run; the exit code then says so.
 */
public final class SuiteRun {
    private SuiteRun() {}

    /** Marker of a suite folder: the data set ids, one a line (merge reads it to merge data set by data set). */
    public static final String IDS = "suite-datasets.txt";
    /** Each data set's derived grid config, inside its sub-folder. */
    public static final String DATASET_CONFIG = "suite-dataset.yaml";

    /** @param dataDir base folder of relative data set paths (the CLI's --data), or null */
    public record Request(Path config, Path dataDir, Path out, int threads, Duration fitTimeout, Duration maxTime, Shard shard,
                          boolean fresh, boolean retryFailed, boolean quiet, CiSpec ci, List<String> commandLine) {}

    public record Result(List<String> failed, int exitCode) {}

    public static Result execute(Request r, Console console) {
        Instant start = Instant.now();
        SuitePlan plan = SuitePlan.load(r.config(), r.dataDir()); // bad config: exit 2 before anything is written
        Parallel.threads(r.threads());
        OutputPaths.folder(r.out(), "--out");
        AtomicFiles.write(r.out().resolve(IDS), String.join("\n", plan.datasets().stream().map(SuitePlan.Entry::id).toList()) + "\n");
        AtomicFiles.write(r.out().resolve(SuiteMerge.ROPE), plan.rope() + "\n");
        List<String> failed = new ArrayList<>();
        int worst = ExitCode.OK.code();
        for (SuitePlan.Entry e : plan.datasets()) {
            Path dir = r.out().resolve(e.id());
            Duration left = r.maxTime() == null ? null : r.maxTime().minus(Duration.between(start, Instant.now()));
            if (left != null && left.isNegative()) left = Duration.ZERO;
            console.err().println("crystal-bench suite: data set " + e.id() + " -> " + dir);
            try {
                OutputPaths.folder(dir, "--out");
                AtomicFiles.write(dir.resolve(DATASET_CONFIG), e.yaml());
                var request = new GridRun.Request(dir.resolve(DATASET_CONFIG), null, dir, r.threads(), r.fitTimeout(), left, r.shard(),
                        r.fresh(), r.retryFailed(), r.quiet(), r.ci(), r.commandLine(), null);
                int code = GridRun.execute(request, GridRun::fits, console).exitCode();
                worst = worse(worst, code);
                // run tables describe a finished run: not for a shard's part (the merge writes them) or a grid cut off by --max-time
                if (r.shard().all() && code != ExitCode.INCOMPLETE.code()
                        && !DatasetTables.write(dir, r.ci(), r.threads(), r.commandLine(), start, console)) {
                    worst = worse(worst, ExitCode.FAILURES.code());
                }
            } catch (InputException ex) {
                console.err().println("crystal-bench suite: data set " + e.id() + " skipped: " + ex.getMessage());
                failed.add(e.id());
                worst = worse(worst, ExitCode.FAILURES.code());
            }
        }
        if (r.shard().all()) {
            Path md = analyse(r.out(), plan, r.ci(), console);
            console.out().println(md);
        } else {
            console.err().println("crystal-bench suite: shard " + r.shard() + " done; merge the shard folders for the suite's tables");
        }
        if (!failed.isEmpty()) console.err().println("crystal-bench suite: data sets that failed: " + String.join(", ", failed));
        return new Result(List.copyOf(failed), worst);
    }

    /** The exit code that says more: INCOMPLETE (run again) over FAILURES over OK; any other code over all three. */
    static int worse(int a, int b) {
        return severity(a) >= severity(b) ? a : b;
    }

    private static int severity(int code) {
        return code == ExitCode.OK.code() ? 0 : code == ExitCode.FAILURES.code() ? 1 : code == ExitCode.INCOMPLETE.code() ? 2 : 3;
    }

    /**
     * The across-data-set tables and reports of a suite folder whose sub-folders hold each data set's grid: each
     * (data set, feature set) is one row of the comparison, named by {@link SuitePlan.Entry#label}.
     */
    public static Path analyse(Path out, SuitePlan plan, CiSpec ci, Console console) {
        Map<String, Map<String, Sample>> samples = new LinkedHashMap<>();
        List<SuiteTables.Task> tasks = new ArrayList<>();
        for (SuitePlan.Entry e : plan.datasets()) {
            for (String fs : e.featureSets().isEmpty() ? List.of("") : e.featureSets()) tasks.add(new SuiteTables.Task(e.label(fs), e.id(), fs));
            Path dir = out.resolve(e.id());
            GridMeta meta = GridMeta.read(dir);
            if (meta == null || !Files.exists(dir.resolve(Journal.FILE))) continue;
            Protocol protocol = org.crystalbench.config.ConfigLoader.load(dir.resolve(DATASET_CONFIG)).protocols().gridProtocol();
            Map<String, Map<String, List<JournalEntry>>> byTask = new LinkedHashMap<>();
            for (JournalEntry j : Journal.dedupe(Journal.readAll(dir.resolve(Journal.FILE), meta.binding())).values()) {
                if (j.ok() && j.protocol() == protocol) {
                    byTask.computeIfAbsent(e.label(j.featureSet()), t -> new LinkedHashMap<>()).computeIfAbsent(j.model(), m -> new ArrayList<>()).add(j);
                }
            }
            byTask.forEach((task, byModel) -> {
                Map<String, Sample> s = new LinkedHashMap<>();
                byModel.forEach((m, list) -> s.put(m, Evidence.sample(list)));
                samples.put(task, s);
            });
        }
        SuiteTables.Suite suite = SuiteAnalysis.of(tasks, plan.models(), samples, plan.rope(), ci.level(), plan.seed());
        SuiteTables.write(out, suite);
        org.crystalbench.report.SuiteReport.write(out, plan.name(), SuiteTables.read(out)); // the reports say what the tables say
        var t = suite.tests();
        console.err().printf("crystal-bench suite: %d data sets x %d models compared%s; best mean rank: %s%n", t.datasets(), t.models(),
                t.excluded().isEmpty() ? "" : " (left out: " + t.excluded().replace(";", ", ") + ")", t.best());
        return out.resolve(org.crystalbench.report.SuiteReport.SUITE_MD);
    }
}
