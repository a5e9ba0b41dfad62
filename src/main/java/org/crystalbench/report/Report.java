package org.crystalbench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.crystalbench.BuildInfo;
import org.crystalbench.InputException;
import org.crystalbench.audit.AuditTable;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.metrics.Metric;
import org.crystalbench.perf.BenchResult;
import org.crystalbench.perf.JmhJson;
import org.crystalbench.provenance.Provenance;
import org.crystalbench.results.Comparison;
import org.crystalbench.results.ComparisonsTable;
import org.crystalbench.results.ConfusionTable;
import org.crystalbench.results.GridTable;
import org.crystalbench.results.ImportanceTable;
import org.crystalbench.results.PerClassTable;
import org.crystalbench.results.PredictionsTable;
import org.crystalbench.results.SplitsTable;
import org.crystalbench.results.SummaryTable;
import org.crystalbench.stats.CiSpec;

/**
 * report.md and its figures for a results folder (a run's or a grid's): every part that the folder's
 * files support, each file read as typed rows by the class that writes it, and a note for each part
 * that is missing or malformed. All inputs are read and checked before
 * anything is written; figures come first, report.md last, so every link in it points to a file.
 */
public final class Report {
    static {
        // Charts need no display; set before any AWT toolkit loads (the launcher and surefire set it too).
        System.setProperty("java.awt.headless", "true");
    }

    public static final String FILE = "report.md", FIGURES = Doc.FIGURES;
    /**
     * Where JMH results are looked for by default: the results folder's own {@code perf/}, never the
     * working directory's (a run on someone's data must not show benchmarks measured on other data).
     */
    public static Path defaultPerf(Path dir) {
        return dir.resolve("perf");
    }
    /** Prefixes of the figure files this class writes: stale ones are removed on regeneration. */
    private static final List<String> OWN = List.of("overview-", "f1-box-", "f1-mean-", "confusion-", "audit-entropy-", "reference-", "grid-", "perf-",
            "reliability-", "importance-", "conformal-");

    private Report() {}

    /** Writes the report of {@code dir}, with benchmarks from {@link #defaultPerf}; returns report.md's path. */
    public static Path write(Path dir) {
        return write(dir, defaultPerf(dir));
    }

    /**
     * @param perf a JMH JSON file or a folder of them (see {@link PerfSection#files}); null or missing: no benchmarks
     * @throws InputException when {@code dir} is not a results folder or its summary.csv / grid.csv is malformed
     */
    public static Path write(Path dir, Path perf) {
        return write(dir, perf, null);
    }

    /**
     * @param name the folder name the report shows: a run writes its report in a staging folder that is
     *             then renamed, so it passes the final name (null: {@code dir}'s own)
     */
    public static Path write(Path dir, Path perf, String name) {
        return write(dir, perf, name, null);
    }

    /**
     * @param predictions the rows of the predictions.csv.gz just written into {@code dir}, from memory (a run has them:
     *                    re-reading the file was almost all of a million-row report's time); null: read the file
     */
    public static Path write(Path dir, Path perf, String name, PredictionsTable.Source predictions) {
        Doc doc = build(dir, perf, name, predictions);
        Path figures = dir.resolve(FIGURES);
        removeStale(figures, doc.figures.stream().map(Figure::name).collect(java.util.stream.Collectors.toSet()));
        for (Figure f : doc.figures) {
            AtomicFiles.write(figures.resolve(f.name() + ".svg"), f.svg());
            AtomicFiles.write(figures.resolve(f.name() + ".png"), f.png());
        }
        Path out = dir.resolve(FILE);
        AtomicFiles.write(out, doc.md.toString());
        return out;
    }

    /** Reads every input through its table's owner and lays out the report in memory (figures not yet rendered). */
    static Doc build(Path dir, Path perf, String name, PredictionsTable.Source predictions) {
        if (!Files.isDirectory(dir)) throw new InputException(dir + ": not a folder");
        Path summaryFile = dir.resolve(SummaryTable.FILE), gridFile = dir.resolve(GridTable.FILE);
        if (!Files.isRegularFile(summaryFile) && !Files.isRegularFile(gridFile)) {
            throw new InputException(dir + ": not a results folder: neither summary.csv (written by `run`) nor grid.csv "
                    + "(written by `grid`) found");
        }
        List<SummaryTable.Row> summary = Files.isRegularFile(summaryFile) ? nonEmpty(summaryFile, SummaryTable.read(summaryFile)) : null;
        List<GridTable.Row> grid = Files.isRegularFile(gridFile) ? nonEmpty(gridFile, GridTable.read(gridFile)) : null;
        var doc = new Doc();
        Path provenanceFile = dir.resolve(Provenance.FILE);
        Provenance provenance = optional(doc, provenanceFile, "no config details, no comparison with a reference",
                () -> Provenance.read(provenanceFile));
        ExperimentConfig config = provenance == null ? null : optional(doc, provenanceFile, "no config details, no comparison with a reference",
                () -> provenance.typedConfig(provenanceFile));
        CiSpec ci = provenance == null ? null : optional(doc, provenanceFile, "intervals not named", provenance::ci);

        String folder = name != null ? name : dir.toAbsolutePath().normalize().getFileName().toString();
        doc.para("# crystal-bench report: " + (config != null && config.name() != null ? config.name() : folder));
        var intro = new StringBuilder("Results folder `" + folder + "`");
        if (config != null) intro.append(", seed ").append(config.seed());
        intro.append(". Written by crystal-bench ").append(BuildInfo.version()).append(" from the files in this folder. "
                + "Figures are in `figures/` as SVG and PNG (PNG shown, SVG linked).");
        if (Files.isRegularFile(dir.resolve("summary.md"))) intro.append(" The full tables are in [summary.md](summary.md).");
        if (Files.isRegularFile(dir.resolve("grid.md"))) intro.append(" The grid's tables are in [grid.md](grid.md).");
        doc.para(intro.toString());
        int contentsAt = doc.md.length();

        if (summary != null) runSections(doc, dir, summary, ci, config, predictions);
        else doc.note("run scores: summary.csv not found (a grid folder)");

        if (grid != null) GridSection.write(doc, grid, gridMetric(config));
        else doc.note("grid search: grid.csv not found (not a grid folder)");

        perfSection(doc, dir, perf);

        if (!doc.notes.isEmpty()) {
            doc.section("Not in this report");
            for (String n : doc.notes) doc.line("- " + n);
            doc.line("");
        }
        doc.md.insert(contentsAt, doc.contents() + "\n\n");
        return doc;
    }

    /** The sections over a run's tables: scores, per class, reference, audit, split gap, importance, prediction sets. */
    private static void runSections(Doc doc, Path dir, List<SummaryTable.Row> summary, CiSpec ci, ExperimentConfig config,
                                    PredictionsTable.Source predictions) {
        var splits = optional(doc, dir.resolve(SplitsTable.FILE), "no per-split box plots",
                () -> SplitsTable.read(dir.resolve(SplitsTable.FILE)));
        var confusion = optional(doc, dir.resolve(ConfusionTable.FILE), "no confusion matrices",
                () -> ConfusionTable.read(dir.resolve(ConfusionTable.FILE)));
        var comparisons = optional(doc, dir.resolve(ComparisonsTable.FILE), "no significance column in the score tables",
                () -> ComparisonsTable.read(dir.resolve(ComparisonsTable.FILE)));
        var audit = optional(doc, dir.resolve(AuditTable.FILE), "no leakage audit", () -> AuditTable.read(dir.resolve(AuditTable.FILE)));
        var reliability = predictions != null ? ReliabilitySection.of(predictions)
                : optional(doc, dir.resolve(PredictionsTable.FILE), "no reliability diagrams",
                        () -> ReliabilitySection.of(PredictionsTable.source(dir.resolve(PredictionsTable.FILE))));
        boolean summaryMd = Files.isRegularFile(dir.resolve("summary.md")); // then report.md links to its tables, not repeats them
        RunSection.write(doc, summary, ci, splits, confusion, comparisons, reliability, config, summaryMd);
        var perClass = optional(doc, dir.resolve(PerClassTable.FILE), "no per-class table",
                () -> PerClassTable.read(dir.resolve(PerClassTable.FILE)));
        if (perClass != null && !perClass.isEmpty()) PerClassSection.write(doc, perClass, config);
        if (config != null && config.reference() != null && !config.reference().models().isEmpty()) { // else nothing to compare with
            ReferenceSection.write(doc, config, summary, ci, summaryMd);
        }
        if (audit != null) AuditSection.write(doc, audit);
        if (SplitGapSection.applies(summary)) {
            Path leakageFile = dir.resolve(org.crystalbench.audit.LeakageTable.FILE);
            var leakage = !Files.isRegularFile(leakageFile) ? null : optional(doc, leakageFile, "no shares of test rows with "
                    + "their group in training", () -> org.crystalbench.audit.LeakageTable.read(leakageFile));
            SplitGapSection.write(doc, summary, leakage, Doc.interval(ci), config);
        }
        Path importanceFile = dir.resolve(ImportanceTable.FILE);
        if (Files.isRegularFile(importanceFile)) {
            var importance = optional(doc, importanceFile, "no feature importance", () -> ImportanceTable.read(importanceFile));
            if (importance != null && !importance.isEmpty()) ImportanceSection.write(doc, importance, Doc.interval(ci), config);
        } else {
            doc.note("feature importance: importance.csv not found (run with --importance)");
        }
        Path conformalFile = dir.resolve(org.crystalbench.results.ConformalTable.FILE);
        if (Files.isRegularFile(conformalFile)) {
            var sets = optional(doc, conformalFile, "no prediction sets", () -> org.crystalbench.results.ConformalTable.read(conformalFile));
            if (sets != null && !sets.isEmpty()) ConformalSection.write(doc, sets, Doc.interval(ci), config);
        }
    }

    /** The benchmark section over the JMH files found at {@code perf}, or a note that says why there is none. */
    private static void perfSection(Doc doc, Path dir, Path perf) {
        List<Path> perfFiles = PerfSection.files(perf);
        Map<Path, List<BenchResult>> perfResults = new LinkedHashMap<>();
        for (Path p : perfFiles) {
            try {
                perfResults.put(p, JmhJson.read(p));
            } catch (InputException e) {
                doc.note("benchmark file skipped: " + e.getMessage());
            }
        }
        if (!perfResults.isEmpty()) PerfSection.write(doc, perfResults);
        else if (perfFiles.isEmpty()) doc.note(perf == null ? "benchmarks: none requested" : "benchmarks: no JMH JSON found in `"
                + (perf.toAbsolutePath().normalize().startsWith(dir.toAbsolutePath().normalize())
                        ? dir.toAbsolutePath().normalize().relativize(perf.toAbsolutePath().normalize()) + "/` of this folder"
                        : perf + "`"));
    }

    private static <T> List<T> nonEmpty(Path file, List<T> rows) {
        if (rows.isEmpty()) throw new InputException(file + ": no rows");
        return rows;
    }

    /** Reads an optional input: null with a note when missing ("not found") or malformed ("skipped"). */
    private static <T> T optional(Doc doc, Path file, String consequence, Supplier<T> read) {
        if (!Files.isRegularFile(file)) {
            doc.note(file.getFileName() + " not found: " + consequence);
            return null;
        }
        try {
            return read.get();
        } catch (InputException e) {
            doc.note(file.getFileName() + " skipped (" + e.getMessage() + "): " + consequence);
            return null;
        }
    }

    /** The metric a grid ranks by: the recorded config's {@code grid.metric} (macro F1 without one). */
    static Metric gridMetric(ExperimentConfig config) {
        String column = config == null || config.grid() == null ? null : config.grid().metric();
        return Metric.LABEL.stream().filter(m -> m.column().equals(column)).findFirst().orElse(Comparison.METRIC);
    }

    private static void removeStale(Path figures, Set<String> keep) {
        if (!Files.isDirectory(figures)) return;
        try (Stream<Path> files = Files.list(figures)) {
            for (Path p : files.toList()) {
                String f = p.getFileName().toString();
                String stem = f.replaceFirst("\\.(svg|png)$", "");
                if (stem.equals(f) || keep.contains(stem) || OWN.stream().noneMatch(f::startsWith)) continue;
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot tidy " + figures + ": " + e.getMessage(), e);
        }
    }
}
