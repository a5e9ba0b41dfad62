package org.crystalbench.report;

import org.crystalbench.io.CsvTable;
import org.crystalbench.io.Json;
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
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.io.AtomicFiles;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * report.md and its figures for a results folder (a run's or a grid's): every part that the folder's
 * files support, and a note for each part that is missing. All inputs are read and checked before
 * anything is written; figures come first, report.md last, so every link in it points to a file.
 */
public final class Report {
    static {
        // Charts need no display; set before any AWT toolkit loads (the launcher and surefire set it too).
        System.setProperty("java.awt.headless", "true");
    }

    public static final String FILE = "report.md", FIGURES = "figures";
    /** Where JMH results are looked for by default, relative to the working directory. */
    public static final Path DEFAULT_PERF = Path.of("results", "perf");
    /** Prefixes of the figure files this class writes: stale ones are removed on regeneration. */
    private static final List<String> OWN = List.of("overview-", "f1-box-", "f1-mean-", "confusion-", "audit-entropy-", "reference-", "grid-", "perf-");

    private Report() {}

    /** Writes the report of {@code dir}, with benchmarks from {@link #DEFAULT_PERF}; returns report.md's path. */
    public static Path write(Path dir) {
        return write(dir, DEFAULT_PERF);
    }

    /**
     * @param perf a JMH JSON file or a folder of them (see {@link PerfSection#files}); null or missing: no benchmarks
     * @throws InputException when {@code dir} is not a results folder or its summary.csv / grid.csv is malformed
     */
    public static Path write(Path dir, Path perf) {
        Doc doc = build(dir, perf);
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

    /** Reads every input and lays out the report in memory (figures not yet rendered). */
    static Doc build(Path dir, Path perf) {
        if (!Files.isDirectory(dir)) throw new InputException(dir + ": not a folder");
        CsvTable summaryCsv = CsvTable.readIfExists(dir.resolve("summary.csv"));
        CsvTable gridCsv = CsvTable.readIfExists(dir.resolve("grid.csv"));
        if (summaryCsv == null && gridCsv == null) {
            throw new InputException(dir + ": not a results folder: neither summary.csv (written by `run`) nor grid.csv "
                    + "(written by `grid`) found");
        }
        var doc = new Doc();
        JsonNode provenance = optional(doc, dir.resolve("provenance.json"), "no config details, no comparison with the study",
                () -> readJson(dir.resolve("provenance.json")));
        JsonNode config = provenance != null && provenance.path("config").isObject() ? provenance.get("config") : null;

        String name = config != null && config.path("name").isString() ? config.get("name").stringValue()
                : dir.toAbsolutePath().normalize().getFileName().toString();
        doc.para("# crystal-bench report: " + name);
        var intro = new StringBuilder("Results folder `" + dir.toAbsolutePath().normalize().getFileName() + "`");
        if (config != null && config.has("seed")) intro.append(", seed ").append(config.get("seed").asString());
        intro.append(". Written by crystal-bench ").append(BuildInfo.version()).append(" from the files in this folder. "
                + "Figures are in `figures/` as SVG and PNG (PNG shown, SVG linked).");
        if (dir.resolve("summary.md").toFile().isFile()) intro.append(" The full tables are in [summary.md](summary.md).");
        if (dir.resolve("grid.md").toFile().isFile()) intro.append(" The grid's tables are in [grid.md](grid.md).");
        doc.para(intro.toString());
        int contentsAt = doc.md.length();

        if (summaryCsv != null) {
            var summary = RunSection.readSummary(summaryCsv);
            boolean intervals = RunSection.hasIntervals(summaryCsv);
            String intervalName = intervalName(provenance);
            var splits = optional(doc, dir.resolve("splits.csv"), "no per-split box plots",
                    () -> RunSection.readSplits(CsvTable.readIfExists(dir.resolve("splits.csv"))));
            var confusion = optional(doc, dir.resolve("confusion.csv"), "no confusion matrices",
                    () -> RunSection.readConfusion(CsvTable.readIfExists(dir.resolve("confusion.csv"))));
            var comparisons = optional(doc, dir.resolve("comparisons.csv"), "no significance column in the score tables",
                    () -> RunSection.readComparisons(CsvTable.readIfExists(dir.resolve("comparisons.csv"))));
            var audit = optional(doc, dir.resolve("audit.csv"), "no leakage audit",
                    () -> AuditSection.read(CsvTable.readIfExists(dir.resolve("audit.csv"))));
            ReferenceSection.Reference reference = null;
            if (config != null) {
                try {
                    reference = ReferenceSection.read(config, dir.resolve("provenance.json").toString());
                    if (reference == null) doc.note("comparison with the study: the config has no `reference` block");
                } catch (InputException e) {
                    doc.note("comparison with the study skipped: " + e.getMessage());
                }
            }
            if (!intervals) doc.note("confidence intervals: summary.csv has no `macro_f1_ci_low`/`_ci_high` (or paper_f1) columns; mean ± SD shown instead");

            RunSection.write(doc, summary, intervals, intervalName, splits, confusion, comparisons, config);
            if (reference != null) ReferenceSection.write(doc, reference, summary, intervals, intervalName);
            if (audit != null) AuditSection.write(doc, audit);
        } else {
            doc.note("run scores: summary.csv not found (a grid folder)");
        }

        if (gridCsv != null) {
            GridSection.write(doc, GridSection.read(gridCsv, gridMetric(config)));
        } else {
            doc.note("grid search: grid.csv not found (not a grid folder)");
        }

        List<Path> perfFiles = PerfSection.files(perf);
        Map<Path, List<PerfSection.Result>> perfResults = new LinkedHashMap<>();
        for (Path p : perfFiles) {
            try {
                perfResults.put(p, PerfSection.read(p));
            } catch (InputException e) {
                doc.note("benchmark file skipped: " + e.getMessage());
            }
        }
        if (!perfResults.isEmpty()) PerfSection.write(doc, perfResults);
        else if (perfFiles.isEmpty()) doc.note(perf == null ? "benchmarks: none requested" : "benchmarks: no JMH JSON found in `" + perf + "`");

        if (!doc.notes.isEmpty()) {
            doc.section("Not in this report");
            for (String n : doc.notes) doc.line("- " + n);
            doc.line("");
        }
        doc.md.insert(contentsAt, doc.contents() + "\n\n");
        return doc;
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

    private static JsonNode readJson(Path file) {
        try {
            JsonNode n = Json.MAPPER.readTree(Files.readString(file));
            if (n == null || !n.isObject()) throw new InputException(file + ": not a JSON object");
            return n;
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        } catch (JacksonException e) {
            throw new InputException(file + ": malformed JSON: " + e.getOriginalMessage().replaceAll("\\s*\\n.*", ""));
        }
    }

    /** "95% confidence interval (corrected-t)" from whatever provenance.json records about it. */
    static String intervalName(JsonNode provenance) {
        String method = provenance == null ? null : findText(provenance, Set.of("ci_method", "ci"));
        JsonNode level = provenance == null ? null : find(provenance, Set.of("ci_level", "confidence_level", "confidence"));
        String name = "confidence interval";
        if (level != null && level.isNumber()) {
            double l = level.doubleValue();
            name = Doc.fmt("%s%% ", org.crystalbench.io.Csv.num(l <= 1 ? 100 * l : l)) + name;
        }
        return method == null ? name : name + " (" + method + ")";
    }

    /** The metric a grid ranks by, when its config says (grid.metric / grid.select / grid.selection_metric). */
    static String gridMetric(JsonNode config) {
        if (config == null) return null;
        JsonNode g = config.path("grid");
        for (String k : List.of("metric", "selection_metric", "select", "objective")) {
            if (g.path(k).isString()) return g.get(k).stringValue();
        }
        return null;
    }

    private static String findText(JsonNode node, Set<String> keys) {
        JsonNode n = find(node, keys);
        return n != null && n.isString() ? n.stringValue() : null;
    }

    private static JsonNode find(JsonNode node, Set<String> keys) {
        if (node.isObject()) {
            for (var e : node.properties()) if (keys.contains(e.getKey()) && (e.getValue().isString() || e.getValue().isNumber())) return e.getValue();
            for (var e : node.properties()) {
                JsonNode f = find(e.getValue(), keys);
                if (f != null) return f;
            }
        }
        return null;
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
