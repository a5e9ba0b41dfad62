package org.crystalbench.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.crystalbench.chemistry.CellDescriptors;
import org.crystalbench.chemistry.Descriptors;
import org.crystalbench.chemistry.Elements;
import org.crystalbench.chemistry.Formula;
import org.crystalbench.config.DerivedSpec.Composition;

/**
 * Composition descriptors of each loaded row, appended to the numeric columns: every value depends on
 * its own row only, so computing them for all rows at load time leaks nothing. The two key columns of the
 * neighbour shares (reduced formula, prototype) are keys, not features: only {@code NeighbourShares}
 * reads them, with the training rows' labels, per split. Element-fraction columns
 * are made for the elements present in the file; which of them a model sees is decided per split on
 * the training rows ({@code FeatureEncoder}).
 */
final class Derived {
    private Derived() {}

    /** One row's inputs: the parsed formula and the optional site count and volume. */
    record Row(Formula formula, double nsites, double volume) {}

    /**
     * Parses one formula cell.
     *
     * @throws IllegalArgumentException saying why the cell is not a formula, or which element property is missing
     */
    static Formula parse(String cell) {
        Formula f = Formula.parse(cell);
        Descriptors.properties(f); // every property must exist for every element: fail here, with the line
        return f;
    }

    /**
     * Every derived value of row {@code r} must be a finite number: a subnormal site count or a huge volume
     * would otherwise give an infinite ratio, standardised to NaN, and every model would quietly predict
     * the majority class.
     */
    private static void checkFinite(Dataset d, int r, Composition spec, Row row, List<String> names, double[] out) {
        for (int j = d.numericNames().size(); j < out.length; j++) {
            if (Double.isFinite(out[j])) continue;
            String name = names.get(j);
            String from = name.equals(Composition.VOLUME_PER_ATOM)
                    ? "'" + spec.volume() + "' " + row.volume() + " / '" + spec.nsites() + "' " + row.nsites()
                    : name.equals(Composition.FORMULA_UNITS)
                    ? "'" + spec.nsites() + "' " + row.nsites() + " / " + row.formula().atoms() + " atoms per formula unit"
                    : "the formula in '" + spec.formula() + "'";
            throw org.crystalbench.InputException.at(d.source(), d.lines()[r], "column '" + name + "'",
                    "derived from " + from + " is not a finite number (" + out[j] + ")");
        }
    }

    /**
     * A key as a number the numeric columns can hold: the first 52 bits of the SHA-256 of its text (a whole
     * number, exact in a double). Two of the file's few hundred keys collide with odds below 1e-10.
     */
    static double key(String text) {
        byte[] h = org.crystalbench.io.Hashing.sha256().digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        long v = 0;
        for (int i = 0; i < 7; i++) v = (v << 8) | (h[i] & 0xff);
        return v >>> 4;
    }

    /** The data set with the descriptors of {@code rows} (one per data row) appended to its numeric columns. */
    static Dataset append(Dataset d, Composition spec, List<Row> rows) {
        List<String> elements = new ArrayList<>(new TreeSet<>(rows.stream()
                .flatMap(r -> r.formula().amounts().keySet().stream()).toList()));
        elements.sort(Comparator.comparingInt(e -> Elements.of(e).atomicNumber()));
        List<String> columns = spec.columns();
        List<String> names = new ArrayList<>(d.numericNames());
        names.addAll(columns);
        names.addAll(spec.keyColumns());
        List<String> fractionColumns = elements.stream().map(e -> Composition.FRACTION_PREFIX + e).toList();
        names.addAll(fractionColumns);
        var numeric = new NumericRows.Builder(names.size());
        for (int r = 0; r < d.size(); r++) {
            Row row = rows.get(r);
            double[] out = Arrays.copyOf(d.numericRow(r), names.size());
            int at = d.numericNames().size();
            for (double v : Descriptors.properties(row.formula())) out[at++] = v;
            double atoms = row.formula().atoms();
            out[at++] = atoms;
            if (spec.nsites() != null) out[at++] = row.nsites() / atoms;
            if (spec.volume() != null) out[at++] = row.volume() / row.nsites();
            checkFinite(d, r, spec, row, names, out); // the plain ratios first: their message names the cells
            if (spec.volume() != null) {
                double[] cell;
                try {
                    cell = CellDescriptors.of(row.formula(), row.nsites(), row.volume()); // each one finite, or says which is not
                } catch (IllegalArgumentException e) {
                    throw org.crystalbench.InputException.at(d.source(), d.lines()[r], "column '" + spec.formula() + "'", e.getMessage());
                }
                for (double v : cell) out[at++] = v;
            }
            if (spec.nsites() != null) {
                out[at++] = key(CellDescriptors.reducedKey(row.formula()));
                out[at++] = key(CellDescriptors.prototypeKey(row.formula(), row.nsites()));
                out[at++] = key(CellDescriptors.reducedKey(row.formula()) + " @" + row.nsites());
            }
            Map<String, Double> fractions = row.formula().fractions();
            for (String e : elements) out[at++] = fractions.getOrDefault(e, 0.0);
            checkFinite(d, r, spec, row, names, out);
            numeric.add(out);
        }
        Map<String, List<String>> groups = new LinkedHashMap<>(d.groups());
        groups.put(Composition.FRACTIONS, fractionColumns);
        groups.put(Composition.PROPERTIES, Descriptors.COLUMNS);
        if (spec.volume() != null) groups.put(Composition.CELL, CellDescriptors.COLUMNS);
        if (spec.nsites() != null) groups.put(Composition.NEIGHBOURS, spec.keyColumns());
        return new Dataset(d.source(), d.sha256(), d.ids(), List.copyOf(names), numeric.build(), d.categoricalNames(),
                d.categorical(), d.classes(), d.y(), d.lines(), d.rowsRead(), d.rowsDropped(), groups, d.missing());
    }
}
