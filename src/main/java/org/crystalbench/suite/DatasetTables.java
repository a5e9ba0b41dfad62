package org.crystalbench.suite;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.crystalbench.audit.AuditReport;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.evaluation.Experiment;
import org.crystalbench.evaluation.SplitResult;
import org.crystalbench.grid.journal.GridMeta;
import org.crystalbench.grid.journal.Journal;
import org.crystalbench.grid.journal.JournalEntry;
import org.crystalbench.io.Console;
import org.crystalbench.metrics.Metric;
import org.crystalbench.metrics.ProbScores;
import org.crystalbench.metrics.Scores;
import org.crystalbench.models.ModelSpec;
import org.crystalbench.provenance.Provenance;
import org.crystalbench.report.Report;
import org.crystalbench.results.Comparison;
import org.crystalbench.results.RunStats;
import org.crystalbench.results.RunTables;
import org.crystalbench.results.Summary;
import org.crystalbench.run.Runner;
import org.crystalbench.stats.CiSpec;

/**
 * A suite data set's folder gets the tables {@code run} writes (summary.csv/.md, splits.csv, comparisons.csv,
 * per-class.csv, confusion.csv, splits-manifest.csv, audit.csv, leakage.csv, provenance.json; report.md over them
 * and the grid's), written by run's own owners ({@link RunTables}) from the journal: each entry carries its split's
 * scores and confusion counts, so nothing is fitted twice. Equal to {@code run} on the same data set and models
 * except the timings: a journal's {@code fit_ms} is fit and prediction together, so {@code predict_ms} is NaN.
 */
public final class DatasetTables {
    private DatasetTables() {}

    /**
     * Writes them into {@code dir} (a data set's grid folder) from its journal.
     *
     * @return false, with a line on stderr, when the journal cannot give them (no finished fit, or written before entries
     *         carried confusion counts)
     */
    public static boolean write(Path dir, CiSpec ci, int threads, List<String> commandLine, Instant start, Console console) {
        Path configFile = dir.resolve(SuiteFolder.DATASET_CONFIG);
        ExperimentConfig cfg = ConfigLoader.load(configFile);
        GridMeta meta = GridMeta.read(dir);
        if (meta == null) return false;
        Experiment exp = Experiment.prepare(cfg, configFile);
        var protocol = cfg.protocols().gridProtocol();
        List<SplitResult> results = new ArrayList<>();
        for (JournalEntry e : Journal.dedupe(Journal.readAll(dir.resolve(Journal.FILE), meta.binding())).values()) {
            if (!e.ok() || e.protocol() != protocol) continue;
            SplitResult r = splitResult(e);
            if (r == null) {
                console.err().println("crystal-bench suite: " + dir + ": its journal has entries without confusion counts (written by an "
                        + "older version): no run tables for this data set; run it again with --fresh for them");
                return false;
            }
            results.add(r);
        }
        if (results.isEmpty()) {
            console.err().println("crystal-bench suite: " + dir + ": no finished fit: no run tables for this data set");
            return false;
        }
        results = Runner.sorted(results, List.copyOf(cfg.featureSets().keySet()), cfg.models().stream().map(ModelSpec::name).toList());
        List<Summary> summaries = Summary.of(results);
        var provenance = Provenance.capture(exp, commandLine, threads, start, Instant.now(), ci);
        var stats = new RunStats(ci, cfg.seed(), Comparison.of(summaries, ci.level()), AuditReport.of(exp, threads), provenance);
        var summary = RunTables.writeAll(dir, exp, results, summaries, stats, false);
        org.crystalbench.report.SummaryPage.write(dir, exp, summary, results, summaries, stats, List.of());
        Report.write(dir); // again, now over the run tables and the grid's
        return true;
    }

    /** A journal entry as the split result {@code run} would have made (no predictions); null without confusion counts. */
    static SplitResult splitResult(JournalEntry e) {
        int[][] cm = e.confusionMatrix();
        if (cm == null) return null;
        Scores scores = Scores.of(cm).with(new ProbScores(e.metric(Metric.LOG_LOSS.column()), e.metric(Metric.BRIER.column()),
                e.metric(Metric.ROC_AUC.column()), e.metric(Metric.ECE.column())));
        return new SplitResult(e.featureSet(), e.split(), e.model(), scores, e.trainSize(), e.testSize(), e.fitMs(), Double.NaN,
                new int[0], new int[0], new double[0], e.warnings() == null ? List.of() : e.warnings());
    }
}
