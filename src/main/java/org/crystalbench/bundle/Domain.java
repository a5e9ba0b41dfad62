package org.crystalbench.bundle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.crystalbench.chemistry.Formula;
import org.crystalbench.data.Dataset;

/**
 * The applicability domain a bundle records ({@code bundle.json} {@code domain}): the range of every numeric input
 * over the training rows, and the elements of the training formulas. {@code predict} flags a row outside it
 * (columns {@code unseen_elements}, {@code out_of_range} and a count on the console): a model extrapolates there,
 * and nothing in its probabilities says so. Being inside is no guarantee (a new combination of seen elements in
 * range can still be new); being outside is a reason to distrust the prediction.
 *
 * @param ranges        per numeric input of the model (file and derived columns), its training minimum and maximum
 *                      (missing cells ignored)
 * @param formulaColumn the column holding a formula ({@code dataset.derived.composition.formula}, else a
 *                      {@code protocols.groups} column keyed by composition), or null: then elements are not checked
 * @param elements      the elements of the training rows' formulas (sorted), or null without a formula column
 */
public record Domain(Map<String, Range> ranges, String formulaColumn, List<String> elements) {

    public Domain {
        if (ranges == null) throw new IllegalArgumentException("domain.ranges: missing"); // Manifest.required's words, without a class cycle
        ranges = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ranges));
        elements = elements == null ? null : List.copyOf(elements);
    }

    public record Range(double min, double max) {}

    /**
     * The domain of the training rows {@code data} (numeric columns named by {@code inputs}, hidden key columns
     * excluded by the caller) and of their formulas ({@code formulas}: per row its formula cell, null when empty).
     */
    static Domain of(Dataset data, List<String> inputs, String formulaColumn, String[] formulas) {
        Map<String, Range> ranges = new LinkedHashMap<>();
        for (String col : inputs) {
            int j = data.numericNames().indexOf(col);
            if (j < 0) continue;
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < data.size(); r++) {
                double v = data.numeric().get(r, j);
                if (Double.isNaN(v)) continue;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            if (min <= max) ranges.put(col, new Range(min, max));
        }
        List<String> elements = null;
        if (formulas != null) {
            Set<String> seen = new TreeSet<>();
            for (String f : formulas) {
                Formula parsed = parse(f);
                if (parsed != null) seen.addAll(parsed.amounts().keySet());
            }
            elements = List.copyOf(seen);
        }
        return new Domain(ranges, formulas == null ? null : formulaColumn, elements);
    }

    private static Formula parse(String cell) {
        if (cell == null) return null;
        try {
            return Formula.parse(cell);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Per row, where it lies outside the domain.
     *
     * @param unseenElements per row, the elements of its formula not in any training formula ("Co Ni"), "" when none,
     *                       "?" when its formula cell is empty or not a formula; all null when elements are not checked
     * @param outOfRange     per row, each numeric input outside its training range, with its value, the bound and the
     *                       excess in units of the training range's width ("Volume 812.3 > max 700.1 (+0.16 range)"),
     *                       joined by "; "; "" when none
     * @param outOfRangeByInput per numeric input, the rows outside its range (inputs with none left out)
     */
    public record Flags(String[] unseenElements, String[] outOfRange, Map<String, Integer> outOfRangeByInput) {
        public int unseenElementRows() {
            int n = 0;
            if (unseenElements != null) for (String s : unseenElements) if (!s.isEmpty()) n++;
            return n;
        }

        public int outOfRangeRows() {
            int n = 0;
            for (String s : outOfRange) if (!s.isEmpty()) n++;
            return n;
        }

    }

    /**
     * Checks the rows of {@code data} (the model's numeric inputs, as predict reads them) and their formula cells
     * ({@code formulas}: null when the file has no formula column).
     */
    public Flags check(Dataset data, String[] formulas) {
        int n = data.size();
        String[] out = new String[n];
        Map<String, Integer> byInput = new LinkedHashMap<>();
        int[] cols = ranges.keySet().stream().mapToInt(data.numericNames()::indexOf).toArray();
        List<Range> rs = List.copyOf(ranges.values());
        List<String> names = List.copyOf(ranges.keySet());
        for (int r = 0; r < n; r++) {
            List<String> parts = new ArrayList<>();
            for (int j = 0; j < cols.length; j++) {
                if (cols[j] < 0) continue;
                double v = data.numeric().get(r, cols[j]);
                Range range = rs.get(j);
                if (Double.isNaN(v) || (v >= range.min() && v <= range.max())) continue;
                boolean low = v < range.min();
                byInput.merge(names.get(j), 1, Integer::sum);
                double bound = low ? range.min() : range.max(), width = range.max() - range.min();
                parts.add(String.format(Locale.ROOT, "%s %s %s %s (%s)", names.get(j), num(v), low ? "< min" : "> max", num(bound),
                        width > 0 ? String.format(Locale.ROOT, "%s%.2f range", low ? "-" : "+", Math.abs(v - bound) / width)
                                : "training value " + num(bound) + " only"));
            }
            out[r] = String.join("; ", parts);
        }
        String[] unseen = null;
        if (elements != null && formulas != null) {
            unseen = new String[n];
            Set<String> known = Set.copyOf(elements);
            for (int r = 0; r < n; r++) {
                Formula f = parse(formulas[r]);
                unseen[r] = f == null ? "?" : String.join(" ", f.amounts().keySet().stream().filter(e -> !known.contains(e)).toList());
            }
        }
        return new Flags(unseen, out, byInput);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2").replaceFirst("\\.(e|$)", "$1");
    }
}
