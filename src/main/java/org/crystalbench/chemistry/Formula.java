package org.crystalbench.chemistry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A chemical formula as Materials Project exports write it: element symbols with optional counts,
 * nested groups in parentheses or brackets with a count after them, multi-digit and fractional counts
 * ({@code Li2FeSiO4}, {@code Li17Fe6(Si2O7)6}, {@code Li0.5Mn1.5O4}, {@code Li4 Fe2 Si2 O8}).
 *
 * <p>CDK's {@code MolecularFormulaManipulator} reads parentheses but not fractional counts: it turns
 * {@code Li0.5FeO2} into Fe5LiO10 without an error, and an unknown symbol into a pseudo-atom. So the
 * grammar is parsed here (a few lines), and symbols are checked against CDK's element table.
 *
 * @param amounts element symbol to amount per formula unit, in order of first appearance
 */
public record Formula(Map<String, Double> amounts) {
    public Formula {
        amounts = Collections.unmodifiableMap(new LinkedHashMap<>(amounts));
    }

    /** Atoms per formula unit (the sum of the amounts). */
    public double atoms() {
        double n = 0;
        for (double a : amounts.values()) n += a;
        return n;
    }

    /** The share of each element in the formula's atoms (summing to 1). */
    public Map<String, Double> fractions() {
        double total = atoms();
        Map<String, Double> out = new LinkedHashMap<>();
        amounts.forEach((e, a) -> out.put(e, a / total));
        return out;
    }

    /**
     * The reduced composition as one text, the same for every multiple of a formula unit: elements in alphabetical
     * order with their amounts divided by the greatest common divisor ({@code Li4Fe2Si2O8} and {@code Li2FeSiO4}
     * both give {@code FeLi2O4Si}); with a fractional amount, each element's share of the atoms to 9 decimals.
     */
    public String reduced() {
        var sorted = new java.util.TreeMap<>(amounts);
        boolean whole = sorted.values().stream().allMatch(a -> a == Math.rint(a) && a < 1e15);
        var sb = new StringBuilder();
        if (whole) {
            long gcd = 0;
            for (double a : sorted.values()) gcd = java.math.BigInteger.valueOf(gcd).gcd(java.math.BigInteger.valueOf((long) a)).longValue();
            for (var e : sorted.entrySet()) {
                long n = (long) (double) e.getValue() / gcd;
                sb.append(e.getKey()).append(n == 1 ? "" : Long.toString(n));
            }
        } else {
            double total = atoms();
            for (var e : sorted.entrySet()) {
                sb.append(e.getKey()).append(String.format(java.util.Locale.ROOT, "%.9f", e.getValue() / total)
                        .replaceFirst("0+$", "").replaceFirst("\\.$", ""));
            }
        }
        return sb.toString();
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming what is wrong and where (1-based character position)
     */
    public static Formula parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty formula");
        var p = new Parser(text);
        Map<String, Double> amounts = p.sequence(0);
        if (p.at < text.length()) throw p.error("unexpected '" + text.charAt(p.at) + "'");
        if (amounts.isEmpty()) throw new IllegalArgumentException("no element in the formula");
        return new Formula(amounts);
    }

    private static final class Parser {
        final String s;
        int at;

        Parser(String s) {
            this.s = s;
        }

        /** Parts until the end or a closing bracket; {@code depth} is the nesting level. */
        Map<String, Double> sequence(int depth) {
            Map<String, Double> out = new LinkedHashMap<>();
            while (true) {
                while (at < s.length() && Character.isWhitespace(s.charAt(at))) at++;
                if (at >= s.length()) {
                    if (depth > 0) throw error("'(' or '[' not closed");
                    return out;
                }
                char c = s.charAt(at);
                if (c == ')' || c == ']') {
                    if (depth == 0) throw error("unexpected '" + c + "'");
                    return out;
                }
                if (c == '(' || c == '[') {
                    int open = at++;
                    Map<String, Double> inner = sequence(depth + 1);
                    char close = c == '(' ? ')' : ']';
                    if (at >= s.length() || s.charAt(at) != close) throw error("'" + c + "' at " + (open + 1) + " not closed by '" + close + "'");
                    if (inner.isEmpty()) throw error("empty group");
                    at++;
                    double k = count();
                    inner.forEach((e, a) -> out.merge(e, a * k, Double::sum));
                } else if (c >= 'A' && c <= 'Z') {
                    int start = at++;
                    while (at < s.length() && s.charAt(at) >= 'a' && s.charAt(at) <= 'z') at++;
                    String symbol = s.substring(start, at);
                    if (!Elements.known(symbol)) {
                        at = start;
                        throw error("unknown element '" + symbol + "'");
                    }
                    out.merge(symbol, count(), Double::sum);
                } else {
                    throw error("unexpected '" + c + "'");
                }
            }
        }

        /** An optional count after an element or group: digits with an optional decimal part; 1 when absent. */
        double count() {
            int start = at;
            while (at < s.length() && (Character.isDigit(s.charAt(at)) || s.charAt(at) == '.')) at++;
            if (start == at) return 1;
            String digits = s.substring(start, at);
            double v;
            try {
                if (digits.indexOf('.') != digits.lastIndexOf('.') || digits.endsWith(".")) throw new NumberFormatException();
                v = Double.parseDouble(digits);
            } catch (NumberFormatException e) {
                at = start;
                throw error("malformed count '" + digits + "'");
            }
            if (!(v > 0)) {
                at = start;
                throw error("count '" + digits + "' must be > 0");
            }
            return v;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at character " + (Math.min(at, s.length()) + 1));
        }
    }
}
