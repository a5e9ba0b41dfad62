package org.crystalbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How every numeric option value is read: whole numbers refuse fractions and words, numbers must be
 * finite, and the message is one line in the user's words ("'many' is not a whole number"), never a
 * Java type name. {@link #register} installs them for every command; {@link Positive} adds the lower
 * bound of counts (threads, repeats, rows).
 */
final class Numbers {
    private Numbers() {}

    static int whole(String s) {
        long v = wholeLong(s);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) throw new TypeConversionException("'" + s + "' is too large (at most " + Integer.MAX_VALUE + ")");
        return (int) v;
    }

    static long wholeLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            boolean digits = s.trim().matches("[+-]?\\d+");
            throw new TypeConversionException("'" + s + "' is " + (digits ? "too large" : "not a whole number"));
        }
    }

    static double number(String s) {
        double v;
        try {
            v = Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + s + "' is not a number");
        }
        if (!Double.isFinite(v)) throw new TypeConversionException("'" + s + "' is not a finite number");
        return v;
    }

    /** A count: a whole number of at least 1. */
    static final class Positive implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String s) {
            int v = whole(s);
            if (v < 1) throw new TypeConversionException("'" + s + "' must be at least 1");
            return v;
        }
    }

    /** For every command and option of {@code cl}: ints, longs and doubles read by the methods above. */
    static void register(CommandLine cl) {
        cl.registerConverter(Integer.class, Numbers::whole);
        cl.registerConverter(int.class, Numbers::whole);
        cl.registerConverter(Long.class, Numbers::wholeLong);
        cl.registerConverter(long.class, Numbers::wholeLong);
        cl.registerConverter(Double.class, Numbers::number);
        cl.registerConverter(double.class, Numbers::number);
    }
}
