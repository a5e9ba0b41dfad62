package org.crystalbench.results;

import java.nio.file.Path;
import java.util.List;
import org.crystalbench.audit.AuditTable;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.evaluation.Experiment;
import org.crystalbench.evaluation.SplitResult;
import org.crystalbench.models.ChanceSpec;

/**
 * A run's output: each table through its owner (splits.csv, summary.csv, comparisons.csv, per-class.csv,
 * confusion.csv, splits-manifest.csv, audit.csv, provenance.json); summary.md is rendered from the same typed rows
 * by {@code report.SummaryPage}.
 */
public final class RunTables {
    private RunTables() {}

    /**
     * Writes every table into {@code out}, each atomically; predictions.csv.gz when {@code predictions}. Returns the
     * summary rows, for summary.md ({@code report.SummaryPage}).
     */
    public static List<SummaryTable.Row> writeAll(Path out, Experiment exp, List<SplitResult> results, List<Summary> summaries, RunStats stats,
                                boolean predictions) {
        List<String> classes = exp.data().classes();
        List<SummaryTable.Row> summary = SummaryTable.rows(summaries, stats.ci(), stats.seed());
        ManifestTable.write(out, ManifestTable.rows(exp));
        SplitsTable.write(out, results.stream().map(SplitsTable.Row::of).toList());
        // the ids as strings only while writing, after the fits (the data set keeps them compact: data.RowIds)
        if (predictions) PredictionsTable.write(out, results, exp.data().ids(), exp.data().y(), classes);
        PerClassTable.write(out, PerClassTable.rows(results, classes));
        ConfusionTable.write(out, ConfusionTable.rows(results, classes));
        SummaryTable.write(out, summary);
        ComparisonsTable.write(out, stats.comparisons());
        AuditTable.write(out, AuditTable.rows(stats.audit()));
        org.crystalbench.audit.LeakageTable.write(out, stats.audit().leakage());
        stats.provenance().write(out);
        return summary;
    }

    /** The models not significantly above the run's chance baseline ({@link ChanceCheck}); none without a baseline. */
    public static List<ChanceCheck.NotAbove> chanceCheck(ExperimentConfig c, List<Summary> summaries, double level) {
        return ChanceSpec.withBaseline(c.models()).stream().filter(m -> m instanceof ChanceSpec).findFirst()
                .map(b -> ChanceCheck.of(summaries, b.name(), level)).orElse(List.of());
    }
}
