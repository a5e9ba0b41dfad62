package org.crystalbench.results;

import java.util.ArrayList;
import java.util.List;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.config.Reference;
import org.crystalbench.metrics.Metric;
import org.crystalbench.splits.Protocol;

/** The published study beside our scores (the config's {@code reference}): one table for summary.md and report.md. */
public final class Study {
    private Study() {}

    public static final List<String> HEADER = List.of("Model", "Study P", "Study R", "Study F1", "Our macro F1", "In?",
            "Our paper F1", "In?");

    public static final String LEGEND = "*In?* says whether the study's F1 lies inside our interval of the mean; it is "
            + "set against both of our F1 definitions (macro F1 = mean of per-class F1; paper F1 = harmonic mean of macro "
            + "P and R, the study's formula). – : the model is not in this run.";

    public static final String CAVEAT = "The study scored one 8:2 split; a single split's score varies from split to split "
            + "by about the SD of our per-split scores, so a value outside our interval of the *mean* is not by itself an error.";

    /** The feature set compared: the reference's, else the config's first. */
    public static String featureSet(ExperimentConfig c) {
        Reference r = c.reference();
        return r != null && r.featureSet() != null ? r.featureSet() : c.featureSets().keySet().iterator().next();
    }

    /** The protocol compared: the reference's, else holdout when configured, else cv. */
    public static Protocol protocol(ExperimentConfig c) {
        Reference r = c.reference();
        if (r != null && r.protocol() != null) return r.protocol();
        return c.protocols().holdout() != null ? Protocol.HOLDOUT : Protocol.CV;
    }

    /** Our rows for the compared feature set and protocol. */
    public static List<SummaryTable.Row> group(ExperimentConfig c, List<SummaryTable.Row> summary) {
        String fs = featureSet(c);
        Protocol p = protocol(c);
        return summary.stream().filter(r -> r.featureSet().equals(fs) && r.protocol() == p).toList();
    }

    /** One row per model of the reference, in its order. */
    public static List<List<String>> rows(Reference ref, List<SummaryTable.Row> group) {
        List<List<String>> out = new ArrayList<>();
        ref.models().forEach((model, s) -> {
            List<String> row = new ArrayList<>(List.of(model, Cells.f3(s.precision()), Cells.f3(s.recall()), Cells.f3(s.f1())));
            SummaryTable.Row ours = group.stream().filter(r -> r.model().equals(model)).findFirst().orElse(null);
            for (Metric m : List.of(Metric.MACRO_F1, Metric.PAPER_F1)) {
                row.add(ours == null ? "–" : Cells.meanCi(ours.stat(m)));
                row.add(ours == null ? "–" : Cells.inside(s.f1(), ours.stat(m).ci()));
            }
            out.add(row);
        });
        return out;
    }
}
