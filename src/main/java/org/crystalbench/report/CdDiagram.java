package org.crystalbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jfree.chart.ui.Drawable;

/**
 * Demšar's critical-difference diagram: the models on an axis of mean rank (1, the best, on the left), a bar
 * of the Nemenyi critical difference, and thick lines joining groups of models whose ranks differ by less
 * than it (not significantly different). Plain Java2D, so SVG and PNG come from the same code.
 *
 * @param ranks mean rank per model, in {@code models} order
 * @param cd    the critical difference (NaN: no bar, no groups)
 */
record CdDiagram(String title, List<String> models, double[] ranks, double cd) implements Drawable {

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    /** Maximal runs [from, to] of rank-sorted positions spanning at most the CD (two models or more). */
    static List<int[]> groups(double[] sorted, double cd) {
        List<int[]> out = new ArrayList<>();
        if (Double.isNaN(cd)) return out;
        int lastTo = -1;
        for (int i = 0; i < sorted.length; i++) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] - sorted[i] <= cd) j++;
            if (j > i && j > lastTo) {
                out.add(new int[] {i, j});
                lastTo = j;
            }
        }
        return out;
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D area) {
        int k = models.size();
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble(i -> ranks[i]));
        double[] sorted = Arrays.stream(order).mapToDouble(i -> ranks[i]).toArray();

        g.setPaint(Color.BLACK);
        g.setFont(TITLE);
        FontMetrics tm = g.getFontMetrics();
        double x0 = area.getX(), w = area.getWidth();
        g.drawString(title, (float) (x0 + (w - tm.stringWidth(title)) / 2), (float) (area.getY() + 6 + tm.getAscent()));
        g.setFont(LABEL);
        FontMetrics lm = g.getFontMetrics();
        int labelW = 0;
        for (String m : models) labelW = Math.max(labelW, lm.stringWidth(m + " (0.00)"));
        double left = x0 + labelW + 30, right = x0 + w - labelW - 30;
        double axisY = area.getY() + tm.getHeight() + 60;
        double scale = (right - left) / Math.max(1, k - 1);
        java.util.function.DoubleUnaryOperator x = r -> left + (r - 1) * scale;

        g.setStroke(new BasicStroke(1.2f));
        g.draw(new Line2D.Double(left, axisY, right, axisY));
        for (int r = 1; r <= k; r++) {
            g.draw(new Line2D.Double(x.applyAsDouble(r), axisY, x.applyAsDouble(r), axisY - 6));
            String s = Integer.toString(r);
            g.drawString(s, (float) (x.applyAsDouble(r) - lm.stringWidth(s) / 2.0), (float) (axisY - 9));
        }
        if (!Double.isNaN(cd)) drawCd(g, x, area.getY() + tm.getHeight() + 16, lm);
        // models: the better half labelled on the left, the rest on the right
        double rowH = lm.getHeight() + 6;
        int half = (k + 1) / 2;
        g.setStroke(new BasicStroke(1f));
        for (int p = 0; p < k; p++) {
            int m = order[p];
            boolean onLeft = p < half;
            int row = onLeft ? p : k - 1 - p;
            double y = axisY + 30 + row * rowH + groupsSpace(sorted);
            double xm = x.applyAsDouble(ranks[m]);
            g.draw(new Line2D.Double(xm, axisY, xm, y));
            double xEnd = onLeft ? left - 10 : right + 10;
            g.draw(new Line2D.Double(xm, y, xEnd, y));
            String s = String.format(java.util.Locale.ROOT, "%s (%.2f)", models.get(m), ranks[m]);
            float tx = (float) (onLeft ? xEnd - 4 - lm.stringWidth(s) : xEnd + 4);
            g.drawString(s, tx, (float) (y + lm.getAscent() / 2.0 - 1));
        }
        // groups not significantly different, as thick bars just under the axis
        g.setStroke(new BasicStroke(4f));
        g.setPaint(new Color(0x333333));
        List<int[]> gs = groups(sorted, cd);
        for (int i = 0; i < gs.size(); i++) {
            double y = axisY + 12 + i * 8;
            g.draw(new Line2D.Double(x.applyAsDouble(sorted[gs.get(i)[0]]) - 3, y, x.applyAsDouble(sorted[gs.get(i)[1]]) + 3, y));
        }
    }

    /** The critical difference as a bar from rank 1, labelled. */
    private void drawCd(Graphics2D g, java.util.function.DoubleUnaryOperator x, double y, FontMetrics lm) {
        g.setStroke(new BasicStroke(2f));
        g.draw(new Line2D.Double(x.applyAsDouble(1), y, x.applyAsDouble(1 + cd), y));
        g.draw(new Line2D.Double(x.applyAsDouble(1), y - 4, x.applyAsDouble(1), y + 4));
        g.draw(new Line2D.Double(x.applyAsDouble(1 + cd), y - 4, x.applyAsDouble(1 + cd), y + 4));
        String s = String.format(java.util.Locale.ROOT, "CD = %.2f", cd);
        g.drawString(s, (float) (x.applyAsDouble(1 + cd) + 8), (float) (y + lm.getAscent() / 2.0 - 1));
    }

    private double groupsSpace(double[] sorted) {
        return groups(sorted, cd).size() * 8;
    }

    /** Height that fits {@code k} models' labels. */
    static int height(int k, int groupCount) {
        return 140 + ((k + 1) / 2) * 22 + groupCount * 8;
    }
}
