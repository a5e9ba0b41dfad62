package org.crystalbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.chart.renderer.category.ScatterRenderer;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.statistics.BoxAndWhiskerCalculator;
import org.jfree.data.statistics.BoxAndWhiskerItem;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;
import org.jfree.data.statistics.DefaultMultiValueCategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** The report's JFreeChart charts, in one plain style with a colour-blind-safe palette (Okabe–Ito). */
final class Charts {
    private Charts() {}

    static final Color BLUE = new Color(0x0072B2), ORANGE = new Color(0xE69F00), GREEN = new Color(0x009E73),
            VERMILLION = new Color(0xD55E00), SKY = new Color(0x56B4E9), PURPLE = new Color(0xCC79A7);
    static final Color[] PALETTE = {BLUE, ORANGE, GREEN, VERMILLION, SKY, PURPLE};
    private static final Color GRID = new Color(0xdddddd);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.BOLD, 12);

    /** A series of intervals over the categories: a dot at {@code mid}, whiskers from low to high (NaN: none). */
    record IntervalSeries(String name, double[] mid, double[] low, double[] high) {}

    /**
     * Box plots of per-split values: one box per category (model) and series (metric).
     *
     * @param values category -> series -> values
     */
    static JFreeChart boxPlot(String title, String subtitle, String valueAxis, Map<String, Map<String, List<Double>>> values) {
        var data = new DefaultBoxAndWhiskerCategoryDataset();
        var points = new DefaultMultiValueCategoryDataset();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (var byCategory : values.entrySet()) {
            for (var bySeries : byCategory.getValue().entrySet()) {
                // JFreeChart's outlier marks are dropped (rings beyond 1.5 IQR, triangles at the axis edge
                // beyond 2 IQR): every split is drawn as a dot instead, so nothing is hidden or doubled.
                var stats = BoxAndWhiskerCalculator.calculateBoxAndWhiskerStatistics(bySeries.getValue());
                data.add(new BoxAndWhiskerItem(stats.getMean(), stats.getMedian(), stats.getQ1(), stats.getQ3(),
                        stats.getMinRegularValue(), stats.getMaxRegularValue(), null, null, List.of()), bySeries.getKey(), byCategory.getKey());
                points.add(List.copyOf(bySeries.getValue()), bySeries.getKey(), byCategory.getKey());
                for (double v : bySeries.getValue()) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        // Boxes: quartiles, median, whiskers to the last value within 1.5 IQR.
        var boxes = new BoxAndWhiskerRenderer();
        boxes.setMeanVisible(false);
        boxes.setMedianVisible(true);
        boxes.setFillBox(true);
        boxes.setMaxOutlierVisible(false);
        boxes.setMinOutlierVisible(false);
        boxes.setItemMargin(0.1);
        boxes.setMaximumBarWidth(1.0);
        boxes.setUseOutlinePaintForWhiskers(true);
        boxes.setWhiskerWidth(0.6);
        boxes.setDefaultOutlineStroke(new BasicStroke(1.2f));
        var dots = new ScatterRenderer();
        dots.setUseSeriesOffset(true);
        dots.setItemMargin(0.1);
        dots.setBaseShapesFilled(true);
        for (int i = 0; i < data.getRowCount(); i++) {
            Color c = PALETTE[i % PALETTE.length];
            boxes.setSeriesPaint(i, translucent(c, 70));
            boxes.setSeriesOutlinePaint(i, c.darker());
            dots.setSeriesPaint(i, translucent(c.darker(), 150));
            dots.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
            dots.setSeriesVisibleInLegend(i, false);
        }
        var range = new NumberAxis(valueAxis);
        double pad = Math.max(0.01, 0.05 * (hi - lo));
        if (lo <= hi) range.setRange(Math.max(0, lo - pad), Math.min(1, hi) + pad);
        var domain = categoryAxis(null);
        domain.setCategoryMargin(0.3);
        var plot = new CategoryPlot(data, domain, range, boxes);
        plot.setDataset(1, points);
        plot.setRenderer(1, dots);
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
        return style(new JFreeChart(title, TITLE, plot, data.getRowCount() > 1), subtitle);
    }

    /** Dots with interval whiskers per category, series side by side: means with CIs, study values. */
    static JFreeChart intervalDots(String title, String subtitle, String valueAxis, List<String> categories,
                                   List<IntervalSeries> series) {
        var data = new YIntervalSeriesCollection();
        double width = 0.5, step = series.size() > 1 ? width / (series.size() - 1) : 0;
        for (int s = 0; s < series.size(); s++) {
            IntervalSeries in = series.get(s);
            var ys = new YIntervalSeries(in.name());
            for (int i = 0; i < categories.size(); i++) {
                double mid = in.mid()[i];
                if (Double.isNaN(mid)) continue;
                double lo = Double.isNaN(in.low()[i]) ? mid : in.low()[i], hi = Double.isNaN(in.high()[i]) ? mid : in.high()[i];
                ys.add(i + (series.size() > 1 ? -width / 2 + s * step : 0), mid, lo, hi);
            }
            data.addSeries(ys);
        }
        var renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDrawYError(true);
        renderer.setCapLength(8);
        renderer.setErrorStroke(new BasicStroke(1.8f));
        renderer.setDefaultLinesVisible(false);
        renderer.setDefaultShapesVisible(true);
        Shape[] shapes = {new Ellipse2D.Double(-5, -5, 10, 10), new Rectangle2D.Double(-4.5, -4.5, 9, 9),
                diamond(6), new Ellipse2D.Double(-4, -4, 8, 8)};
        for (int s = 0; s < series.size(); s++) {
            renderer.setSeriesPaint(s, PALETTE[s % PALETTE.length]);
            renderer.setSeriesShape(s, shapes[s % shapes.length]);
        }
        var domain = new SymbolAxis(null, categories.toArray(String[]::new));
        domain.setRange(-0.6, categories.size() - 0.4);
        domain.setGridBandsVisible(false);
        domain.setTickLabelFont(TICK);
        var range = new NumberAxis(valueAxis);
        range.setAutoRangeIncludesZero(false);
        var plot = new XYPlot(data, domain, range, renderer);
        plot.setDomainGridlinesVisible(false);
        return style(new JFreeChart(title, TITLE, plot, series.size() > 1), subtitle);
    }

    /** One model's reliability curve: per non-empty confidence bin, mean confidence (x) and accuracy (y). */
    record Curve(String name, double[] confidence, double[] accuracy) {}

    /** Reliability diagram: accuracy against confidence per model, with the diagonal of perfect calibration. */
    static JFreeChart reliability(String title, String subtitle, List<Curve> curves) {
        var data = new org.jfree.data.xy.XYSeriesCollection();
        var diagonal = new org.jfree.data.xy.XYSeries("perfect calibration");
        diagonal.add(0, 0);
        diagonal.add(1, 1);
        data.addSeries(diagonal);
        for (Curve c : curves) {
            var s = new org.jfree.data.xy.XYSeries(c.name(), false);
            for (int i = 0; i < c.confidence().length; i++) s.add(c.confidence()[i], c.accuracy()[i]);
            data.addSeries(s);
        }
        var renderer = new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, GRID.darker());
        renderer.setSeriesShapesVisible(0, false);
        renderer.setSeriesStroke(0, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {4, 4}, 0));
        for (int s = 0; s < curves.size(); s++) {
            renderer.setSeriesPaint(s + 1, PALETTE[s % PALETTE.length]);
            renderer.setSeriesStroke(s + 1, new BasicStroke(1.6f));
        }
        var x = new NumberAxis("confidence (highest class probability)");
        x.setRange(0, 1);
        var y = new NumberAxis("accuracy");
        y.setRange(0, 1);
        var plot = new XYPlot(data, x, y, renderer);
        return style(new JFreeChart(title, TITLE, plot, true), subtitle);
    }

    /**
     * Bars with optional symmetric error bars and per-bar highlight colour.
     *
     * @param errors     half-widths, NaN for none
     * @param highlight  bars drawn in the accent colour (e.g. flagged features)
     */
    static JFreeChart bars(String title, String subtitle, String valueAxis, List<String> categories, double[] values,
                           double[] errors, boolean[] highlight, boolean horizontal, String valueFormat) {
        // With error bars, a value label at the bar's end would sit on the whisker: put "value ± error"
        // in the category label instead.
        boolean withErrors = java.util.Arrays.stream(errors).anyMatch(e -> !Double.isNaN(e));
        var format = new DecimalFormat(valueFormat, java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        var data = new DefaultStatisticalCategoryDataset();
        for (int i = 0; i < categories.size(); i++) {
            String label = categories.get(i);
            if (withErrors) label += "  " + sig(values[i]) + (Double.isNaN(errors[i]) ? "" : " ± " + sig(errors[i]));
            data.add((Number) values[i], Double.isNaN(errors[i]) ? null : (Number) errors[i], "value", label);
        }
        var renderer = new StatisticalBarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return highlight != null && highlight[column] ? VERMILLION : BLUE;
            }
        };
        renderer.setErrorIndicatorPaint(Color.BLACK);
        renderer.setErrorIndicatorStroke(new BasicStroke(1.4f));
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setMaximumBarWidth(0.12);
        renderer.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        if (!withErrors) {
            renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", format));
            renderer.setDefaultItemLabelsVisible(true);
            renderer.setDefaultItemLabelFont(SUBTITLE);
            renderer.setDefaultPositiveItemLabelPosition(horizontal
                    ? new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT)
                    : new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
            renderer.setItemLabelAnchorOffset(6);
        }
        var range = new NumberAxis(valueAxis);
        range.setUpperMargin(0.15);
        var domain = categoryAxis(null);
        domain.setMaximumCategoryLabelWidthRatio(horizontal ? 0.45f : 1f);
        var plot = new CategoryPlot(data, domain, range, renderer);
        plot.setOrientation(horizontal ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL);
        plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_LEFT);
        if (!horizontal && categories.size() > 6) {
            plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        return style(new JFreeChart(title, TITLE, plot, false), subtitle);
    }

    /** About three significant digits, thousands grouped: 2,100 / 42.5 / 1.25 / 0.912. */
    static String sig(double v) {
        double a = Math.abs(v);
        String f = a >= 100 ? "%,.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : a == 0 ? "%.0f" : "%.3g";
        return String.format(java.util.Locale.ROOT, f, v);
    }

    private static CategoryAxis categoryAxis(String label) {
        var axis = new CategoryAxis(label);
        axis.setTickLabelFont(TICK);
        axis.setMaximumCategoryLabelLines(2);
        axis.setLowerMargin(0.03);
        axis.setUpperMargin(0.03);
        return axis;
    }

    private static JFreeChart style(JFreeChart chart, String subtitle) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(6, 6, 6, 12));
        if (subtitle != null && !subtitle.isEmpty()) {
            var t = new TextTitle(subtitle, SUBTITLE);
            t.setPaint(Color.DARK_GRAY);
            chart.addSubtitle(t);
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(TICK);
            chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        var plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        if (plot instanceof CategoryPlot cp) {
            cp.setRangeGridlinePaint(GRID);
            cp.setRangeGridlineStroke(new BasicStroke(1f));
            cp.getRangeAxis().setLabelFont(LABEL);
            cp.getRangeAxis().setTickLabelFont(TICK);
        } else if (plot instanceof XYPlot xp) {
            xp.setRangeGridlinePaint(GRID);
            xp.setRangeGridlineStroke(new BasicStroke(1f));
            xp.getRangeAxis().setLabelFont(LABEL);
            xp.getRangeAxis().setTickLabelFont(TICK);
        }
        return chart;
    }

    private static Color translucent(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    private static Shape diamond(double r) {
        var p = new java.awt.geom.Path2D.Double();
        p.moveTo(0, -r);
        p.lineTo(r, 0);
        p.lineTo(0, r);
        p.lineTo(-r, 0);
        p.closePath();
        return p;
    }
}
