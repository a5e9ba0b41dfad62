package org.crystalbench.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.InputException;
import org.crystalbench.grid.journal.GridMeta;
import org.crystalbench.grid.journal.Journal;
import org.crystalbench.grid.journal.JournalEntry;
import org.crystalbench.grid.search.Evidence;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Console;
import org.crystalbench.results.SuiteTables;
import org.crystalbench.splits.Protocol;
import org.crystalbench.stats.CiSpec;
import org.crystalbench.stats.Sample;

/**
 * A suite folder, as {@code suite} writes it and {@code merge} reads it: its marker files and the across-data-set
 * tables from its data sets' sub-folders. Both operations use it; neither uses the other.
 */
public final class SuiteFolder {
    private SuiteFolder() {}

    /** Marker of a suite folder: the data set ids, one a line (merge reads it to merge data set by data set). */
    public static final String IDS = "suite-datasets.txt";
    /** Each data set's derived grid config, inside its sub-folder. */
    public static final String DATASET_CONFIG = "suite-dataset.yaml";
    /** The suite's ROPE, beside the ids (the derived grid configs do not carry it). */
    public static final String ROPE = "suite-rope.txt";

    public static boolean isSuite(Path dir) {
        return Files.isRegularFile(dir.resolve(IDS));
    }

    /** Marks {@code out} as a suite folder of these data sets and ROPE. */
    static void mark(Path out, List<String> ids, double rope) {
        AtomicFiles.write(out.resolve(IDS), String.join("\n", ids) + "\n");
        AtomicFiles.write(out.resolve(ROPE), rope + "\n");
    }

    static List<String> ids(Path dir) {
        try {
            return Files.readAllLines(dir.resolve(IDS)).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double rope(Path dir) {
        Path f = dir.resolve(ROPE);
        try {
            return Files.exists(f) ? Double.parseDouble(Files.readString(f).strip()) : SuitePlan.DEFAULT_ROPE;
        } catch (IOException | NumberFormatException e) {
            throw new InputException(f + ": not a number (the suite's ROPE)");
        }
    }

    /**
     * The across-data-set tables and reports of a suite folder whose sub-folders hold each data set's grid: each
     * (data set, feature set) is one row of the comparison, named by {@link SuitePlan.Entry#label}.
     */
    static Path analyse(Path out, SuitePlan plan, CiSpec ci, Console console) {
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
