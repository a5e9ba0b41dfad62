package org.crystalbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.ui.Drawable;

/**
 * A labelled matrix of coloured cells with text in each cell (confusion matrices, grid heatmaps),
 * drawn with plain Java2D so that SVG and PNG come from the same code.
 *
 * @param shade      per cell, 0..1 on the colour scale; NaN leaves the cell blank (grey)
 * @param text       per cell, one or two lines ("\n")
 * @param scaleLow   label of the colour bar's low end; {@code scaleHigh} of its high end
 * @param marked     cell to outline (row, column), or null
 */
record Heatmap(String title, List<String> rowLabels, List<String> colLabels, String rowAxis, String colAxis,
               double[][] shade, String[][] text, String scaleLow, String scaleHigh, int[] marked) implements Drawable {

    /** ColorBrewer "Blues", light to dark. */
    private static final Color[] RAMP = {new Color(0xf7fbff), new Color(0xdeebf7), new Color(0xc6dbef),
            new Color(0x9ecae1), new Color(0x6baed6), new Color(0x4292c6), new Color(0x2171b5), new Color(0x084594)};
    private static final Color EMPTY = new Color(0xeeeeee);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font AXIS = new Font(Font.SANS_SERIF, Font.BOLD, 12);
    private static final Font CELL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    static Color colour(double t) {
        if (Double.isNaN(t)) return EMPTY;
        double x = Math.max(0, Math.min(1, t)) * (RAMP.length - 1);
        int i = Math.min(RAMP.length - 2, (int) Math.floor(x));
        double f = x - i;
        Color a = RAMP[i], b = RAMP[i + 1];
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D area) {
        int rows = rowLabels.size(), cols = colLabels.size();
        double x0 = area.getX() + 8, y0 = area.getY() + 6, w = area.getWidth() - 16, h = area.getHeight() - 12;
        g.setPaint(Color.BLACK);
        g.setFont(TITLE);
        FontMetrics tm = g.getFontMetrics();
        g.drawString(title, (float) (x0 + (w - tm.stringWidth(title)) / 2), (float) (y0 + tm.getAscent()));
        double top = y0 + tm.getHeight() + 6;

        g.setFont(LABEL);
        FontMetrics lm = g.getFontMetrics();
        int rowLabelW = 0;
        for (String s : rowLabels) rowLabelW = Math.max(rowLabelW, lm.stringWidth(s));
        double axisH = g.getFontMetrics(AXIS).getHeight();
        double barW = 54; // colour bar and its labels
        double left = x0 + axisH + 4 + rowLabelW + 6;
        double gridW = w - (left - x0) - barW;
        double gridH = h - (top - y0) - lm.getHeight() - axisH - 10;
        double cw = gridW / cols, ch = gridH / rows;

        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                cell(g, left + c * cw, top + r * ch, cw, ch, shade[r][c], text[r][c]);
            }
        }
        if (marked != null) {
            g.setPaint(new Color(0xd55e00));
            g.setStroke(new BasicStroke(3f));
            g.draw(new Rectangle2D.Double(left + marked[1] * cw + 1.5, top + marked[0] * ch + 1.5, cw - 3, ch - 3));
        }
        g.setStroke(new BasicStroke(1f));

        g.setPaint(Color.BLACK);
        g.setFont(LABEL);
        for (int r = 0; r < rows; r++) {
            String s = rowLabels.get(r);
            g.drawString(s, (float) (left - 6 - lm.stringWidth(s)), (float) (top + r * ch + ch / 2 + lm.getAscent() / 2.0 - 2));
        }
        double below = top + rows * ch + 4 + lm.getAscent();
        for (int c = 0; c < cols; c++) {
            String s = colLabels.get(c);
            g.drawString(s, (float) (left + c * cw + (cw - lm.stringWidth(s)) / 2), (float) below);
        }
        g.setFont(AXIS);
        FontMetrics am = g.getFontMetrics();
        g.drawString(colAxis, (float) (left + (cols * cw - am.stringWidth(colAxis)) / 2), (float) (below + lm.getDescent() + 4 + am.getAscent()));
        AffineTransform saved = g.getTransform();
        g.translate(x0 + am.getAscent(), top + (rows * ch + am.stringWidth(rowAxis)) / 2);
        g.rotate(-Math.PI / 2);
        g.drawString(rowAxis, 0f, 0f);
        g.setTransform(saved);

        colourBar(g, left + cols * cw + 14, top, Math.min(rows * ch, 220));
    }

    /** One cell: its shade, a white border and its text (first line bold), centred. */
    private void cell(Graphics2D g, double cx, double cy, double cw, double ch, double s, String t) {
        g.setPaint(colour(s));
        g.fill(new Rectangle2D.Double(cx, cy, cw, ch));
        g.setPaint(Color.WHITE);
        g.setStroke(new BasicStroke(1f));
        g.draw(new Rectangle2D.Double(cx, cy, cw, ch));
        if (t == null || t.isEmpty()) return;
        g.setPaint(!Double.isNaN(s) && s > 0.55 ? Color.WHITE : Color.BLACK);
        g.setFont(CELL);
        FontMetrics cm = g.getFontMetrics();
        String[] lines = t.split("\n");
        double textH = lines.length * cm.getHeight();
        for (int i = 0; i < lines.length; i++) {
            g.setFont(i == 0 ? CELL.deriveFont(Font.BOLD) : CELL);
            cm = g.getFontMetrics();
            g.drawString(lines[i], (float) (cx + (cw - cm.stringWidth(lines[i])) / 2),
                    (float) (cy + (ch - textH) / 2 + i * cm.getHeight() + cm.getAscent()));
        }
    }

    /** The colour bar the shades are read on, {@code scaleHigh} above and {@code scaleLow} below. */
    private void colourBar(Graphics2D g, double bx, double by, double bh) {
        double bw = 12;
        int steps = 40;
        for (int i = 0; i < steps; i++) {
            g.setPaint(colour(1 - (i + 0.5) / steps));
            g.fill(new Rectangle2D.Double(bx, by + i * bh / steps, bw, bh / steps + 0.5));
        }
        g.setPaint(Color.GRAY);
        g.draw(new Rectangle2D.Double(bx, by, bw, bh));
        g.setPaint(Color.BLACK);
        g.setFont(LABEL.deriveFont(10f));
        FontMetrics sm = g.getFontMetrics();
        g.drawString(scaleHigh, (float) (bx - 2), (float) (by - 3));
        g.drawString(scaleLow, (float) (bx - 2), (float) (by + bh + sm.getAscent() + 2));
    }

    /** Several drawings side by side, {@code columns} per row. */
    record Panels(List<? extends Drawable> panels, int columns) implements Drawable {
        @Override
        public void draw(Graphics2D g, Rectangle2D area) {
            int rows = (panels.size() + columns - 1) / columns;
            double pw = area.getWidth() / columns, ph = area.getHeight() / rows;
            for (int i = 0; i < panels.size(); i++) {
                panels.get(i).draw(g, new Rectangle2D.Double(area.getX() + (i % columns) * pw,
                        area.getY() + (i / columns) * ph, pw, ph));
            }
        }
    }
}
