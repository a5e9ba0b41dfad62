package org.crystalbench.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.crystalbench.InputException;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.grid.GridMerge;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Console;
import org.crystalbench.io.OutputPaths;
import org.crystalbench.stats.CiSpec;

/**
 * {@code merge} of suite shard folders: each data set's sub-folders merged by {@link GridMerge} (its checks,
 * de-duplication and missing-unit listing), then the across-data-set tables from the merged data sets.
 */
public final class SuiteMerge {
    private SuiteMerge() {}

    public static boolean isSuite(Path dir) {
        return Files.isRegularFile(dir.resolve(SuiteRun.IDS));
    }

    /** @return the worst of the data sets' merge exit codes (a data set in no shard counts as failed) */
    public static int execute(List<Path> dirs, Path out, CiSpec ci, List<String> commandLine, Console console) {
        java.time.Instant start = java.time.Instant.now();
        for (Path d : dirs) if (!isSuite(d)) throw new InputException(d + ": not a suite folder (no " + SuiteRun.IDS + "); cannot merge it with suite folders");
        Set<String> ids = new LinkedHashSet<>();
        for (Path d : dirs) ids.addAll(ids(d));
        if (ids.isEmpty()) throw new InputException(dirs.getFirst().resolve(SuiteRun.IDS) + ": lists no data set");
        Path config = dirs.getFirst().resolve(ids.iterator().next()).resolve(SuiteRun.DATASET_CONFIG);
        OutputPaths.folder(out, "--out");
        AtomicFiles.write(out.resolve(SuiteRun.IDS), String.join("\n", ids) + "\n");
        int worst = 0;
        List<String> failed = new ArrayList<>();
        for (String id : ids) {
            List<Path> parts = dirs.stream().map(d -> d.resolve(id)).filter(p -> Files.isRegularFile(p.resolve("grid-meta.json"))).toList();
            if (parts.isEmpty()) {
                console.err().println("crystal-bench merge: data set " + id + ": no shard has results (it failed to load?)");
                failed.add(id);
                worst = SuiteRun.worse(worst, org.crystalbench.ExitCode.FAILURES.code());
                continue;
            }
            console.err().println("crystal-bench merge: data set " + id);
            Path dir = out.resolve(id);
            int code = GridMerge.execute(parts, dir, ci, commandLine, console).exitCode();
            copy(parts.getFirst().resolve(SuiteRun.DATASET_CONFIG), dir.resolve(SuiteRun.DATASET_CONFIG));
            worst = SuiteRun.worse(worst, code);
            try { // the run tables need the data (the splits manifest, the audit): where it cannot be read, the merge says so
                if (code != org.crystalbench.ExitCode.INCOMPLETE.code() && !DatasetTables.write(dir, ci, 1, commandLine, start, console)) {
                    worst = SuiteRun.worse(worst, org.crystalbench.ExitCode.FAILURES.code());
                }
            } catch (InputException e) {
                console.err().println("crystal-bench merge: data set " + id + ": no run tables: " + e.getMessage());
                worst = SuiteRun.worse(worst, org.crystalbench.ExitCode.FAILURES.code());
            }
        }
        double rope = rope(dirs.getFirst());
        AtomicFiles.write(out.resolve(ROPE), rope + "\n");
        SuitePlan plan = planOf(dirs, new ArrayList<>(ids), config, rope);
        console.out().println(SuiteRun.analyse(out, plan, ci, console));
        return worst;
    }

    private static List<String> ids(Path dir) {
        try {
            return Files.readAllLines(dir.resolve(SuiteRun.IDS)).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
            Path c = dirs.stream().map(d -> d.resolve(id).resolve(SuiteRun.DATASET_CONFIG)).filter(Files::isRegularFile).findFirst().orElse(null);
            entries.add(new SuitePlan.Entry(id, "", c == null ? List.of() : List.copyOf(ConfigLoader.load(c).featureSets().keySet())));
        }
        return new SuitePlan(dirs.getFirst(), name, cfg.seed(), rope, cfg.models().stream().map(m -> m.name()).toList(), entries);
    }

    private static double rope(Path shard) {
        Path f = shard.resolve(ROPE);
        try {
            return Files.exists(f) ? Double.parseDouble(Files.readString(f).strip()) : SuitePlan.DEFAULT_ROPE;
        } catch (IOException | NumberFormatException e) {
            throw new InputException(f + ": not a number (the suite's ROPE)");
        }
    }

    /** The suite's ROPE, beside the ids (the derived grid configs do not carry it). */
    public static final String ROPE = "suite-rope.txt";
}
