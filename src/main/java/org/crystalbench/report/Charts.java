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
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;
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
        values.forEach((category, bySeries) -> bySeries.forEach((series, v) -> data.add(v, series, category)));
        var renderer = new BoxAndWhiskerRenderer();
        renderer.setMeanVisible(true);
        renderer.setMedianVisible(true);
        renderer.setFillBox(true);
        renderer.setMaxOutlierVisible(true);
        renderer.setMinOutlierVisible(true);
        renderer.setItemMargin(0.12);
        renderer.setMaximumBarWidth(0.09);
        renderer.setUseOutlinePaintForWhiskers(false);
        for (int i = 0; i < data.getRowCount(); i++) {
            renderer.setSeriesPaint(i, translucent(PALETTE[i % PALETTE.length]));
            renderer.setSeriesOutlinePaint(i, PALETTE[i % PALETTE.length].darker());
        }
        renderer.setDefaultOutlineStroke(new BasicStroke(1.2f));
        var range = new NumberAxis(valueAxis);
        range.setAutoRangeIncludesZero(false);
        var plot = new CategoryPlot(data, categoryAxis(null), range, renderer);
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

    /**
     * Bars with optional symmetric error bars and per-bar highlight colour.
     *
     * @param errors     half-widths, NaN for none
     * @param highlight  bars drawn in the accent colour (e.g. flagged features)
     */
    static JFreeChart bars(String title, String subtitle, String valueAxis, List<String> categories, double[] values,
                           double[] errors, boolean[] highlight, boolean horizontal, String valueFormat) {
        var data = new DefaultStatisticalCategoryDataset();
        for (int i = 0; i < categories.size(); i++) {
            data.add((Number) values[i], Double.isNaN(errors[i]) ? null : (Number) errors[i], "value", categories.get(i));
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
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat(valueFormat)));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(SUBTITLE);
        renderer.setDefaultPositiveItemLabelPosition(horizontal
                ? new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT)
                : new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
        renderer.setItemLabelAnchorOffset(6);
        var range = new NumberAxis(valueAxis);
        range.setUpperMargin(0.15);
        var plot = new CategoryPlot(data, categoryAxis(null), range, renderer);
        plot.setOrientation(horizontal ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL);
        if (!horizontal && categories.size() > 6) {
            plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        return style(new JFreeChart(title, TITLE, plot, false), subtitle);
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

    private static Color translucent(Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), 110);
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
