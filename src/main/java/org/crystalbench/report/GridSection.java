package org.crystalbench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.crystalbench.io.Csv;
import org.crystalbench.metrics.Metric;
import org.crystalbench.report.Cells;
import org.crystalbench.results.GridTable;
import org.crystalbench.results.GridTable.Row;
import org.crystalbench.stats.Ranking;

/** A grid search (grid.csv): heatmaps over two numeric hyperparameters per model, and the top configurations. */
final class GridSection {
    private GridSection() {}

    static final int TOP = 10;

    /** Ranks by {@code metric} (the recorded config's grid.metric). */
    static void write(Doc doc, List<Row> points, Metric metric) {
        String label = metric == Metric.MACRO_F1 ? RunSection.MACRO_LABEL : metric == Metric.PAPER_F1 ? RunSection.PAPER_LABEL : metric.column();
        doc.section("Grid search");
        long failed = points.stream().filter(p -> p.failed() + p.timedOut() > 0).count();
        doc.para(Cells.fmt("%d grid points, ranked by mean **%s** over splits%s.", points.size(), label,
                failed > 0 ? Cells.fmt("; %d failed or timed out (left out of the rankings, blank in the heatmaps)", failed) : ""));
        boolean early = points.stream().anyMatch(p -> p.dropped());
        if (early) {
            // Every point of an exhaustive grid runs as many cv fits as the kept points do.
            long splits = points.stream().mapToLong(GridTable.Row::fits).max().orElse(0);
            long fits = points.stream().mapToLong(GridTable.Row::fits).sum();
            long dropped = points.stream().filter(p -> p.search().out()).count();
            doc.para(Cells.fmt("The search stopped early: %d of %d points were dropped before the last split (grid.md says after which "
                    + "block or rung); %d cv fits of the exhaustive %d (%.1f%%). Dropped points' means are over the splits they ran, "
                    + "so they are listed after the points that ran them all.", dropped, points.size(), fits, splits * points.size(),
                    100.0 * fits / Math.max(1, splits * points.size())));
        }
        List<String> keys = GridTable.paramKeys(points);
        Map<String, Map<String, List<Row>>> byFsModel = new LinkedHashMap<>();
        for (Row p : points) {
            byFsModel.computeIfAbsent(p.featureSet(), k -> new LinkedHashMap<>()).computeIfAbsent(p.model(), k -> new ArrayList<>()).add(p);
        }
        for (var fs : byFsModel.entrySet()) {
            doc.para("### Feature set `" + fs.getKey() + "`");
            List<Row> ok = fs.getValue().values().stream().flatMap(List::stream).filter(Row::ok)
                    .sorted(Comparator.comparing(Row::dropped).thenComparing(Comparator.comparingDouble((Row p) -> p.stat(metric).mean()).reversed()))
                    .limit(TOP).toList();
            List<List<String>> table = new ArrayList<>();
            for (int i = 0; i < ok.size(); i++) {
                Row p = ok.get(i);
                List<String> row = new ArrayList<>(List.of(Integer.toString(i + 1), p.model(), params(p.params()), Cells.meanCi(p.stat(metric)),
                        Integer.toString(p.n()), Double.isNaN(p.fitMsMean()) ? "" : Cells.fmt("%.1f", p.fitMsMean())));
                if (early) row.add(p.dropped() ? p.search().cell() + " after stage " + p.droppedAt() : p.search().cell());
                table.add(row);
            }
            doc.para("Top configurations (" + (ok.size() < TOP ? "all " + ok.size() : "best " + TOP) + " that finished):");
            List<String> head = new ArrayList<>(List.of("Rank", "Model", "Hyperparameters", metric.column() + " mean [CI]", "Splits", "Fit ms (mean)"));
            if (early) head.add("Search");
            doc.table(head, table);
            if (early) dropped(doc, fs.getValue());
            for (var model : fs.getValue().entrySet()) heatmap(doc, fs.getKey(), model.getKey(), model.getValue(), keys, metric, label);
        }
    }

    /** Per model, the points the search dropped at each stage (block or rung), as grid.csv records them. */
    private static void dropped(Doc doc, Map<String, List<Row>> byModel) {
        List<List<String>> table = new ArrayList<>();
        for (var model : byModel.entrySet()) {
            var byStage = new java.util.TreeMap<Integer, List<String>>();
            model.getValue().stream().filter(Row::dropped)
                    .forEach(p -> byStage.computeIfAbsent(p.droppedAt(), k -> new ArrayList<>()).add(p.pointId()));
            long kept = model.getValue().stream().filter(p -> p.search() == GridTable.Status.KEPT).count();
            String stages = String.join("; ", byStage.entrySet().stream()
                    .map(e -> "after " + e.getKey() + ": " + String.join(", ", e.getValue())).toList());
            table.add(List.of(model.getKey(), Long.toString(kept), stages.isEmpty() ? "none" : stages));
        }
        doc.para("Points dropped by the search, per stage (block of a race, rung of a halving):");
        doc.table(List.of("Model", "Kept", "Dropped"), table);
    }

    /** Keys that are numeric at every point of this model and take at least two values. */
    static List<String> numericAxes(List<Row> points, List<String> keys) {
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            var values = new TreeSet<Double>();
            boolean numeric = true;
            for (Row p : points) {
                Double v = number(p.params().get(k));
                if (v == null) {
                    numeric = false;
                    break;
                }
                values.add(v);
            }
            if (numeric && values.size() >= 2) out.add(k);
        }
        return out;
    }

    private static void heatmap(Doc doc, String fs, String model, List<Row> points, List<String> keys, Metric metric, String label) {
        List<String> axes = numericAxes(points, keys);
        if (axes.size() < 2) return; // one or no numeric axis: the table says it all
        String xKey = axes.get(0), yKey = axes.get(1);
        List<Double> xs = new ArrayList<>(new TreeSet<>(points.stream().map(p -> number(p.params().get(xKey))).toList()));
        List<Double> ys = new ArrayList<>(new TreeSet<>(points.stream().map(p -> number(p.params().get(yKey))).toList()));
        double[][] best = new double[ys.size()][xs.size()];
        boolean[][] seen = new boolean[ys.size()][xs.size()];
        for (double[] row : best) java.util.Arrays.fill(row, Double.NaN);
        for (Row p : points) {
            int c = xs.indexOf(number(p.params().get(xKey))), r = ys.indexOf(number(p.params().get(yKey)));
            seen[r][c] = true;
            double mean = p.stat(metric).mean();
            if (p.ok() && (Double.isNaN(best[r][c]) || Ranking.better(metric, mean, best[r][c]))) best[r][c] = mean;
        }
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        int[] mark = null;
        for (int r = 0; r < ys.size(); r++) {
            for (int c = 0; c < xs.size(); c++) {
                double v = best[r][c];
                if (Double.isNaN(v)) continue;
                min = Math.min(min, v);
                max = Math.max(max, v);
                if (mark == null || Ranking.better(metric, v, best[mark[0]][mark[1]])) mark = new int[] {r, c};
            }
        }
        if (mark == null) return; // every point failed: nothing to colour
        double[][] shade = new double[ys.size()][xs.size()];
        String[][] text = new String[ys.size()][xs.size()];
        for (int r = 0; r < ys.size(); r++) {
            for (int c = 0; c < xs.size(); c++) {
                double v = best[r][c];
                shade[r][c] = Double.isNaN(v) ? Double.NaN : max > min ? (v - min) / (max - min) : 0.5;
                text[r][c] = !Double.isNaN(v) ? Cells.f3(v) : seen[r][c] ? "failed" : "";
            }
        }
        List<String> others = axes.subList(2, axes.size());
        String title = model + ": mean " + label;
        doc.para("**" + model + "**: mean " + label + " over `" + xKey + "` × `" + yKey + "`"
                + (others.isEmpty() ? "" : " (best over `" + String.join("`, `", others) + "` in each cell)")
                + "; the best cell is outlined.");
        // Larger values at the top, as on a plot's y axis.
        List<String> rowLabels = ys.stream().map(GridSection::label).toList().reversed();
        double[][] shadeRev = new double[ys.size()][];
        String[][] textRev = new String[ys.size()][];
        for (int r = 0; r < ys.size(); r++) {
            shadeRev[r] = shade[ys.size() - 1 - r];
            textRev[r] = text[ys.size() - 1 - r];
        }
        int[] markRev = {ys.size() - 1 - mark[0], mark[1]};
        doc.figure("grid-" + Figure.slug(fs, model, xKey, yKey), title + " over " + xKey + " x " + yKey + ", feature set " + fs,
                Math.max(620, 200 + 86 * xs.size()), Math.max(320, 130 + 44 * ys.size()),
                new Heatmap(title + " (" + fs + ")", rowLabels, xs.stream().map(GridSection::label).toList(), yKey, xKey,
                        shadeRev, textRev, Cells.f3(min), Cells.f3(max), markRev));
    }

    static Double number(String s) {
        if (s == null || s.isEmpty()) return null;
        try {
            double v = Double.parseDouble(s);
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String label(double v) {
        return Math.abs(v) > 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6) ? String.format(java.util.Locale.ROOT, "%.0e", v) : Csv.num(v);
    }

    private static String params(Map<String, String> p) {
        return p.isEmpty() ? "(defaults)" : String.join(", ", p.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }
}
