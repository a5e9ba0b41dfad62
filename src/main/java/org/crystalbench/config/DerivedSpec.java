package org.crystalbench.config;

import java.util.ArrayList;
import java.util.List;
import org.crystalbench.chemistry.CellDescriptors;
import org.crystalbench.chemistry.Descriptors;

/**
 * Config section {@code dataset.derived}: feature columns computed from other columns of each row.
 * Their names can be used in {@code feature_sets} like any column (docs/materials.md).
 *
 * @param composition descriptors of a chemical formula column
 */
public record DerivedSpec(Composition composition) {

    /**
     * Composition descriptors. Feature names they add:
     * <ul>
     *   <li>{@value #FRACTIONS}: one column {@code "fraction <element>"} per element; on each split only the
     *       elements seen in its training rows (an element met only in test rows gets no column);</li>
     *   <li>{@value #PROPERTIES}: mean, min, max, range and mean absolute deviation of seven element
     *       properties over the formula's atoms, 35 columns also usable one by one ({@code "mean electronegativity"});</li>
     *   <li>{@value #ATOMS}; with {@code nsites}: {@value #FORMULA_UNITS} (sites ÷ atoms per formula unit);
     *       with {@code nsites} and {@code volume}: {@value #VOLUME_PER_ATOM} (volume ÷ sites) and {@value #CELL}
     *       (counts per cell, their parity and 2-adic valuations, volume per anion and per formula unit, ratios of
     *       element roles, the transition metal's number and guessed oxidation state; also usable one by one);</li>
     *   <li>with {@code nsites}: {@value #NEIGHBOURS}, a fitted transform: the smoothed class shares of the
     *       <em>training</em> rows with the same reduced formula, with the same anonymized formula and site
     *       count, and with the same reduced formula and site count, and how many there are ({@code features/NeighbourShares}). Never in the default feature set.</li>
     * </ul>
     *
     * @param formula the formula column (Materials Project style: {@code Li2Fe(SiO4)2}, {@code Li0.5CoO2})
     * @param nsites  optional: the column with the number of sites (atoms) in the cell
     * @param volume  optional: the column with the cell volume (needs {@code nsites})
     */
    public record Composition(String formula, String nsites, String volume) {
        public static final String FRACTIONS = "element fractions";
        public static final String PROPERTIES = "element properties";
        public static final String ATOMS = "atoms per formula unit";
        public static final String FORMULA_UNITS = "formula units per cell";
        public static final String VOLUME_PER_ATOM = "volume per atom";
        public static final String CELL = "cell descriptors";
        public static final String NEIGHBOURS = "neighbour shares";
        /** The hidden key columns {@value #NEIGHBOURS} reads: hashes of the reduced formula, of the prototype, of both with the sites. */
        public static final String REDUCED_KEY = "reduced formula key";
        public static final String PROTOTYPE_KEY = "prototype key";
        public static final String FORMULA_SITES_KEY = "formula and sites key";
        /** Prefix of an element-fraction column: "fraction Li". */
        public static final String FRACTION_PREFIX = "fraction ";

        public Composition {
            if (formula == null || formula.isBlank()) throw new IllegalArgumentException("composition.formula: missing (the formula column)");
            if (volume != null && nsites == null) throw new IllegalArgumentException("composition.volume needs composition.nsites (volume per atom = volume / sites)");
        }

        /** The single derived columns, in the order they follow the data's numeric columns (fractions come last). */
        public List<String> columns() {
            List<String> out = new ArrayList<>(Descriptors.COLUMNS);
            out.add(ATOMS);
            if (nsites != null) out.add(FORMULA_UNITS);
            if (volume != null) out.add(VOLUME_PER_ATOM);
            if (volume != null) out.addAll(CellDescriptors.COLUMNS);
            return List.copyOf(out);
        }

        /** The key columns of {@value #NEIGHBOURS} (after {@link #columns()}); empty without {@code nsites}. */
        public List<String> keyColumns() {
            return nsites == null ? List.of() : List.of(REDUCED_KEY, PROTOTYPE_KEY, FORMULA_SITES_KEY);
        }

        /** The group names: fractions and properties, with the cell descriptors and the neighbours when their inputs are configured. */
        public List<String> groupNames() {
            List<String> out = new ArrayList<>(List.of(FRACTIONS, PROPERTIES));
            if (volume != null) out.add(CELL);
            if (nsites != null) out.add(NEIGHBOURS);
            return List.copyOf(out);
        }

        /** Every name a feature set may use: the groups and the single columns. */
        public List<String> featureNames() {
            List<String> out = new ArrayList<>(groupNames());
            out.addAll(columns());
            return List.copyOf(out);
        }

        /**
         * Every per-row descriptor once: the groups, then the columns outside them. The neighbour shares are
         * left out: they are fitted on training labels, so a feature set asks for them by name.
         */
        public List<String> allFeatures() {
            List<String> out = new ArrayList<>(groupNames());
            out.remove(NEIGHBOURS);
            for (String c : columns()) if (!Descriptors.COLUMNS.contains(c) && !CellDescriptors.COLUMNS.contains(c)) out.add(c);
            return List.copyOf(out);
        }
    }
}
