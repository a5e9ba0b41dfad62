package org.crystalbench.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Csv;
import org.crystalbench.io.CsvTable;
import org.crystalbench.metrics.Metric;
import org.crystalbench.splits.Protocol;
import org.crystalbench.stats.Interval;
import org.crystalbench.stats.Resampling;

/** comparisons.csv: one {@link Comparison} per row, a model against the best of its feature set and protocol. */
public final class ComparisonsTable {
    private ComparisonsTable() {}

    public static final String FILE = "comparisons.csv";
    public static final List<String> COLUMNS = List.of("feature_set", "protocol", "model", "best_model",
            "metric", "mean_diff", "ci_low", "ci_high", "t", "p", "p_holm", "significantly_worse");

    public static void write(Path dir, List<Comparison> comparisons) {
        List<List<?>> rows = new ArrayList<>();
        for (Comparison c : comparisons) {
            var t = c.test();
            rows.add(List.of(c.featureSet(), c.protocol(), c.model(), c.bestModel(), c.metric().column(), t.meanDiff(),
                    t.ci().low(), t.ci().high(), t.t(), t.p(), c.pHolm(), c.significantlyWorse()));
        }
        AtomicFiles.write(dir.resolve(FILE), Csv.of(COLUMNS, rows));
    }

    public static List<Comparison> read(Path file) {
        CsvTable t = CsvTable.read(file, COLUMNS);
        return t.map(r -> new Comparison(t.text(r, "feature_set"), t.parse(r, "protocol", Protocol::of), t.text(r, "model"),
                t.text(r, "best_model"), t.parse(r, "metric", Metric::byColumn),
                new Resampling.PairedTest(t.num(r, "mean_diff"), new Interval(t.num(r, "ci_low"), t.num(r, "ci_high")),
                        t.num(r, "t"), t.num(r, "p")),
                t.num(r, "p_holm"), t.bool(r, "significantly_worse")));
    }
}
