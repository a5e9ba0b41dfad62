package org.crystalbench.perf;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.crystalbench.io.AtomicFiles;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/** Trend charts of a {@link History.Analysis}: score per run, change points as red vertical lines. */
public final class TrendCharts {
    private TrendCharts() {}

    static final int WIDTH = 720, HEIGHT = 360;

    /**
     * Every chart is drawn in memory before the first file is written: a value the chart library cannot draw
     * fails before any file, never halfway through the folder. A benchmark without a measured run gets none.
     */
    public static void write(History.Analysis a, Path dir) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (History.Series s : a.series()) {
            if (s.points().isEmpty()) continue;
            for (History.Point p : s.points()) {
                if (!History.measured(p.value())) throw new IllegalArgumentException(s.name() + ": no measurement at " + p.commit() + ": " + p.value());
            }
            JFreeChart chart = chart(s);
            String name = "trend-" + s.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
            SVGGraphics2D svg = new SVGGraphics2D(WIDTH, HEIGHT);
            svg.setDefsKeyPrefix("_" + name + "_"); // fixed ids: the same history gives the same file
            chart.draw(svg, new Rectangle(0, 0, WIDTH, HEIGHT));
            files.put(name + ".svg", svg.getSVGDocument().getBytes(StandardCharsets.UTF_8));
            BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            try {
                chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
            } finally {
                g.dispose();
            }
            var png = new ByteArrayOutputStream();
            try {
                ImageIO.write(image, "png", png);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            files.put(name + ".png", png.toByteArray());
        }
        files.forEach((name, bytes) -> AtomicFiles.write(dir.resolve(name), bytes));
    }

    static JFreeChart chart(History.Series s) {
        XYSeries points = new XYSeries(s.name());
        for (int i = 0; i < s.points().size(); i++) points.add(i + 1, s.points().get(i).value());
        NumberAxis x = new NumberAxis("run (oldest first)");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y = new NumberAxis(s.unit() + (s.biggerIsBetter() ? " (higher is better)" : " (lower is better)"));
        y.setAutoRangeIncludesZero(false);
        var renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, new Color(0x1f77b4));
        XYPlot plot = new XYPlot(new XYSeriesCollection(points), x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        for (var c : s.changes()) {
            var m = new ValueMarker(c.index() + 0.5, c.shift() > 0 ? Color.RED : new Color(0x2ca02c), new BasicStroke(1.5f));
            m.setLabel(String.format(Locale.ROOT, "%+.1f%%", 100 * c.shift()));
            plot.addDomainMarker(m);
        }
        JFreeChart chart = new JFreeChart(s.name(), JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
