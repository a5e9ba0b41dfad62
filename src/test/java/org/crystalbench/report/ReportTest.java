package org.crystalbench.report;

import java.io.PrintWriter;
import java.io.Writer;
import org.crystalbench.io.Console;
import org.crystalbench.run.RunOperation;
import org.crystalbench.stats.CiSpec;

import org.crystalbench.ExitCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.crystalbench.Fixtures;
import org.crystalbench.InputException;
import org.crystalbench.TestCli;
import org.crystalbench.cli.Main;
import org.crystalbench.config.ConfigLoader;
import java.util.EnumMap;
import java.util.Map;
import org.crystalbench.io.Csv;
import org.crystalbench.metrics.Metric;
import org.crystalbench.results.Estimate;
import org.crystalbench.results.GridTable;
import org.crystalbench.results.RunTables;
import org.crystalbench.stats.Interval;
import org.crystalbench.evaluation.Experiment;
import org.crystalbench.io.Progress;
import org.crystalbench.run.Runner;
import org.crystalbench.results.Summary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    /** Two feature sets (one with the leaking Spacegroup), both protocols, three quick models; data.csv beside the config. */
    static Fixtures.Config config() {
        return Fixtures.config(Path.of("data.csv")).name("report-test")
                .featureSets(Fixtures.sets("paper", List.of("Formation Energy (eV)", "Band Gap (eV)", "Nsites", "Volume", "Spacegroup"),
                        "numeric-only", Fixtures.NUMERIC))
                .protocols("holdout: {repeats: 4, test_ratio: 0.25}\ncv: {repeats: 1, folds: 3}")
                .models("""
                        - {name: LR, type: logistic, lambda: 0.1, max_iter: 200}
                        - {name: NB, type: naive-bayes}
                        - {name: Voting, type: voting, members: [LR, NB], rule: hard}
                        """)
                .append("""
                        reference:
                          source: Study, Table 1
                          feature_set: paper
                          protocol: holdout
                          models:
                            LR: {precision: 0.54, recall: 0.48, f1: 0.49}
                            NB: {precision: 0.29, recall: 0.37, f1: 0.32}
                            DNN: {precision: 0.82, recall: 0.82, f1: 0.81}
                        """);
    }

    /**
     * A real run's output folder, made once from generated data: {@code full} as `run` writes it, and
     * {@code run} with only the core tables (no comparisons.csv, audit.csv or provenance.json), so each
     * optional part can be added on its own by the tests below.
     */
    @TempDir
    static Path shared;
    static Path run, full;

    @BeforeAll
    static void realRun() throws IOException {
        Fixtures.writeSynthetic(shared.resolve("data.csv"), 120, 11);
        Path config = config().write(shared, "config.yaml");
        full = shared.resolve("full");
        var quiet = new Console(new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()));
        RunOperation.execute(new RunOperation.Request(config, null, full, 2, CiSpec.DEFAULT, true, List.of("run", config.toString()), true, 0), quiet);
        run = shared.resolve("run");
        Files.createDirectories(run);
        try (Stream<Path> files = Files.list(full)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!Files.isRegularFile(f) || List.of("comparisons.csv", "audit.csv", "provenance.json", "report.md").contains(name)) continue;
                Files.copy(f, run.resolve(name));
            }
        }
    }

    @Test
    void reportOfAFullRunShowsEveryStatisticsPart(@TempDir Path tmp) throws Exception {
        try (Stream<Path> files = Files.list(full)) {
            for (Path f : files.toList()) if (Files.isRegularFile(f)) Files.copy(f, tmp.resolve(f.getFileName()));
        }
        String md = Files.readString(Report.write(tmp, tmp.resolve("no-perf")));
        checkLinks(tmp);
        assertTrue(md.contains("## Leakage audit"), md);
        assertTrue(md.contains("**Spacegroup**"), "the flagged feature is marked");
        String notes = md.substring(md.indexOf("## Not in this report"));
        for (String present : List.of("audit.csv not found", "provenance.json not found", "comparisons.csv not found")) {
            assertFalse(notes.contains(present), present);
        }
    }

    /**
     * By default the report shows benchmarks from the results folder's own perf/ only: the tests run in
     * the repository, whose results/perf holds JMH results measured on other data, and they must not appear.
     */
    @Test
    void benchmarksOnlyFromTheFolderItselfByDefault(@TempDir Path tmp) throws Exception {
        assertTrue(Files.isDirectory(Path.of("results", "perf")), "the working directory has benchmarks to ignore");
        try (Stream<Path> files = Files.list(full)) {
            for (Path f : files.toList()) if (Files.isRegularFile(f)) Files.copy(f, tmp.resolve(f.getFileName()));
        }
        String md = Files.readString(Report.write(tmp));
        assertFalse(md.contains("## Benchmarks (JMH)"), md);
        assertTrue(md.contains("benchmarks: no JMH JSON found in `perf/` of this folder"), md);

        Files.createDirectories(tmp.resolve("perf"));
        Files.writeString(tmp.resolve("perf/own.json"), jmh("SingleRowBench.predictRow", "avgt", "ns/op", "12.5"));
        md = Files.readString(Report.write(tmp));
        assertTrue(md.contains("## Benchmarks (JMH)") && md.contains("own.json"), md);
    }

    /** summary.md and report.md give every model the same verdict against the best, in the same words. */
    @Test
    void summaryAndReportUseTheSameVerdicts(@TempDir Path tmp) throws Exception {
        try (Stream<Path> files = Files.list(full)) {
            for (Path f : files.toList()) if (Files.isRegularFile(f)) Files.copy(f, tmp.resolve(f.getFileName()));
        }
        String report = Files.readString(Report.write(tmp, null));
        List<String> fromSummary = verdicts(Files.readString(tmp.resolve("summary.md")));
        assertEquals(2 * 2 * 4, fromSummary.size(), "one per model (and the chance baseline) of every feature set and protocol");
        assertEquals(fromSummary, verdicts(report));
        assertTrue(fromSummary.contains("**best**") && fromSummary.stream().anyMatch(v -> v.matches("(not )?significantly worse \\(Δ -\\d\\.\\d{3}, Holm p [=<] \\d\\.\\d{3}\\)")),
                fromSummary.toString());
        // The study tables are summary.md's alone: report.md keeps its section and chart, and links to them.
        String header = "| " + String.join(" | ", StudyMarkdown.HEADER) + " |";
        assertTrue(Files.readString(tmp.resolve("summary.md")).contains(header) && !report.contains(header), report);
        assertTrue(report.contains("## Comparison with Study, Table 1\n\nThe comparison's tables (the reference's P/R/F1 beside ours, "
                + "its values against every setting, which F1 it reports) are in [summary.md](summary.md), section *Comparison with Study, Table 1*."), report);
        // The probability tables are summary.md's alone: report.md links to them, one line per group.
        String probabilities = "| Model | " + String.join(" | ", Cells.PROBABILITY_HEADER) + " | " + Cells.VERSUS_LOG_LOSS + " |";
        assertTrue(Files.readString(tmp.resolve("summary.md")).contains(probabilities));
        assertFalse(report.contains(probabilities) || report.contains("**Probabilities**"), report);
        assertEquals(2 * 2, report.lines().filter(l -> l.startsWith("Probability scores (log loss, Brier, ROC AUC, ECE; vs best by log loss): "
                + "in [summary.md](summary.md), feature set `")).count(), report);
    }

    /** The last cell of every row of every table whose last column is the verdict. */
    static List<String> verdicts(String md) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : md.lines().toList()) {
            if (line.endsWith("| " + org.crystalbench.report.Cells.VERSUS + " |")) in = true;
            else if (!line.startsWith("|")) in = false;
            else if (in && !line.startsWith("|---")) out.add(line.substring(line.lastIndexOf(" | ") + 3, line.length() - 2));
        }
        return out;
    }

    /** The report names the interval as provenance.json records it: CiSpec's label. */
    @Test
    void reportNamesTheIntervalOfTheRun(@TempDir Path tmp) throws IOException {
        Fixtures.writeSynthetic(tmp.resolve("data.csv"), 60, 3);
        Path config = config().protocols("holdout: {repeats: 3}").write(tmp, "config.yaml");
        Path out = tmp.resolve("out");
        var r = TestCli.run("run", config.toString(), "--out", out.toString(), "--threads", "1", "-q", "--ci", "t", "--ci-level", "0.9");
        assertEquals(ExitCode.OK.code(), r.code(), r.err());
        String label = org.crystalbench.provenance.Provenance.read(out.resolve("provenance.json")).ci().label();
        assertEquals("t 90%", label);
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("mean per model with its " + label + " CI"), md);
        String summaryMd = Files.readString(out.resolve("summary.md"));
        assertTrue(summaryMd.contains("Cells are mean [" + label + " interval of the mean]") && summaryMd.contains("ours as mean [" + label + " interval]"));
    }

    static Path copyRun(Path to) throws IOException {
        try (Stream<Path> files = Files.list(run)) {
            for (Path f : files.toList()) if (Files.isRegularFile(f)) Files.copy(f, to.resolve(f.getFileName()));
        }
        return to;
    }

    /** Every figure report.md links: checked to exist and to be a valid PNG or SVG. Returns the links. */
    static List<String> checkLinks(Path dir) throws Exception {
        String md = Files.readString(dir.resolve(Report.FILE));
        Matcher m = Pattern.compile("\\]\\(([^)]+)\\)").matcher(md);
        List<String> links = new ArrayList<>();
        while (m.find()) {
            String link = m.group(1);
            if (link.startsWith("#")) {
                String anchor = link.substring(1);
                assertTrue(md.lines().anyMatch(l -> l.startsWith("## ") && Doc.anchor(l.substring(3)).equals(anchor)), "anchor " + link);
                continue;
            }
            assertFalse(link.startsWith("/") || link.contains(":"), "link is not relative: " + link);
            if (!links.contains(link)) links.add(link);
            Path f = dir.resolve(link);
            assertTrue(Files.isRegularFile(f), "linked file missing: " + link);
            byte[] bytes = Files.readAllBytes(f);
            if (link.endsWith(".png")) {
                assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, Arrays.copyOf(bytes, 8), link);
                var image = ImageIO.read(new ByteArrayInputStream(bytes));
                assertNotNull(image, link);
                assertTrue(image.getWidth() >= 300 && image.getHeight() >= 200, link);
            } else if (link.endsWith(".svg")) {
                var factory = DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
                var root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes)).getDocumentElement();
                assertEquals("svg", root.getTagName(), link);
            }
        }
        // Every figure comes as both SVG and PNG.
        for (String l : links) {
            if (l.startsWith("figures/")) assertTrue(Files.isRegularFile(dir.resolve(l.replaceFirst("\\.(png|svg)$", "") + ".svg"))
                    && Files.isRegularFile(dir.resolve(l.replaceFirst("\\.(png|svg)$", "") + ".png")), l);
        }
        return links;
    }

    @Test
    void reportFromARealRunLinksOnlyValidFigures(@TempDir Path tmp) throws Exception {
        assertTrue(GraphicsEnvironment.isHeadless(), "tests must run headless");
        Path dir = copyRun(tmp);
        Path out = Report.write(dir, tmp.resolve("no-perf"));
        assertEquals(dir.resolve("report.md"), out);
        String md = Files.readString(out);
        List<String> links = checkLinks(dir);
        for (String fs : List.of("paper", "numeric-only")) {
            for (String p : List.of("holdout", "cv")) {
                for (String kind : List.of("f1-box-", "f1-mean-", "confusion-")) {
                    assertTrue(links.contains("figures/" + kind + fs + "-" + p + ".png"), kind + fs + "-" + p);
                    assertTrue(links.contains("figures/" + kind + fs + "-" + p + ".svg"), kind + fs + "-" + p);
                }
            }
        }
        assertTrue(links.containsAll(List.of("figures/overview-macro-f1-holdout.png", "figures/overview-macro-f1-cv.svg")));
        // No provenance.json, so no config and no reference block: macro F1 only.
        assertTrue(md.contains(RunSection.MACRO_LABEL) && !md.contains("Paper F1"), "macro F1 only");
        assertTrue(md.contains("| LR | 4 |"), "holdout table row for LR with 4 splits");
        assertTrue(md.contains("[summary.md](summary.md)"));
        assertTrue(md.contains("Contents: [Scores per feature set and protocol](#scores-per-feature-set-and-protocol) · "
                + "[Per-class scores](#per-class-scores) · [Not in this report](#not-in-this-report)"), md);
        // What the folder lacks is said, once each, in the closing list.
        String notes = md.substring(md.indexOf("## Not in this report"));
        for (String missing : List.of("audit.csv not found", "provenance.json not found", "grid.csv not found", "no JMH JSON found",
                "comparisons.csv not found")) {
            assertTrue(notes.contains(missing), missing);
        }
        assertFalse(md.contains("## Leakage audit") || md.contains("## Grid search") || md.contains("## Benchmarks"));
    }

    @Test
    void regeneratingGivesTheSameReportAndRemovesStaleFigures(@TempDir Path tmp) throws IOException {
        Path dir = copyRun(tmp);
        Report.write(dir, null);
        String first = Files.readString(dir.resolve("report.md"));
        byte[] svg = Files.readAllBytes(dir.resolve("figures/f1-box-paper-holdout.svg"));
        Files.writeString(dir.resolve("figures/grid-stale-old.svg"), "<svg/>");
        Files.writeString(dir.resolve("figures/mine.txt"), "not ours");
        Report.write(dir, null);
        assertEquals(first, Files.readString(dir.resolve("report.md")));
        assertArrayEquals(svg, Files.readAllBytes(dir.resolve("figures/f1-box-paper-holdout.svg")), "SVG is reproducible");
        assertFalse(Files.exists(dir.resolve("figures/grid-stale-old.svg")), "stale figure of ours removed");
        assertTrue(Files.exists(dir.resolve("figures/mine.txt")), "other files left alone");
    }

    /** A run folder with every optional part: audit, provenance with the study's table, JMH results. */
    @Test
    void everyOptionalPartShowsWhenItsFileIsThere(@TempDir Path tmp) throws Exception {
        Path dir = copyRun(tmp);
        Files.copy(full.resolve("provenance.json"), dir.resolve("provenance.json"));
        Files.writeString(dir.resolve("audit.csv"), """
                feature_set,protocol,feature,kind,categories,conditional_entropy_bits,pure_share,lookup_accuracy,best_single_accuracy,flagged
                paper,holdout,Spacegroup,categorical,21,0,1,0.98,0.98,true
                paper,holdout,Formula,categorical,12,1.41,0.1,0.45,0.45,false
                paper,holdout,Band Gap (eV),numeric,,1.52,,,0.44,false
                paper,holdout,Volume,numeric,,,,,0.40,false
                """);
        Files.writeString(dir.resolve("comparisons.csv"), """
                feature_set,protocol,model,best_model,metric,mean_diff,ci_low,ci_high,t,p,p_holm,significantly_worse
                paper,holdout,LR,Voting,macro_f1,-0.1,-0.15,-0.05,-4.2,0.001,0.002,true
                paper,holdout,NB,Voting,macro_f1,-0.01,-0.05,0.03,-0.6,0.3,0.6,false
                paper,holdout,LR,Voting,paper_f1,-0.1,-0.15,-0.05,-4.2,0.001,0.002,true
                """);
        Path perf = Files.createDirectories(tmp.resolve("perf"));
        Files.writeString(perf.resolve("baseline.json"), jmh("TrainBench.fit", "avgt", "ms/op", "NaN"));
        Files.createDirectories(perf.resolve("runs"));
        Files.writeString(perf.resolve("runs/20260101-000000.json"), "[ not json");
        Files.writeString(perf.resolve("runs/20260102-000000.json"), jmh("SingleRowBench.predictRow", "avgt", "ns/op", "12.5"));

        Report.write(dir, perf);
        String md = Files.readString(dir.resolve("report.md"));
        List<String> links = checkLinks(dir);
        assertTrue(md.startsWith("# crystal-bench report: report-test"));
        assertTrue(md.contains("corrected-t 95% CI"), "interval named from provenance");
        assertTrue(md.matches("(?s).*\\| LR \\| 4 \\| 0\\.\\d{3} \\[0\\.\\d{3}, 0\\.\\d{3}\\].*"), "CI cells");
        assertTrue(md.contains("Repeated stratified 3-fold CV (1 repeats)"));
        // Significance against the best model, from comparisons.csv (macro F1 rows only).
        assertTrue(md.contains("| vs best (macro F1) |"), md);
        assertTrue(md.contains(" | significantly worse (Δ -0.100, Holm p = 0.002) |")
                && md.contains(" | not significantly worse (Δ -0.010, Holm p = 0.600) |") && md.contains(" | **best** |"), md);
        // Audit: table with the flagged feature in bold, chart of the three features with a value.
        assertTrue(md.contains("## Leakage audit"));
        assertTrue(md.contains("| **Spacegroup** | categorical | 0.000 | 21 | 1.000 | 0.980 | 0.980 | **yes** |"), md);
        assertTrue(links.contains("figures/audit-entropy-paper-holdout.png"));
        assertTrue(md.contains("not drawn: Volume."), md);
        // Study: two of three models were run.
        assertTrue(md.contains("## Comparison with Study, Table 1"), "titled by the reference's own source");
        assertTrue(md.contains("are in [summary.md](summary.md), section *Comparison with Study, Table 1*."), "its tables: a link");
        // Probabilities: a link to summary.md's table per group and a reliability diagram per group from predictions.csv.gz.
        assertTrue(md.contains("Probability scores (log loss, Brier, ROC AUC, ECE; vs best by log loss): in [summary.md](summary.md)"), md);
        assertTrue(links.contains("figures/reliability-paper-holdout.png"), links.toString());
        assertTrue(md.contains("Rows per confidence bin") && md.contains("| Model | 0.0–0.1 | 0.1–0.2 |"), "bin counts under the diagram");
        assertFalse(md.contains("| DNN | 0.820 | 0.820 | 0.810 |"), "the reference's rows are summary.md's");
        assertTrue(links.contains("figures/reference-paper-holdout.png"));
        // Benchmarks: the baseline and the newest run only; training and inference apart.
        assertTrue(md.contains("## Benchmarks (JMH)"));
        assertTrue(md.contains("#### Training") && md.contains("#### Inference"));
        assertTrue(links.contains("figures/perf-baseline-trainbench.fit-avgt.png"));
        assertTrue(links.contains("figures/perf-20260102-000000-singlerowbench.predictrow-avgt.png"));
        assertFalse(md.contains("20260101-000000"), "only the newest run is shown");
        assertTrue(md.contains("| TrainBench.fit | DNN | avgt | 250.0 | – | ms/op |"), md);
        assertFalse(md.contains("audit.csv not found") || md.contains("provenance.json not found"));
    }

    @Test
    void aMalformedOptionalFileIsSkippedWithANote(@TempDir Path tmp) throws Exception {
        Path dir = copyRun(tmp);
        Files.writeString(dir.resolve("audit.csv"), "feature_set,protocol,feature\npaper,holdout,Spacegroup\n");
        Files.writeString(dir.resolve("provenance.json"), "{\"config\": ");
        Files.delete(dir.resolve("confusion.csv"));
        Path perf = tmp.resolve("bench.json");
        Files.writeString(perf, "[{\"benchmark\": \"x.Y.fit\", \"mode\": \"avgt\", \"primaryMetric\": {\"score\": \"fast\"}}]");
        Report.write(dir, perf);
        String md = Files.readString(dir.resolve("report.md"));
        checkLinks(dir);
        assertTrue(md.contains("audit.csv skipped (") && md.contains("column 'kind' missing"), md);
        assertTrue(md.contains("provenance.json skipped (") && md.contains("provenance.json:1:12: Unexpected end-of-input"), md);
        assertTrue(md.contains("confusion.csv not found: no confusion matrices"));
        assertTrue(md.contains("benchmark file skipped: " + perf + ": result [0]: primaryMetric: score: missing or not a number"), md);
        assertFalse(md.contains("## Benchmarks"));
        assertFalse(md.contains("figures/confusion-"));
        assertTrue(md.contains("figures/f1-box-paper-holdout.png"), "the rest is still there");
    }

    @Test
    void aGridFolderGetsHeatmapsAndTopConfigurations(@TempDir Path tmp) throws Exception {
        List<GridTable.Row> rows = new ArrayList<>();
        int id = 0;
        for (double c : new double[] {0.1, 1, 10}) {
            for (double s : new double[] {0.5, 3}) {
                double f1 = 0.4 + 0.05 * Math.log10(c) + 0.1 * s / 3;
                boolean failed = c == 10 && s == 3;
                rows.add(gridRow("SVM", id++, Map.of("C", Csv.num(c), "sigma", Csv.num(s), "kernel", "gaussian"),
                        failed ? Double.NaN : f1, failed ? 5 : 0));
            }
        }
        for (double l : new double[] {0.01, 0.1}) rows.add(gridRow("LR", id++, Map.of("lambda", Csv.num(l)), 0.61, 0));
        GridTable.write(tmp, rows);
        Report.write(tmp, null);
        String md = Files.readString(tmp.resolve("report.md"));
        List<String> links = checkLinks(tmp);
        assertTrue(md.contains("## Grid search"));
        assertTrue(md.contains("1 failed or timed out"));
        assertEquals(List.of("figures/grid-paper-svm-c-sigma.png", "figures/grid-paper-svm-c-sigma.svg"), links,
                "one heatmap: SVM has two numeric axes, LR one");
        assertTrue(md.contains("| 1 | LR | lambda=0.01 | 0.610 [0.580, 0.640] | 5 | 3.0 |"), md);
        assertTrue(md.contains("summary.csv not found"));
    }

    /** A grid point with every metric's mean {@code f1} and interval f1 ± 0.03. */
    static GridTable.Row gridRow(String model, int id, Map<String, String> params, double f1, int failed) {
        Map<Metric, Estimate> stats = new EnumMap<>(Metric.class);
        Metric.ALL.forEach(m -> stats.put(m, new Estimate(f1, Double.NaN, new Interval(f1 - 0.03, f1 + 0.03))));
        return new GridTable.Row("paper", model, "p" + id, "h" + id, new java.util.TreeMap<>(params), 5, stats,
                model.equals("LR") ? 3 : 12.5, failed, 0, GridTable.Status.KEPT, 0, 5 + failed);
    }

    @Test
    void aFolderThatIsNotAResultsFolderIsBadInput(@TempDir Path tmp) {
        var e = assertThrows(InputException.class, () -> Report.write(tmp, null));
        assertTrue(e.getMessage().contains("not a results folder"), e.getMessage());
        var r = TestCli.run("report", tmp.toString());
        assertEquals(ExitCode.BAD_INPUT.code(), r.code());
        assertTrue(r.err().contains("not a results folder: neither summary.csv"), r.err());
        assertEquals(ExitCode.BAD_INPUT.code(), TestCli.run("report", tmp.resolve("nope").toString()).code());
        assertFalse(Files.exists(tmp.resolve("report.md")));
    }

    @Test
    void aSummaryWithoutItsF1ColumnsIsBadInput(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("summary.csv"), "feature_set,protocol,model,n,accuracy_mean\npaper,holdout,LR,3,0.5\n");
        var e = assertThrows(InputException.class, () -> Report.write(tmp, null));
        assertTrue(e.getMessage().endsWith("summary.csv: line 1: column 'accuracy_sd' missing"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("figures")), "nothing written");
    }

    @Test
    void runEndsWithAReportAndTheReportCommandPrintsItsPath(@TempDir Path tmp) throws IOException {
        Fixtures.writeSynthetic(tmp.resolve("data.csv"), 60, 3);
        Path config = config().protocols("holdout: {repeats: 2}").write(tmp, "config.yaml");
        Path out = tmp.resolve("out");
        var run = TestCli.run("run", config.toString(), "--out", out.toString(), "--threads", "1", "-q");
        assertEquals(ExitCode.OK.code(), run.code(), run.err());
        assertTrue(Files.isRegularFile(out.resolve("report.md")));
        assertTrue(Files.isRegularFile(out.resolve("figures/f1-box-paper-holdout.png")));

        var report = TestCli.run("report", out.toString(), "--perf", tmp.resolve("none").toString());
        assertEquals(ExitCode.OK.code(), report.code(), report.err());
        assertEquals(out.resolve("report.md").toString(), report.out().strip()); // the path, and nothing else
    }

    @Test
    void anchorsFollowGitHub() {
        assertEquals("comparison-with-the-studys-table-1", Doc.anchor("Comparison with the study's Table 1"));
        assertEquals("benchmarks-jmh", Doc.anchor("Benchmarks (JMH)"));
    }

    @Test
    void slugsAreSafeFileNames() {
        assertEquals("no-spacegroup-holdout-voting-soft", Figure.slug("no-spacegroup", "holdout", "Voting-soft"));
        assertEquals("energy-ev-a-b-x", Figure.slug("Energy (eV)", "a/b", "../"));
    }

    static String jmh(String method, String mode, String unit, String error) {
        String err = error.equals("NaN") ? "\"NaN\"" : error;
        return """
                [{"benchmark": "org.crystalbench.bench.%s", "mode": "%s", "params": {"model": "DNN"},
                  "primaryMetric": {"score": 250.0, "scoreError": %s, "scoreUnit": "%s"}},
                 {"benchmark": "org.crystalbench.bench.%s", "mode": "%s", "params": {"model": "NB"},
                  "primaryMetric": {"score": 0.8, "scoreError": 0.05, "scoreUnit": "%s"}}]
                """.formatted(method, mode, err, unit, method, mode, unit);
    }
}
