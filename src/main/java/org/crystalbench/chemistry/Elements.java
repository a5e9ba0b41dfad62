package org.crystalbench.chemistry;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openscience.cdk.config.Isotopes;

/**
 * Element data from CDK ({@code org.openscience.cdk.config.Elements} and {@code Isotopes}, CDK 2.11):
 * atomic number, period, IUPAC group, Pauling electronegativity, covalent radius (Å) and the natural
 * (abundance-weighted) atomic mass. Valence electrons are derived from the group, the convention of
 * Magpie's {@code NValence} for s, p and d elements: group 1–12 → the group number (s + d electrons),
 * 13–18 → group − 10 (s + p), helium 2. CDK gives f-block elements no group and some elements no radius
 * or electronegativity (noble gases, most lanthanides): asking for such a value is an error naming the
 * element, never a silent zero.
 */
public final class Elements {
    private Elements() {}

    /** One element's properties; NaN where CDK has no value. */
    public record Element(String symbol, int atomicNumber, int period, int group, double atomicMass,
                          double electronegativity, double covalentRadius, int valenceElectrons) {}

    private static final Map<String, Element> CACHE = new ConcurrentHashMap<>();

    /** True when {@code symbol} is an element of CDK's table (case-sensitive, e.g. "Fe", not "FE"). */
    public static boolean known(String symbol) {
        org.openscience.cdk.config.Elements e = org.openscience.cdk.config.Elements.ofString(symbol);
        return e != org.openscience.cdk.config.Elements.Unknown && e.symbol().equals(symbol) && e.number() > 0;
    }

    /** The element's data; IllegalArgumentException for an unknown symbol. */
    public static Element of(String symbol) {
        Element cached = CACHE.get(symbol);
        if (cached != null) return cached;
        if (!known(symbol)) throw new IllegalArgumentException("unknown element '" + symbol + "'");
        org.openscience.cdk.config.Elements e = org.openscience.cdk.config.Elements.ofString(symbol);
        double mass;
        try {
            mass = Isotopes.getInstance().getNaturalMass(e.number());
        } catch (IOException ex) {
            throw new IllegalStateException("CDK's isotope table cannot be read", ex);
        }
        int group = e.group();
        int valence = group <= 0 ? -1 : e.number() == 2 ? 2 : group <= 12 ? group : group - 10;
        Element out = new Element(symbol, e.number(), e.period(), group, mass > 0 ? mass : Double.NaN,
                e.electronegativity() == null ? Double.NaN : e.electronegativity(),
                e.covalentRadius() == null ? Double.NaN : e.covalentRadius(), valence);
        CACHE.put(symbol, out);
        return out;
    }
}
