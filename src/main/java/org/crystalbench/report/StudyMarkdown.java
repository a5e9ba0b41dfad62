package org.crystalbench.report;

import java.util.ArrayList;
import java.util.List;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.config.Reference;
import org.crystalbench.metrics.Metric;
import org.crystalbench.results.Study;
import org.crystalbench.results.SummaryTable;

/**
 * A published result's section of summary.md and report.md ({@link Study}): the table for the reference's own
 * setting, the same values against every feature set and protocol we ran, and which F1 definition its reported
 * F1s are consistent with.
 */
public final class StudyMarkdown {
    private StudyMarkdown() {}

    public static final List<String> HEADER = List.of("Model", "Study P", "Study R", "Study F1", "Our macro F1", "In?",
            "Our paper F1", "In?");

    public static final String LEGEND = "*In?* says whether the reference's F1 lies inside our interval of the mean; it is "
            + "set against both of our F1 definitions (macro F1 = mean of per-class F1; paper F1 = harmonic mean of macro "
            + "P and R, the formula printed in the study). – : the model is not in this run.";

    public static final String CAVEAT = "The reference scored one split; a single split's score varies from split to split "
            + "by about the SD of our per-split scores, so a value outside our interval of the *mean* is not by itself an error.";

    /** The section's heading: "Comparison with " and the reference's own {@code source}. */
    public static String title(Reference ref) {
        return "Comparison with " + (ref.source() == null || ref.source().isBlank() ? "the reference" : ref.source().strip());
    }

    /** One row per model of the reference, in its order. */
    public static List<List<String>> rows(Reference ref, List<SummaryTable.Row> group) {
        List<List<String>> out = new ArrayList<>();
        ref.models().forEach((model, s) -> {
            List<String> row = new ArrayList<>(List.of(model, Cells.f3(s.precision()), Cells.f3(s.recall()), Cells.f3(s.f1())));
            SummaryTable.Row ours = group.stream().filter(r -> r.model().equals(model)).findFirst().orElse(null);
            for (Metric m : List.of(Metric.MACRO_F1, Metric.PAPER_F1)) {
                row.add(ours == null ? "–" : Cells.meanCi(ours.stat(m), m));
                row.add(ours == null ? "–" : Cells.inside(s.f1(), ours.stat(m).ci()));
            }
            out.add(row);
        });
        return out;
    }

    /** The settings table and its conclusion, Markdown. */
    public static String settingsMarkdown(Reference ref, List<SummaryTable.Row> summary, ExperimentConfig c) {
        List<Study.Setting> settings = Study.settings(ref, summary);
        if (settings.isEmpty()) return "";
        List<Study.Setting> best = Study.mostConsistent(settings);
        var md = new StringBuilder("The reference's values against every feature set and protocol of this run: each reported "
                + "P, R and F1 set against our interval of the mean of macro precision, macro recall and macro F1 (mean of "
                + "per-class F1, the definition its F1s are consistent with: below). *Median distance* is the median of "
                + "|reported − our mean| / our per-split SD: about 1 or less is what a single split of ours typically scores.\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (Study.Setting s : settings) {
            String name = "`" + s.featureSet() + "`";
            boolean top = best.contains(s);
            rows.add(List.of(top ? "**" + name + "**" : name, Cells.protocolTitle(c, s.protocol()),
                    (top ? "**" : "") + s.inside() + " of " + s.compared() + (top ? "**" : ""),
                    Double.isNaN(s.medianSds()) ? "–" : Cells.fmt("%.2f", s.medianSds()),
                    s.outside().isEmpty() ? "–" : String.join(", ", s.outside())));
        }
        md.append(Cells.table(List.of("Feature set", "Protocol", "Reported values inside our intervals", "Median distance (SDs)",
                "Outside"), rows));
        if (!best.isEmpty()) {
            md.append("\nMost consistent with the reference: ").append(String.join("; ", best.stream().map(s -> "`" + s.featureSet()
                    + "`, " + s.protocol().label() + " (" + s.inside() + " of " + s.compared() + " inside)").toList())).append(".");
        }
        List<String> nowhere = new ArrayList<>();
        ref.models().keySet().forEach(m -> Study.VALUE_ORDER.forEach(v -> {
            var ran = settings.stream().filter(s -> summary.stream().anyMatch(r -> r.model().equals(m)
                    && r.featureSet().equals(s.featureSet()) && r.protocol() == s.protocol())).toList();
            if (!ran.isEmpty() && ran.stream().allMatch(s -> s.outside().contains(m + " " + v))) nowhere.add(m + " " + v);
        }));
        if (!nowhere.isEmpty()) md.append(" Inside none of our intervals in any setting: ").append(String.join(", ", nowhere)).append(".");
        return md.append("\n").toString();
    }

    /** The line that says which F1 definition the reference's reported F1s are consistent with. */
    public static String f1Line(Reference ref) {
        List<Study.F1Check> checks = new ArrayList<>();
        ref.models().forEach((m, s) -> checks.add(Study.f1Check(m, s)));
        if (checks.isEmpty()) return "";
        List<Study.F1Check> notHarmonic = checks.stream().filter(c -> !c.harmonic()).toList();
        long below = checks.stream().filter(Study.F1Check::meanOfF1).count();
        var md = new StringBuilder("**Which F1 the reference reports.** Allowing for rounding to the printed decimals, ");
        if (notHarmonic.isEmpty()) {
            md.append("every reported F1 can be the harmonic mean of its own reported P and R");
        } else {
            md.append(notHarmonic.size()).append(" of ").append(checks.size()).append(" reported F1s cannot be the harmonic mean of "
                    + "their own reported P and R, the formula printed in the study (").append(String.join("; ", notHarmonic.stream()
                    .map(c -> c.model() + ": " + Cells.f3(c.f1()) + ", but P and R give at least " + Cells.f3(c.harmonicLow())).toList()))
                    .append(")");
        }
        md.append("; ").append(below).append(" of ").append(checks.size())
                .append(" are at or below that harmonic mean, as a mean of per-class F1 always is. ");
        if (!notHarmonic.isEmpty() && below == checks.size()) {
            md.append("Its F1s are consistent with **macro F1** (mean of per-class F1), not with the formula it prints (our *paper F1*).");
        } else if (notHarmonic.isEmpty() && below == checks.size()) {
            md.append("Its F1s are consistent with both definitions: the table cannot tell them apart.");
        } else if (notHarmonic.isEmpty()) {
            md.append("Its F1s are consistent with the formula it prints (our *paper F1*), not all with a mean of per-class F1.");
        } else {
            md.append("Its F1s are consistent with neither definition throughout.");
        }
        return md.append("\n").toString();
    }

    /**
     * The section's body, the same in summary.md and report.md: the reference's own setting (table, caveat),
     * every setting, and the F1 line. {@code interval} names our intervals ("corrected-t 95%").
     */
    public static String markdown(ExperimentConfig c, List<SummaryTable.Row> summary, String interval) {
        Reference ref = c.reference();
        var md = new StringBuilder("Reference: ").append(ref.source() == null ? "the `reference` block of the config" : ref.source())
                .append(". Its own setting here: feature set `").append(Study.featureSet(c)).append("`, protocol `").append(Study.protocol(c).label())
                .append("`; ours as mean [").append(interval).append(" interval]. ").append(LEGEND).append("\n\n");
        List<SummaryTable.Row> group = Study.group(c, summary);
        if (group.isEmpty()) {
            md.append("Protocol `").append(Study.protocol(c).label()).append("` of feature set `").append(Study.featureSet(c))
                    .append("` was not run, so its own setting cannot be compared.\n");
        } else {
            md.append(Cells.table(HEADER, rows(ref, group))).append("\n").append(CAVEAT).append("\n");
        }
        md.append("\n").append(settingsMarkdown(ref, summary, c));
        md.append("\n").append(f1Line(ref));
        return md.toString();
    }
}
