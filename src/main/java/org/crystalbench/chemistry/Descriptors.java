package org.crystalbench.chemistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Composition descriptors of a formula, in the manner of Magpie / matminer's {@code ElementProperty}:
 * for each element property, its mean, minimum, maximum, range and mean absolute deviation over the
 * formula's atoms (weights: element fractions). Column names are {@code "<statistic> <property>"},
 * e.g. {@code "mean electronegativity"}.
 */
public final class Descriptors {
    private Descriptors() {}

    /** The element properties described, each with its column word and its value. */
    public enum Property {
        ATOMIC_NUMBER("atomic number", Elements.Element::atomicNumber),
        PERIOD("period", Elements.Element::period),
        GROUP("group", e -> e.group() <= 0 ? Double.NaN : e.group()),
        ATOMIC_MASS("atomic mass", Elements.Element::atomicMass),
        ELECTRONEGATIVITY("electronegativity", Elements.Element::electronegativity),
        COVALENT_RADIUS("covalent radius", Elements.Element::covalentRadius),
        VALENCE_ELECTRONS("valence electrons", e -> e.valenceElectrons() < 0 ? Double.NaN : e.valenceElectrons());

        public final String label;
        final ToDoubleFunction<Elements.Element> value;

        Property(String label, ToDoubleFunction<Elements.Element> value) {
            this.label = label;
            this.value = value;
        }
    }

    /** The statistics over a formula's atoms. */
    public enum Statistic {
        MEAN("mean"), MIN("min"), MAX("max"), RANGE("range"), MAD("mad");

        public final String label;

        Statistic(String label) {
            this.label = label;
        }
    }

    /** Column names in the order {@link #properties} returns them: property-major, then statistic. */
    public static final List<String> COLUMNS;

    static {
        List<String> c = new ArrayList<>();
        for (Property p : Property.values()) for (Statistic s : Statistic.values()) c.add(s.label + " " + p.label);
        COLUMNS = List.copyOf(c);
    }

    /**
     * Weighted statistics of every {@link Property} over the formula's atoms.
     *
     * @throws IllegalArgumentException when CDK's table lacks a property of one of the elements
     */
    public static double[] properties(Formula f) {
        Map<String, Double> fractions = f.fractions();
        double[] out = new double[COLUMNS.size()];
        int at = 0;
        for (Property p : Property.values()) {
            double mean = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            double[] v = new double[fractions.size()];
            double[] w = new double[fractions.size()];
            int i = 0;
            for (var e : fractions.entrySet()) {
                double x = p.value.applyAsDouble(Elements.of(e.getKey()));
                if (Double.isNaN(x)) {
                    throw new IllegalArgumentException("element " + e.getKey() + " has no " + p.label + " in CDK's element table");
                }
                v[i] = x;
                w[i++] = e.getValue();
                mean += e.getValue() * x;
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            double mad = 0;
            for (int j = 0; j < v.length; j++) mad += w[j] * Math.abs(v[j] - mean);
            out[at++] = mean;
            out[at++] = min;
            out[at++] = max;
            out[at++] = max - min;
            out[at++] = mad;
        }
        return out;
    }
}
