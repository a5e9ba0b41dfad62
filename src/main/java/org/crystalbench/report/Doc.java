package org.crystalbench.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.crystalbench.report.Cells;
import org.jfree.chart.ui.Drawable;

/** report.md being written: its Markdown, the figures it links, and notes on what was left out. */
final class Doc {
    /** The folder beside report.md that holds its figures. */
    static final String FIGURES = "figures";

    final StringBuilder md = new StringBuilder();
    final List<Figure> figures = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final List<String> sections = new ArrayList<>();

    Doc line(String text) {
        md.append(text).append('\n');
        return this;
    }

    Doc para(String text) {
        md.append(text).append("\n\n");
        return this;
    }

    /** A top-level section ("## title"), listed in the contents. */
    Doc section(String title) {
        sections.add(title);
        return para("## " + title);
    }

    /** "Contents: [A](#a) · [B](#b)" for the sections so far; anchors as GitHub makes them. */
    String contents() {
        return "Contents: " + String.join(" · ", sections.stream().map(t -> "[" + t + "](#" + anchor(t) + ")").toList());
    }

    /** GitHub's heading anchor: lower case, punctuation dropped, spaces to '-'. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    /** Adds a figure and embeds its PNG, linking the SVG beside it. Names stay unique (suffix -2, -3...). */
    void figure(String name, String alt, int width, int height, Drawable drawing) {
        String unique = name;
        for (int i = 2; !names.add(unique); i++) unique = name + "-" + i;
        figures.add(new Figure(unique, alt, width, height, drawing));
        String base = FIGURES + "/" + unique;
        md.append("![").append(alt.replace("]", ")").replace("[", "(").replace("`", "")).append("](").append(base).append(".png)\n");
        md.append("<sub>[SVG](").append(base).append(".svg) · [PNG](").append(base).append(".png)</sub>\n\n");
    }

    void table(List<String> header, List<List<String>> rows) {
        md.append(Cells.table(header, rows)).append('\n');
    }

    /** "corrected-t 95% CI" from the settings provenance.json records; "CI" without them. */
    static String interval(org.crystalbench.stats.CiSpec ci) {
        return ci == null ? "CI" : ci.label() + " CI";
    }

    void note(String text) {
        notes.add(text);
    }
}
