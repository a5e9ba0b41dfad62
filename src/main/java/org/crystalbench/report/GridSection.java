package org.crystalbench.report;

import org.crystalbench.io.CsvTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.csv.CSVRecord;
import org.crystalbench.InputException;
import org.crystalbench.io.Csv;

/** A grid search (grid.csv): heatmaps over two numeric hyperparameters per model, and the top configurations. */
final class GridSection {
    private GridSection() {}

    static final String PARAM = "param.";
    static final int TOP = 10;

    /** One grid point; {@code params} holds the non-empty {@code param.*} cells by key (without the prefix). */
    record Point(String featureSet, String model, String pointId, Map<String, String> params, double n, double mean,
                 double low, double high, double fitMs, boolean failed, boolean timedOut) {
        boolean ok() {
            return !failed && !timedOut && !Double.isNaN(mean);
        }
    }

    record Grid(String metric, List<String> paramKeys, List<Point> points) {}

    /**
     * Reads grid.csv, ranking by {@code preferred} when it has that metric (else macro_f1, else the first
     * {@code <metric>_mean} column).
     */
    static Grid read(CsvTable t, String preferred) {
        t.require(List.of("feature_set", "model", "point_id"));
        List<String> means = t.header().stream().filter(c -> c.endsWith("_mean") && !c.endsWith("_ms_mean")).toList();
        String metric = preferred != null && t.has(preferred + "_mean") ? preferred
                : t.has("macro_f1_mean") ? "macro_f1"
                : means.isEmpty() ? null : means.getFirst().substring(0, means.getFirst().length() - 5);
        if (metric == null) throw new InputException(t.file() + ": line 1: no <metric>_mean column");
        List<String> keys = t.columnsStartingWith(PARAM).stream().map(c -> c.substring(PARAM.length())).toList();
        List<Point> points = new ArrayList<>();
        for (CSVRecord r : t.rows()) {
            Map<String, String> params = new LinkedHashMap<>();
            for (String k : keys) {
                String v = t.text(r, PARAM + k);
                if (!v.isEmpty()) params.put(k, v);
            }
            points.add(new Point(t.text(r, "feature_set"), t.text(r, "model"), t.text(r, "point_id"), params,
                    t.has("n") ? t.num(r, "n") : Double.NaN, t.num(r, metric + "_mean"),
                    t.has(metric + "_ci_low") ? t.num(r, metric + "_ci_low") : Double.NaN,
                    t.has(metric + "_ci_high") ? t.num(r, metric + "_ci_high") : Double.NaN,
                    t.has("fit_ms_mean") ? t.num(r, "fit_ms_mean") : Double.NaN,
                    t.has("failed") && t.num(r, "failed") > 0, t.has("timed_out") && t.num(r, "timed_out") > 0));
        }
        if (points.isEmpty()) throw new InputException(t.file() + ": no rows");
        return new Grid(metric, keys, points);
    }

    static void write(Doc doc, Grid grid) {
        String m = grid.metric();
        String label = m.equals(RunSection.MACRO) ? RunSection.MACRO_LABEL : m.equals(RunSection.PAPER) ? RunSection.PAPER_LABEL : m;
        doc.section("Grid search");
        long failed = grid.points().stream().filter(p -> p.failed() || p.timedOut()).count();
        doc.para(Doc.fmt("%d grid points, ranked by mean **%s** over splits%s.", grid.points().size(), label,
                failed > 0 ? Doc.fmt("; %d failed or timed out (left out of the rankings, blank in the heatmaps)", failed) : ""));

        Map<String, Map<String, List<Point>>> byFsModel = new LinkedHashMap<>();
        for (Point p : grid.points()) {
            byFsModel.computeIfAbsent(p.featureSet(), k -> new LinkedHashMap<>()).computeIfAbsent(p.model(), k -> new ArrayList<>()).add(p);
        }
        for (var fs : byFsModel.entrySet()) {
            doc.para("### Feature set `" + fs.getKey() + "`");
            List<Point> ok = fs.getValue().values().stream().flatMap(List::stream).filter(Point::ok)
                    .sorted(Comparator.comparingDouble(Point::mean).reversed()).limit(TOP).toList();
            List<List<String>> table = new ArrayList<>();
            for (int i = 0; i < ok.size(); i++) {
                Point p = ok.get(i);
                table.add(List.of(Integer.toString(i + 1), p.model(), params(p.params()),
                        Doc.withInterval(p.mean(), p.low(), p.high(), Double.NaN),
                        Double.isNaN(p.n()) ? "" : Long.toString(Math.round(p.n())), Double.isNaN(p.fitMs()) ? "" : Doc.fmt("%.1f", p.fitMs())));
            }
            doc.para("Top configurations (" + (ok.size() < TOP ? "all " + ok.size() : "best " + TOP) + " that finished):");
            doc.table(List.of("Rank", "Model", "Hyperparameters", m + " mean [CI]", "Splits", "Fit ms (mean)"), table);
            for (var model : fs.getValue().entrySet()) heatmap(doc, fs.getKey(), model.getKey(), model.getValue(), grid.paramKeys(), label);
        }
    }

    /** Keys that are numeric at every point of this model and take at least two values. */
    static List<String> numericAxes(List<Point> points, List<String> keys) {
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            var values = new TreeSet<Double>();
            boolean numeric = true;
            for (Point p : points) {
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

    private static void heatmap(Doc doc, String fs, String model, List<Point> points, List<String> keys, String label) {
        List<String> axes = numericAxes(points, keys);
        if (axes.size() < 2) return; // one or no numeric axis: the table says it all
        String xKey = axes.get(0), yKey = axes.get(1);
        List<Double> xs = new ArrayList<>(new TreeSet<>(points.stream().map(p -> number(p.params().get(xKey))).toList()));
        List<Double> ys = new ArrayList<>(new TreeSet<>(points.stream().map(p -> number(p.params().get(yKey))).toList()));
        double[][] best = new double[ys.size()][xs.size()];
        boolean[][] seen = new boolean[ys.size()][xs.size()];
        for (double[] row : best) java.util.Arrays.fill(row, Double.NaN);
        for (Point p : points) {
            int c = xs.indexOf(number(p.params().get(xKey))), r = ys.indexOf(number(p.params().get(yKey)));
            seen[r][c] = true;
            if (p.ok() && (Double.isNaN(best[r][c]) || p.mean() > best[r][c])) best[r][c] = p.mean();
        }
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        int[] mark = null;
        for (int r = 0; r < ys.size(); r++) {
            for (int c = 0; c < xs.size(); c++) {
                double v = best[r][c];
                if (Double.isNaN(v)) continue;
                min = Math.min(min, v);
                if (v > max) {
                    max = v;
                    mark = new int[] {r, c};
                }
            }
        }
        if (mark == null) return; // every point failed: nothing to colour
        double[][] shade = new double[ys.size()][xs.size()];
        String[][] text = new String[ys.size()][xs.size()];
        for (int r = 0; r < ys.size(); r++) {
            for (int c = 0; c < xs.size(); c++) {
                double v = best[r][c];
                shade[r][c] = Double.isNaN(v) ? Double.NaN : max > min ? (v - min) / (max - min) : 0.5;
                text[r][c] = !Double.isNaN(v) ? Doc.f3(v) : seen[r][c] ? "failed" : "";
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
                        shadeRev, textRev, Doc.f3(min), Doc.f3(max), markRev));
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
