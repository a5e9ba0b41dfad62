package org.crystalbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crystalbench.InputException;
import tools.jackson.databind.JsonNode;

/** Our scores beside the study's Table 1 (the {@code reference} block of the config, from provenance.json). */
final class ReferenceSection {
    private ReferenceSection() {}

    record Study(String model, double precision, double recall, double f1) {}

    record Reference(String source, String featureSet, String protocol, List<Study> models) {}

    /** The reference block, or null when the config has none. */
    static Reference read(JsonNode config, String file) {
        JsonNode r = config.path("reference");
        if (r.isMissingNode() || r.isNull()) return null;
        String fs = r.path("feature_set").asString(null), protocol = r.path("protocol").asString(null);
        if (fs == null || protocol == null) {
            throw new InputException(file + ": config.reference: feature_set or protocol missing");
        }
        List<Study> models = new ArrayList<>();
        for (var e : r.path("models").properties()) {
            JsonNode m = e.getValue();
            for (String k : List.of("precision", "recall", "f1")) {
                if (!m.path(k).isNumber()) throw new InputException(file + ": config.reference.models." + e.getKey() + "." + k + ": not a number");
            }
            models.add(new Study(e.getKey(), m.get("precision").doubleValue(), m.get("recall").doubleValue(), m.get("f1").doubleValue()));
        }
        if (models.isEmpty()) throw new InputException(file + ": config.reference.models: empty");
        return new Reference(r.path("source").asString(""), fs, protocol, models);
    }

    static void write(Doc doc, Reference ref, Map<RunSection.Group, List<RunSection.Row>> summary, boolean intervals,
                      String intervalName) {
        List<RunSection.Row> rows = summary.get(new RunSection.Group(ref.featureSet(), ref.protocol()));
        if (rows == null) {
            doc.note("comparison with the study: summary.csv has no rows for the reference's feature set `"
                    + ref.featureSet() + "` and protocol `" + ref.protocol() + "`");
            return;
        }
        doc.section("Comparison with the study's Table 1");
        doc.para("Study: " + (ref.source().isEmpty() ? "the config's reference block" : ref.source())
                + ". Ours: feature set `" + ref.featureSet() + "`, protocol `" + ref.protocol() + "`, "
                + (intervals ? "mean [" + intervalName + "]" : "mean ± SD") + " over splits. The study reports one split; "
                + "its F1 is the harmonic mean of macro P and macro R, so it compares with our **Paper F1**.");
        List<String> models = new ArrayList<>();
        List<List<String>> table = new ArrayList<>();
        List<double[]> points = new ArrayList<>();
        for (Study s : ref.models()) {
            RunSection.Row r = rows.stream().filter(x -> x.model().equals(s.model())).findFirst().orElse(null);
            if (r == null) {
                table.add(new ArrayList<>(List.of(s.model(), Doc.f3(s.precision()), "–", Doc.f3(s.recall()), "–", Doc.f3(s.f1()), "–", "–", "not run")));
                continue;
            }
            RunSection.Stat p = r.stat("macro_precision"), rc = r.stat("macro_recall"), pf = r.stat(RunSection.PAPER),
                    mf = r.stat(RunSection.MACRO);
            String within = "–";
            if (intervals && !Double.isNaN(pf.low())) within = s.f1() >= pf.low() && s.f1() <= pf.high() ? "inside" : s.f1() > pf.high() ? "above" : "below";
            table.add(new ArrayList<>(List.of(s.model(), Doc.f3(s.precision()), cell(p, intervals), Doc.f3(s.recall()), cell(rc, intervals),
                    Doc.f3(s.f1()), cell(pf, intervals), cell(mf, intervals), within)));
            models.add(s.model());
            points.add(new double[] {s.f1(), pf.mean(), intervals ? pf.low() : pf.mean() - pf.sd(), intervals ? pf.high() : pf.mean() + pf.sd(),
                    mf.mean(), intervals ? mf.low() : mf.mean() - mf.sd(), intervals ? mf.high() : mf.mean() + mf.sd()});
        }
        List<String> header = new ArrayList<>(List.of("Model", "Study P", "Our macro P", "Study R", "Our macro R", "Study F1",
                "Our Paper F1", "Our Macro F1", "Study F1 vs our Paper F1 CI"));
        if (!intervals) { // without intervals there is nothing to place the study's value in
            header.removeLast();
            table.forEach(List::removeLast);
        }
        doc.table(header, table);
        if (models.isEmpty()) return;
        int k = models.size();
        double[] nan = new double[k];
        java.util.Arrays.fill(nan, Double.NaN);
        double[][] cols = new double[7][k];
        for (int i = 0; i < k; i++) for (int c = 0; c < 7; c++) cols[c][i] = points.get(i)[c];
        String iv = intervals ? RunSection.shortInterval(intervalName) : "± SD";
        doc.figure("reference-" + Figure.slug(ref.featureSet(), ref.protocol()), "Study F1 beside ours", 960, 420,
                Charts.intervalDots("F1: the study's single split vs our repeated splits",
                        "feature set " + ref.featureSet() + ", " + ref.protocol() + "; whiskers: " + (intervals ? intervalName : "mean ± 1 SD"),
                        "F1", models, List.of(
                                new Charts.IntervalSeries("Study F1 (one split)", cols[0], nan, nan),
                                new Charts.IntervalSeries("Our Paper F1, mean " + iv, cols[1], cols[2], cols[3]),
                                new Charts.IntervalSeries("Our Macro F1, mean " + iv, cols[4], cols[5], cols[6]))));
    }

    private static String cell(RunSection.Stat s, boolean intervals) {
        return Doc.withInterval(s.mean(), intervals ? s.low() : Double.NaN, intervals ? s.high() : Double.NaN, s.sd());
    }
}
