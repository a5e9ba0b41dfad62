package org.crystalbench.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.crystalbench.ExitCode;
import org.crystalbench.InputException;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.grid.MergeOperation;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Console;
import org.crystalbench.io.OutputPaths;

/**
 * {@code merge} of suite shard folders: each data set's sub-folders merged by {@link MergeOperation} (its checks,
 * de-duplication and missing-unit listing), then the across-data-set tables from the merged data sets.
 */
public final class SuiteMerge {
    private SuiteMerge() {}

    /** The worst of the data sets' merge statuses (a data set in no shard counts as failed). */
    public static SuiteOperation.Outcome execute(MergeOperation.Request r, Console console) {
        java.time.Instant start = java.time.Instant.now();
        List<Path> dirs = r.dirs();
        for (Path d : dirs) if (!SuiteFolder.isSuite(d)) throw new InputException(d + ": not a suite folder (no " + SuiteFolder.IDS + "); cannot merge it with suite folders");
        Set<String> ids = new LinkedHashSet<>();
        for (Path d : dirs) ids.addAll(SuiteFolder.ids(d));
        if (ids.isEmpty()) throw new InputException(dirs.getFirst().resolve(SuiteFolder.IDS) + ": lists no data set");
        Path config = dirs.getFirst().resolve(ids.iterator().next()).resolve(SuiteFolder.DATASET_CONFIG);
        double rope = SuiteFolder.rope(dirs.getFirst()); // a bad ROPE file: refused before anything is written
        OutputPaths.folder(r.out(), "--out");
        SuiteFolder.mark(r.out(), List.copyOf(ids), rope);
        ExitCode worst = ExitCode.OK;
        List<String> failed = new ArrayList<>();
        for (String id : ids) {
            List<Path> parts = dirs.stream().map(d -> d.resolve(id)).filter(p -> Files.isRegularFile(p.resolve("grid-meta.json"))).toList();
            if (parts.isEmpty()) {
                console.err().println("crystal-bench merge: data set " + id + ": no shard has results (it failed to load?)");
                failed.add(id);
                worst = worst.worse(ExitCode.FAILURES);
                continue;
            }
            console.err().println("crystal-bench merge: data set " + id);
            worst = worst.worse(dataset(r, id, parts, start, console));
        }
        SuitePlan plan = planOf(dirs, new ArrayList<>(ids), config, rope);
        console.out().println(SuiteFolder.analyse(r.out(), plan, r.ci(), console));
        return new SuiteOperation.Outcome(List.copyOf(failed), worst);
    }

    /** One data set's shard folders merged into OUT/id, then its run tables. */
    private static ExitCode dataset(MergeOperation.Request r, String id, List<Path> parts, java.time.Instant start, Console console) {
        Path dir = r.out().resolve(id);
        ExitCode status = MergeOperation.execute(new MergeOperation.Request(parts, dir, r.ci(), r.commandLine()), console).status();
        copy(parts.getFirst().resolve(SuiteFolder.DATASET_CONFIG), dir.resolve(SuiteFolder.DATASET_CONFIG));
        try { // the run tables need the data (the splits manifest, the audit): where it cannot be read, the merge says so
            if (status != ExitCode.INCOMPLETE && !DatasetTables.write(dir, r.ci(), 1, r.commandLine(), start, console)) {
                status = status.worse(ExitCode.FAILURES);
            }
        } catch (InputException e) {
            console.err().println("crystal-bench merge: data set " + id + ": no run tables: " + e.getMessage());
            status = status.worse(ExitCode.FAILURES);
        }
        return status;
    }

    private static void copy(Path from, Path to) {
        try {
            if (Files.exists(from)) AtomicFiles.write(to, Files.readAllBytes(from));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The plan's models and seed from a data set's derived config, with the suite's ids and each data set's feature sets
     * (from its derived config in any shard; none if no shard has it) — the suite file itself is not in the folders.
     */
    private static SuitePlan planOf(List<Path> dirs, List<String> ids, Path anyDatasetConfig, double rope) {
        var cfg = ConfigLoader.load(anyDatasetConfig);
        String name = cfg.name() == null ? "suite" : cfg.name().replaceFirst("-" + java.util.regex.Pattern.quote(ids.getFirst()) + "$", "");
        List<SuitePlan.Entry> entries = new ArrayList<>();
        for (String id : ids) {
            Path c = dirs.stream().map(d -> d.resolve(id).resolve(SuiteFolder.DATASET_CONFIG)).filter(Files::isRegularFile).findFirst().orElse(null);
            entries.add(new SuitePlan.Entry(id, "", c == null ? List.of() : List.copyOf(ConfigLoader.load(c).featureSets().keySet())));
        }
        return new SuitePlan(dirs.getFirst(), name, cfg.seed(), rope, cfg.models().stream().map(m -> m.name()).toList(), entries);
    }
}
