package org.crystalbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.audit.AuditReport;
import org.crystalbench.provenance.Provenance;
import org.crystalbench.reporting.RunStats;
import org.crystalbench.reporting.RunTables;
import org.crystalbench.evaluation.Experiment;
import org.crystalbench.io.Progress;
import org.crystalbench.run.Runner;
import org.crystalbench.evaluation.SplitResult;
import org.crystalbench.stats.CiSpec;

import org.crystalbench.reporting.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs an experiment: every model, feature set and split.",
                "Every model and feature set sees the same repeated stratified splits, made",
                "from the seed. Writes splits.csv, summary.csv, summary.md, comparisons.csv,",
                "audit.csv, provenance.json, per-class.csv, confusion.csv, splits-manifest.csv",
                "and report.md to the output folder, and prints a WARNING for each feature",
                "the leakage audit flags (docs/statistics.md)."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions input;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: results/runs/<time>-<config>).")
    Path out;

    @Mixin
    WorkerOptions workers;

    @Option(names = "--ci", paramLabel = "METHOD",
            description = "Confidence intervals: corrected-t (Nadeau–Bengio, default), t (plain) or bootstrap (percentile over splits, seeded).")
    String ci = "corrected-t";

    @Option(names = "--ci-level", paramLabel = "LEVEL", description = "Confidence level of intervals and tests (default ${DEFAULT-VALUE}).")
    double ciLevel = 0.95;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Instant start = Instant.now();
        int threads = workers.threads();
        CiSpec ciSpec = CiSpec.parse(ci, ciLevel);
        ExperimentConfig cfg = input.load();
        Experiment exp = Experiment.prepare(cfg, input.file); // all input checks happen before any output
        AuditReport audit = AuditReport.of(exp);
        audit.warnings().forEach(w -> System.err.println("crystal-bench: " + w));
        Path dir = out != null ? out : defaultOut("runs", input.file);
        long units = Runner.size(exp);
        System.err.printf("crystal-bench run: %d rows, %d feature sets x %d splits x %d models = %d fits on %d threads -> %s%n",
                exp.data().size(), cfg.featureSets().size(), exp.allSplits().size(), cfg.models().size(), units, threads, dir);
        long t0 = System.nanoTime();
        List<SplitResult> results;
        try (Progress progress = Progress.create("run", units, workers.quiet)) {
            results = Runner.run(exp, threads, progress);
        }
        List<Summary> summaries = Summary.of(results);
        var comparisons = org.crystalbench.reporting.Comparison.of(summaries, ciSpec.level());
        List<String> commandLine = spec.commandLine().getParseResult().originalArgs(); // "run", CONFIG, flags...
        var provenance = Provenance.capture(exp, commandLine, threads, start, Instant.now(), ciSpec);
        Files.createDirectories(dir);
        RunTables.writeAll(dir, exp, results, summaries, new RunStats(ciSpec, cfg.seed(), comparisons, audit, provenance));
        Path report = org.crystalbench.report.Report.write(dir); // reads the tables just written
        System.err.printf("crystal-bench run: done in %.1f s; tables in %s, report %s%n", (System.nanoTime() - t0) / 1e9, dir, report);
        System.out.println(dir.resolve("summary.md"));
        return Main.OK;
    }

    /** results/&lt;kind&gt;/&lt;yyyyMMdd-HHmmss&gt;-&lt;config name&gt; */
    static Path defaultOut(String kind, Path config) {
        String name = config.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return Path.of("results", kind, LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + name);
    }
}
