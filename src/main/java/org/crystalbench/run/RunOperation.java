package org.crystalbench.run;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.crystalbench.ExitCode;
import org.crystalbench.InputException;
import org.crystalbench.audit.AuditReport;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.evaluation.Experiment;
import org.crystalbench.evaluation.SplitResult;
import org.crystalbench.io.Console;
import org.crystalbench.io.OutputPaths;
import org.crystalbench.io.Parallel;
import org.crystalbench.io.StagedFolder;
import org.crystalbench.io.Progress;
import org.crystalbench.provenance.Provenance;
import org.crystalbench.results.Comparison;
import org.crystalbench.results.ImportanceTable;
import org.crystalbench.results.RunStats;
import org.crystalbench.results.PredictionsTable;
import org.crystalbench.results.RunTables;
import org.crystalbench.results.Summary;
import org.crystalbench.stats.CiSpec;

/**
 * {@code crystal-bench run} as an operation: check every input, fit every model on every
 * feature set and split, compute the statistics, write the tables and the report. Everything that
 * can fail on bad input fails before the first fit, and the output folder is created (so a folder
 * that cannot be written is reported) before the fits too.
 */
public final class RunOperation {
    private RunOperation() {}

    /**
     * @param data        overrides dataset.path (null: the config's)
     * @param out         output folder (null: results/runs/&lt;time&gt;-&lt;config&gt;)
     * @param commandLine the program's arguments, recorded in provenance.json
     * @param predictions       write predictions.csv.gz (the out-of-fold predictions)
     * @param importanceRepeats permutations per input and split for importance.csv; 0: no importance
     * @param coverage          levels of conformal prediction sets for conformal.csv (e.g. 0.9); empty: none
     */
    public record Request(Path config, Path data, Path out, int threads, CiSpec ci, boolean quiet, List<String> commandLine,
                          boolean predictions, int importanceRepeats, double[] coverage) {
        public Request {
            coverage = coverage == null ? new double[0] : coverage.clone();
        }

        /** A request without prediction sets. */
        public Request(Path config, Path data, Path out, int threads, CiSpec ci, boolean quiet, List<String> commandLine,
                       boolean predictions, int importanceRepeats) {
            this(config, data, out, threads, ci, quiet, commandLine, predictions, importanceRepeats, null);
        }
    }

    /** What a run produced, as written to {@code dir} ({@code importance} empty unless asked for). */
    public record Outcome(Path dir, Experiment experiment, List<SplitResult> results, List<Summary> summaries, RunStats stats,
                          List<ImportanceTable.Row> importance) {
        /** A run that returns has finished: bad input and faults are exceptions. */
        public ExitCode status() {
            return ExitCode.OK;
        }
    }

    public static Outcome execute(Request r, Console console) {
        Instant start = Instant.now();
        Parallel.threads(r.threads());
        if (r.importanceRepeats() < 0) throw new InputException("--importance-repeats: " + r.importanceRepeats() + " (must be >= 1)");
        for (double level : r.coverage()) {
            if (!(level > 0 && level < 1)) throw new InputException("--coverage: " + level + " (a level in (0, 1), e.g. 0.9)");
        }
        ExperimentConfig cfg = ConfigLoader.load(r.config(), r.data());
        long heap = Runtime.getRuntime().maxMemory();
        RunSize.check(r.config(), cfg, 0, 0, heap); // before reading the data: a typo of 10^9 repeats is refused at once
        Experiment exp = Experiment.prepare(cfg, r.config(), line -> console.err().println("crystal-bench run: " + line));
        RunSize.check(r.config(), cfg, exp.data().size(), exp.data().classes().size(), heap);
        exp.checkKernelMemory(r.threads(), Runtime.getRuntime().maxMemory());
        exp.data().missingNotes(cfg.featureSets()).forEach(n -> console.err().println("crystal-bench run: " + n));
        exp.data().identifierNotes().forEach(n -> console.err().println("crystal-bench run: " + n));
        if (exp.large()) console.err().println("crystal-bench run: leakage audit of " + exp.data().size() + " rows");
        AuditReport audit = AuditReport.of(exp, r.threads());
        audit.warnings().forEach(w -> console.err().println("crystal-bench: " + w));
        Path dir = r.out() != null ? r.out() : defaultOut("runs", r.config());
        OutputPaths.folder(dir, "--out");
        try (StagedFolder staged = StagedFolder.beside(dir, "--out")) {
            staged.removedStale().forEach(p -> console.err().println("crystal-bench run: removed " + p + ", left by a run that was killed"));
            return fitAndWrite(r, cfg, exp, audit, dir, staged, start, console);
        }
    }

    /** Fits, then writes every table and the report into {@code staged}, which appears as {@code dir} at once. */
    private static Outcome fitAndWrite(Request r, ExperimentConfig cfg, Experiment exp, AuditReport audit, Path dir,
                                       StagedFolder staged, Instant start, Console console) {
        long units = Runner.size(exp);
        console.err().printf("crystal-bench run: %d rows, %d feature sets x %d splits x %d models = %d fits on %d threads -> %s%n",
                exp.data().size(), cfg.featureSets().size(), exp.allSplits().size(), Runner.models(exp).size(), units, r.threads(), dir);
        long t0 = System.nanoTime();
        Runner.Output output;
        try (Progress progress = Progress.create("run", units, r.quiet())) {
            output = Runner.run(exp, r.threads(), progress, r.importanceRepeats(), r.coverage());
        }
        List<SplitResult> results = output.results();
        org.crystalbench.results.FitWarnings.lines(results).forEach(w -> console.err().println("crystal-bench: warning: " + w));
        List<Summary> summaries = Summary.of(results);
        var provenance = Provenance.capture(exp, r.commandLine(), r.threads(), start, Instant.now(), r.ci());
        var baseline = Runner.models(exp).stream().filter(m -> m instanceof org.crystalbench.models.ChanceSpec)
                .map(org.crystalbench.models.ModelSpec::name).collect(java.util.stream.Collectors.toSet());
        var stats = new RunStats(r.ci(), cfg.seed(), Comparison.of(summaries, r.ci().level(), baseline), audit, provenance);
        RunTables.chanceCheck(cfg, summaries, r.ci().level())
                .forEach(n -> console.err().println("crystal-bench: warning: " + n.line().replace("`", "'")));
        var summary = RunTables.writeAll(staged.path(), exp, results, summaries, stats, r.predictions());
        List<ImportanceTable.Row> importance = ImportanceTable.rows(output.importance(), r.ci(), cfg.seed());
        if (r.importanceRepeats() > 0) ImportanceTable.write(staged.path(), importance);
        var sets = org.crystalbench.results.ConformalTable.rows(output.conformal(), r.ci(), cfg.seed());
        if (r.coverage().length > 0) org.crystalbench.results.ConformalTable.write(staged.path(), sets);
        org.crystalbench.report.SummaryPage.write(staged.path(), exp, summary, results, summaries, stats, sets);
        // Reads the tables just written, but the predictions from memory (the same rows, without parsing 1.8 M of them at
        // a million data rows); names the folder as it will be once the staging folder is renamed.
        var predictions = r.predictions() ? PredictionsTable.source(results, exp.data().y(), exp.data().classes()) : null;
        org.crystalbench.report.Report.write(staged.path(), org.crystalbench.report.Report.defaultPerf(staged.path()),
                dir.toAbsolutePath().normalize().getFileName().toString(), predictions);
        staged.commit(); // all tables or none
        Path report = dir.resolve(org.crystalbench.report.Report.FILE);
        console.err().printf("crystal-bench run: done in %.1f s; tables in %s, report %s%n", (System.nanoTime() - t0) / 1e9, dir, report);
        console.out().println(dir.resolve("summary.md"));
        return new Outcome(dir, exp, results, summaries, stats, importance);
    }

    /** results/&lt;kind&gt;/&lt;yyyyMMdd-HHmmss&gt;-&lt;config name&gt; */
    public static Path defaultOut(String kind, Path config) {
        String name = config.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return Path.of("results", kind, OutputPaths.stamp() + "-" + name);
    }
}
