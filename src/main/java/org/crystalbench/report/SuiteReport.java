package org.crystalbench.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.report.Cells;
import org.crystalbench.results.SuiteTables;

/**
 * suite.md (the across-data-set tables) and report.md (the same with the critical-difference diagram and the
 * data set × model heatmap) of a suite folder, from {@link SuiteTables} records (docs/suite.md says how to read them).
 */
public final class SuiteReport {
    private SuiteReport() {}

    public static final String SUITE_MD = "suite.md";

    public static void write(Path dir, String name, SuiteTables.Suite s) {
        String tables = tables(s);
        AtomicFiles.write(dir.resolve(SUITE_MD), "# Suite " + name + "\n\n" + tables);
        Doc doc = new Doc();
        doc.para("# Suite report: " + name);
        doc.para(tables);
        figures(doc, s);
        for (Figure f : doc.figures) {
            AtomicFiles.write(dir.resolve(Report.FIGURES).resolve(f.name() + ".svg"), f.svg());
            AtomicFiles.write(dir.resolve(Report.FIGURES).resolve(f.name() + ".png"), f.png());
        }
        AtomicFiles.write(dir.resolve(Report.FILE), doc.md.toString());
    }

    private static String tables(SuiteTables.Suite s) {
        var t = s.tests();
        StringBuilder md = new StringBuilder();
        md.append(Cells.fmt("%d data sets x %d models compared on cv macro F1 (mean over the splits of each data set)%s. "
                        + "Each data set's own tables, as `run` writes them (summary.md, comparisons.csv, per-class.csv, ...) and the grid's, "
                        + "are in its sub-folder.%n%n", t.datasets(), t.models(),
                t.excluded().isEmpty() ? "" : "; left out (a failed load, or a model without results): " + t.excluded().replace(";", ", ")));
        md.append("## Leaderboard\n\n");
        md.append(Cells.fmt("Mean rank (1 = best) over the data sets; wins/ties/losses against every other model, one per data set and model, "
                + "by the corrected resampled paired t-test at level %s; z, p and Holm's p of the rank difference to the best (Demšar 2006); "
                + "the Bayesian signed-rank test against the best with ROPE %s macro F1 (Benavoli et al. 2017; seed %d).%n%n",
                Cells.f3(t.level()), Cells.f3(t.rope()), t.seed()));
        List<List<String>> rows = new ArrayList<>();
        for (var l : s.leaderboard()) {
            rows.add(List.of(l.model(), Cells.f3(l.meanRank()), Cells.f3(l.meanMacroF1()), l.wins() + "/" + l.ties() + "/" + l.losses(),
                    Cells.f3(l.p()), Cells.f3(l.pHolm()), Cells.f3(l.pWorse()), Cells.f3(l.pRope()), Cells.f3(l.pBetter())));
        }
        md.append(Cells.table(List.of("model", "mean rank", "mean macro F1", "W/T/L", "p vs best", "Holm p", "P(worse)", "P(rope)", "P(better)"), rows));
        md.append("\n## Friedman, Iman–Davenport and Nemenyi\n\n");
        md.append(Cells.fmt("Friedman chi2 = %s (p = %s); Iman–Davenport F = %s (p = %s, df %d and %d). Nemenyi critical difference of mean "
                        + "ranks: %s at 0.05, %s at 0.10; best mean rank: %s.%n%n", Cells.f3(t.chi2()), Cells.f3(t.pChi2()), Cells.f3(t.ff()),
                Cells.f3(t.pF()), t.models() - 1, (t.models() - 1) * Math.max(0, t.datasets() - 1), Cells.f3(t.cd05()), Cells.f3(t.cd10()),
                t.best().isEmpty() ? "none" : t.best()));
        rows = new ArrayList<>();
        for (var p : s.pairs()) {
            if (order(s, p.model()) > order(s, p.other())) continue; // each pair once, the better-ranked first
            rows.add(List.of(p.model(), p.other(), p.wins() + "/" + p.ties() + "/" + p.losses(), Cells.f3(p.rankDiff()), p.nemenyi() ? "yes" : "no"));
        }
        md.append(Cells.table(List.of("model", "other", "W/T/L", "rank difference", "Nemenyi significant (0.05)"), rows));
        md.append("\n## Data set x model (mean cv macro F1, rank)\n\n");
        Map<String, Map<String, SuiteTables.Score>> grid = byDataset(s);
        List<String> models = s.leaderboard().stream().map(SuiteTables.Leader::model).toList();
        List<String> header = new ArrayList<>(List.of("data set"));
        header.addAll(models);
        rows = new ArrayList<>();
        for (var e : grid.entrySet()) {
            List<String> row = new ArrayList<>(List.of(e.getKey()));
            for (String m : models) {
                var c = e.getValue().get(m);
                row.add(c == null || Double.isNaN(c.macroF1()) ? "–" : Cells.f3(c.macroF1()) + (Double.isNaN(c.rank()) ? "" : " (" + Cells.f3(c.rank()) + ")"));
            }
            rows.add(row);
        }
        md.append(Cells.table(header, rows));
        return md.toString();
    }

    private static int order(SuiteTables.Suite s, String model) {
        for (int i = 0; i < s.leaderboard().size(); i++) if (s.leaderboard().get(i).model().equals(model)) return i;
        return -1;
    }

    private static Map<String, Map<String, SuiteTables.Score>> byDataset(SuiteTables.Suite s) {
        Map<String, Map<String, SuiteTables.Score>> out = new LinkedHashMap<>();
        for (var c : s.scores()) out.computeIfAbsent(c.dataset(), d -> new LinkedHashMap<>()).put(c.model(), c);
        return out;
    }

    private static void figures(Doc doc, SuiteTables.Suite s) {
        var t = s.tests();
        List<String> models = s.leaderboard().stream().map(SuiteTables.Leader::model).toList();
        double[] ranks = s.leaderboard().stream().mapToDouble(SuiteTables.Leader::meanRank).toArray();
        if (t.datasets() >= 2) {
            doc.section("Critical-difference diagram");
            var cd = new CdDiagram("Mean rank over " + t.datasets() + " data sets (Nemenyi, alpha 0.05)", models, ranks, t.cd05());
            int groups = CdDiagram.groups(ranks.clone(), t.cd05()).size();
            doc.figure("suite-cd", "Critical-difference diagram: mean ranks, models joined by a bar are not significantly different",
                    900, CdDiagram.height(models.size(), groups), cd);
        }
        Map<String, Map<String, SuiteTables.Score>> grid = byDataset(s);
        List<String> ids = new ArrayList<>(grid.keySet());
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (var c : s.scores()) if (!Double.isNaN(c.macroF1())) { lo = Math.min(lo, c.macroF1()); hi = Math.max(hi, c.macroF1()); }
        double[][] shade = new double[ids.size()][models.size()];
        String[][] text = new String[ids.size()][models.size()];
        for (int i = 0; i < ids.size(); i++) {
            for (int j = 0; j < models.size(); j++) {
                var c = grid.get(ids.get(i)).get(models.get(j));
                boolean has = c != null && !Double.isNaN(c.macroF1());
                shade[i][j] = has ? (hi > lo ? (c.macroF1() - lo) / (hi - lo) : 0.5) : Double.NaN;
                text[i][j] = has ? Cells.f3(c.macroF1()) : "";
            }
        }
        if (!ids.isEmpty() && !models.isEmpty() && lo <= hi) {
            doc.section("Data set x model heatmap");
            doc.figure("suite-heatmap", "Mean cv macro F1 per data set and model", Math.max(600, 120 + 110 * models.size()),
                    Math.max(300, 140 + 44 * ids.size()), new Heatmap("Mean cv macro F1", ids, models, "data set", "model", shade, text,
                            Cells.f3(lo), Cells.f3(hi), null));
        }
    }
}
