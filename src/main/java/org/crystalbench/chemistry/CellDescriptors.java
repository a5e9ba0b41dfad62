package org.crystalbench.chemistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Descriptors of a crystal's cell from its formula, site count and volume (docs/materials.md, "Cell
 * descriptors"). Each is a function of its own row only.
 *
 * <p>The counts are those of the <em>reduced</em> formula (amounts divided by their greatest common
 * divisor; fractional amounts first scaled to whole numbers), so {@code Li4Fe2Si2O8} and {@code Li2FeSiO4}
 * describe the same cell. Site multiplicities in a space group divide its order, so cells of
 * higher-symmetry systems hold counts that are more often multiples of 2 and 4: the parity and the
 * 2-adic valuation (the power of 2 dividing a number) carry that, which a tree cannot read from the
 * number itself.
 *
 * <p>Elements play roles by a rule on their place in the periodic table, not by name: the <b>anion</b>
 * is the most electronegative element (Pauling); <b>alkali</b> are the other elements of groups 1–2
 * below hydrogen (the working ions); <b>transition metals</b> are groups 3–12 and the f block; every
 * other element is a <b>framework</b> cation (Si, P, B, Al, Ge, ...: the polyanion's centre).
 */
public final class CellDescriptors {
    private CellDescriptors() {}

    /** Column names, in the order {@link #of} returns them. */
    public static final List<String> COLUMNS = List.of(
            "formula units odd",
            "formula units 2-adic",
            "sites 2-adic",
            "min count per cell",
            "min count 2-adic",
            "volume per anion",
            "volume per formula unit",
            "alkali per transition metal",
            "alkali per framework cation",
            "anion per framework cation",
            "anion per cation",
            "transition metal atomic number",
            "transition metal oxidation state",
            "alkali per cell",
            "transition metal per cell",
            "framework cation per cell",
            "anion per cell",
            "alkali per cell 2-adic",
            "transition metal per cell 2-adic",
            "framework cation per cell 2-adic",
            "anion per cell 2-adic");

    /** What each element of a formula is, by the rule of the class comment. */
    public enum Role { ANION, ALKALI, TRANSITION_METAL, FRAMEWORK }

    /** The role of {@code symbol} in formula {@code f}. */
    public static Role role(Formula f, String symbol) {
        if (symbol.equals(anion(f))) return Role.ANION;
        Elements.Element e = Elements.of(symbol);
        if ((e.group() == 1 || e.group() == 2) && e.period() > 1) return Role.ALKALI;
        if (e.group() <= 0 || (e.group() >= 3 && e.group() <= 12)) return Role.TRANSITION_METAL;
        return Role.FRAMEWORK;
    }

    /** The most electronegative element of the formula (the first one written on a tie). */
    public static String anion(Formula f) {
        String best = null;
        double chi = Double.NEGATIVE_INFINITY;
        for (String s : f.amounts().keySet()) {
            double x = Elements.of(s).electronegativity();
            if (x > chi) {
                chi = x;
                best = s;
            }
        }
        return best;
    }

    /**
     * The reduced formula: whole-number amounts with no common divisor, keys sorted by symbol. Amounts
     * that no denominator up to {@value #MAX_DENOMINATOR} makes whole are kept as written.
     */
    public static Map<String, Double> reduced(Formula f) {
        int q = 0;
        for (int d = 1; d <= MAX_DENOMINATOR && q == 0; d++) {
            boolean whole = true;
            for (double a : f.amounts().values()) whole &= isWhole(a * d);
            if (whole) q = d;
        }
        Map<String, Double> out = new TreeMap<>();
        if (q == 0) {
            out.putAll(f.amounts());
            return out;
        }
        long g = 0;
        for (double a : f.amounts().values()) g = gcd(g, Math.round(a * q));
        for (var e : f.amounts().entrySet()) out.put(e.getKey(), (double) (Math.round(e.getValue() * q) / g));
        return out;
    }

    /** The reduced formula as text, elements by symbol ({@code Fe1 Li2 O4 Si1}): the key of a composition. */
    public static String reducedKey(Formula f) {
        StringBuilder sb = new StringBuilder();
        reduced(f).forEach((s, a) -> sb.append(sb.isEmpty() ? "" : " ").append(s).append(num(a)));
        return sb.toString();
    }

    /**
     * The anonymized formula with the cell's site count: the reduced amounts sorted from largest to
     * smallest, element names dropped ({@code 4 2 1 1 @32}): a structure prototype's key.
     */
    public static String prototypeKey(Formula f, double nsites) {
        List<Double> amounts = new ArrayList<>(reduced(f).values());
        amounts.sort((a, b) -> Double.compare(b, a));
        StringBuilder sb = new StringBuilder();
        for (double a : amounts) sb.append(num(a)).append(' ');
        return sb.append('@').append(num(nsites)).toString();
    }

    /**
     * The descriptors of one cell, in {@link #COLUMNS} order.
     *
     * @param nsites sites (atoms) in the cell, > 0
     * @param volume the cell's volume, > 0
     * @throws IllegalArgumentException naming the descriptor when one is not a finite number
     */
    public static double[] of(Formula f, double nsites, double volume) {
        Map<String, Double> reduced = reduced(f);
        double atoms = 0;
        for (double a : reduced.values()) atoms += a;
        double z = nsites / atoms; // formula units per cell of the reduced formula
        String anion = anion(f);
        double minCount = Double.POSITIVE_INFINITY, minV2 = Double.POSITIVE_INFINITY;
        double alkali = 0, tm = 0, framework = 0, anionAmount = 0, tmNumber = 0, charge = 0;
        for (var e : reduced.entrySet()) {
            double count = e.getValue() * z;
            minCount = Math.min(minCount, count);
            minV2 = Math.min(minV2, twoAdic(count));
            Elements.Element el = Elements.of(e.getKey());
            double a = e.getValue();
            switch (role(f, e.getKey())) {
                case ANION -> {
                    anionAmount += a;
                    charge += a * anionCharge(el);
                }
                case ALKALI -> {
                    alkali += a;
                    charge += a * el.group();
                }
                case TRANSITION_METAL -> {
                    tm += a;
                    tmNumber += a * el.atomicNumber();
                }
                case FRAMEWORK -> {
                    framework += a;
                    charge += a * frameworkCharge(el);
                }
            }
        }
        double[] out = {
                isWhole(z) && Math.round(z) % 2 == 1 ? 1 : 0,
                twoAdic(z),
                twoAdic(nsites),
                minCount,
                minV2,
                volume / (anionAmount * z),
                volume / z,
                ratio(alkali, tm),
                ratio(alkali, framework),
                ratio(anionAmount, framework),
                ratio(anionAmount, alkali + tm + framework),
                tm > 0 ? tmNumber / tm : 0,
                tm > 0 ? -charge / tm : 0,
                alkali * z,
                tm * z,
                framework * z,
                anionAmount * z,
                alkali > 0 ? twoAdic(alkali * z) : 0,
                tm > 0 ? twoAdic(tm * z) : 0,
                framework > 0 ? twoAdic(framework * z) : 0,
                twoAdic(anionAmount * z),
        };
        return finite(out);
    }

    /** {@code out}, once every descriptor is a finite number; else the first that is not, named. */
    private static double[] finite(double[] out) {
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                throw new IllegalArgumentException("cell descriptor '" + COLUMNS.get(i) + "' is not a finite number (" + out[i] + ")");
            }
        }
        return out;
    }

    /** A ratio of amounts; 0 when the denominator's role is absent (its own count says so). */
    static double ratio(double a, double b) {
        return b > 0 ? a / b : 0;
    }

    /** The anion's usual charge: group − 18 (O −2, F −1, N −3); 0 for an anion outside groups 13–17. */
    static int anionCharge(Elements.Element e) {
        return e.group() >= 13 && e.group() <= 17 ? e.group() - 18 : 0;
    }

    /** A framework cation's group oxidation state: group − 10 for groups 13–17 (Si +4, P +5, B +3), hydrogen +1. */
    static int frameworkCharge(Elements.Element e) {
        return e.group() >= 13 ? e.group() - 10 : e.group();
    }

    static final int MAX_DENOMINATOR = 64;

    /**
     * The 2-adic valuation of a positive rational {@code x = p/q}: v2(p) − v2(q), the power of 2 that divides
     * it (12 → 2, 7 → 0, 0.5 → −1). A number no denominator up to {@value #MAX_DENOMINATOR} makes whole counts
     * as odd (0).
     */
    public static int twoAdic(double x) {
        if (!(x > 0) || Double.isInfinite(x)) throw new IllegalArgumentException("2-adic valuation of " + x);
        for (int q = 1; q <= MAX_DENOMINATOR; q++) {
            if (isWhole(x * q)) {
                long p = Math.round(x * q);
                return Long.numberOfTrailingZeros(p) - Integer.numberOfTrailingZeros(q);
            }
        }
        return 0;
    }

    static boolean isWhole(double x) {
        return Math.abs(x - Math.rint(x)) < 1e-6 * Math.max(1, Math.abs(x)) && Math.rint(x) != 0;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return Math.abs(a);
    }

    private static String num(double a) {
        return a == Math.rint(a) ? Long.toString((long) a) : Double.toString(a);
    }
}
