package org.crystalbench.grid;

import org.crystalbench.grid.results.GridTables;
import org.crystalbench.grid.journal.FolderLock;
import org.crystalbench.grid.journal.GridMeta;
import org.crystalbench.grid.journal.Journal;
import org.crystalbench.grid.journal.JournalEntry;
import org.crystalbench.grid.plan.GridPlan;
import org.crystalbench.grid.plan.WorkUnit;
import org.crystalbench.grid.search.Search;

import org.crystalbench.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.ExitCode;
import org.crystalbench.InputException;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.stats.CiSpec;
import org.crystalbench.provenance.Provenance;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Console;
import org.crystalbench.io.InputFiles;
import org.crystalbench.io.OutputPaths;
import tools.jackson.databind.JsonNode;

/**
 * {@code crystal-bench merge} as an operation: the union of several grid folders' journals (same config, same
 * data), one entry per key, checked against the manifest, written as one folder with the tables a
 * single-machine run writes. The merged folder is itself resumable with {@code grid}.
 */
public final class MergeOperation {
    private MergeOperation() {}

    /** @param commandLine the program's arguments, recorded in the merged folder's provenance.json */
    public record Request(List<Path> dirs, Path out, CiSpec ci, List<String> commandLine) {
        public Request {
            dirs = List.copyOf(dirs);
        }
    }

    /** {@code missing}: the units still to run (listed in missing.csv). */
    public record Outcome(GridTables.Counts counts, List<WorkUnit> missing, ExitCode status) {}

    public static Outcome execute(Request r, Console console) {
        Instant start = Instant.now();
        List<Path> dirs = r.dirs();
        Path out = r.out();
        if (dirs.isEmpty()) throw new InputException("merge: no folders given");
        GridMeta first = null;
        Path firstDir = null;
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) throw new InputException(d + ": not a folder");
            GridMeta m = GridMeta.read(d);
            if (m == null) throw new InputException(d + ": no " + GridMeta.FILE + " (not a grid output folder)");
            if (!Files.exists(d.resolve(GridMeta.CONFIG_COPY))) throw new InputException(d + ": no " + GridMeta.CONFIG_COPY);
            if (first == null) {
                first = m;
                firstDir = d;
            } else if (first.mismatch(m) != null) {
                throw new InputException(d + ": not the same grid as " + firstDir + ": " + first.mismatch(m).replace("this folder's", "its"));
            }
        }
        Path configCopy = firstDir.resolve(GridMeta.CONFIG_COPY);
        ExperimentConfig cfg = ConfigLoader.load(configCopy);
        GridPlan plan = GridPlan.of(cfg, configCopy);
        if (!cfg.hash().equals(first.configHash())) {
            throw new InputException(configCopy + ": does not match the hash in " + firstDir.resolve(GridMeta.FILE) + " (edited?)");
        }
        boolean keepOut = checkOut(out, first, dirs);
        OutputPaths.folder(out, "--out");
        String configText = InputFiles.text(configCopy, "config copy");
        List<JournalEntry> all = new ArrayList<>();
        for (Path d : dirs) {
            Journal.ReadResult read = Journal.read(d.resolve(Journal.FILE), first.binding(), all::add);
            console.err().printf("crystal-bench merge: %s: %d entries%s%n", d, read.lines(), read.torn() ? " (a torn last line ignored)" : "");
        }
        Map<String, JournalEntry> entries = Journal.dedupe(all);
        List<WorkUnit> units = plan.units();
        var keys = new java.util.HashSet<>(units.stream().map(WorkUnit::key).toList());
        entries.keySet().retainAll(keys);

        try (var lock = FolderLock.acquire(out)) {
            if (keepOut) { // the same grid's folder: its own entries join the union rather than being overwritten
                Journal.ReadResult read = Journal.read(out.resolve(Journal.FILE), first.binding(), all::add);
                console.err().printf("crystal-bench merge: %s (--out): %d entries kept%n", out, read.lines());
                entries.putAll(Journal.dedupe(all));
                entries.keySet().retainAll(keys);
            }
            return write(dirs, out, first, plan, configText, all.size(), entries, r.ci(), r.commandLine(), start, console);
        }
    }

    private static Outcome write(List<Path> dirs, Path out, GridMeta first, GridPlan plan, String configText, int read,
                                Map<String, JournalEntry> entries, CiSpec ci, List<String> commandLine, Instant start, Console console) {
        Journal.rewrite(out.resolve(Journal.FILE), entries.values());
        first.write(out);
        AtomicFiles.write(out.resolve(GridMeta.CONFIG_COPY), configText);
        AtomicFiles.write(out.resolve("grid-manifest.csv"), GridTables.manifestCsv(plan.units()));
        Search.State search = Search.of(plan, entries); // once: what ran, and what the search still wants
        List<WorkUnit> missing = search.pending();
        var scope = new GridTables.Scope("merge of " + dirs.size() + " folders",
                search.scheduled().stream().map(WorkUnit::key).toList());
        GridOutputs.writeAll(out, plan, scope, entries, ci, search);
        Path missingCsv = out.resolve("missing.csv");
        try {
            if (missing.isEmpty()) Files.deleteIfExists(missingCsv);
            else AtomicFiles.write(missingCsv, GridTables.manifestCsv(missing));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var sources = new LinkedHashMap<Path, JsonNode>();
        for (Path d : dirs) sources.putIfAbsent(d, shardProvenance(d, console));
        Provenance.merged(plan.config(), first.dataFile(), first.dataHash(), first.dataRows(), commandLine, start,
                Instant.now(), ci, sources).write(out);
        org.crystalbench.report.Report.write(out); // the same report a single-machine grid ends with
        GridTables.Counts counts = GridTables.counts(scope, entries);
        console.err().printf("crystal-bench merge: %d of %d units (%d duplicates removed); %d failed, %d timed out%n",
                counts.finished(), counts.expected(), read - entries.size(), counts.failed(), counts.timedOut());
        if (!missing.isEmpty() && search.rules().kind() != Search.Kind.EXHAUSTIVE) {
            console.err().printf("crystal-bench merge: the %s goes on: %d units to run (its next stage, and any a shard has not "
                            + "finished; listed in %s); run the shards again with --merged %s, then merge again (docs/grid.md, "
                            + "\"Races on shards\")%n", search.rules().kind().label(), missing.size(), missingCsv, out);
        } else if (!missing.isEmpty()) {
            console.err().printf("crystal-bench merge: INCOMPLETE: %d units missing (all listed in %s), e.g.:%n", missing.size(), missingCsv);
            missing.stream().limit(20).forEach(u -> console.err().println("  missing: " + describe(u)));
        }
        GridOperation.scheduledLine("merge", search, console);
        console.out().println(out.resolve("grid.md"));
        // A race's merge cannot tell a unit of the next stage from one a shard has not run yet; either way the
        // shards run again with --merged (a finished shard resumes with nothing to do).
        boolean early = search.rules().kind() != Search.Kind.EXHAUSTIVE;
        ExitCode status = search.finished() ? GridOperation.status(counts) : early ? ExitCode.NEXT_STAGE : ExitCode.INCOMPLETE;
        return new Outcome(counts, missing, status);
    }

    /**
     * Whether {@code out} already holds this grid's results (which the merge must keep), checked before
     * anything is written. Another grid's folder, a journal without its grid-meta.json, or any other
     * non-empty folder is refused, as {@code grid} refuses them: merging never overwrites results.
     */
    private static boolean checkOut(Path out, GridMeta grid, List<Path> dirs) {
        if (!Files.exists(out)) return false;
        if (!Files.isDirectory(out)) throw new InputException(out + ": --out: exists and is not a folder");
        GridMeta old = GridMeta.read(out);
        if (old != null) {
            if (grid.mismatch(old) != null) {
                throw new InputException(out + ": --out holds another grid's results (" + grid.mismatch(old)
                        + "); refusing to overwrite them. Use another --out");
            }
            return dirs.stream().noneMatch(d -> sameFile(d, out));
        }
        try (var files = Files.list(out)) {
            if (files.findAny().isPresent()) {
                throw new InputException(out + ": --out is not empty and not a grid folder (no " + GridMeta.FILE
                        + "); refusing to overwrite its files. Use a new or empty folder");
            }
        } catch (IOException e) {
            throw new InputException(out + ": --out: cannot read the folder (" + e.getMessage() + ")");
        }
        return false;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** "no-spacegroup SVM-003 (C=10, sigma=3) cv r0 f1". */
    public static String describe(WorkUnit u) {
        return u.featureSet() + " " + u.point().id() + " (" + GridTables.params(u.point()) + ") " + u.split().label();
    }

    /** A shard folder's provenance.json as written, or null when it has none or it is not JSON. */
    private static JsonNode shardProvenance(Path dir, Console console) {
        Path f = dir.resolve(Provenance.FILE);
        if (!Files.exists(f)) return null;
        try {
            return Json.MAPPER.readTree(Files.readString(f));
        } catch (IOException | RuntimeException e) {
            console.err().printf("crystal-bench merge: %s: not readable JSON, not recorded (%s)%n", f, e.getMessage());
            return null;
        }
    }
}
