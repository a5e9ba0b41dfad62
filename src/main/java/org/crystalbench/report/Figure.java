package org.crystalbench.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.chart.ui.Drawable;
import org.jfree.svg.SVGGraphics2D;

/**
 * One figure of the report: a drawing (a JFreeChart chart or one of ours) rendered the same way to
 * SVG and PNG, under a file name derived from what it shows.
 *
 * @param name   file name without extension, already {@link #slug sanitised}
 * @param alt    alternative text / caption for report.md
 */
record Figure(String name, String alt, int width, int height, Drawable drawing) {

    byte[] svg() {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix("_" + name + "_"); // the default is time-based; fixed ids keep the file reproducible
        paint(g);
        return g.getSVGDocument().getBytes(StandardCharsets.UTF_8);
    }

    byte[] png() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            paint(g);
        } finally {
            g.dispose();
        }
        var out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) throw new IllegalStateException("no PNG writer");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void paint(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setPaint(Color.WHITE);
        g.fillRect(0, 0, width, height);
        drawing.draw(g, new Rectangle(0, 0, width, height));
    }

    /** A file-name-safe form of the parts: letters, digits, '.', '_' and '-', lower case, joined by '-'. */
    static String slug(String... parts) {
        var sb = new StringBuilder();
        for (String p : parts) {
            String s = p.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("-{2,}", "-")
                    .replaceAll("^[-.]+|[-.]+$", "");
            if (s.isEmpty()) s = "x";
            if (!sb.isEmpty()) sb.append('-');
            sb.append(s);
        }
        return sb.toString();
    }
}
