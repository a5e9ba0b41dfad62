package org.crystalbench.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVPrinter;
import org.crystalbench.io.Csv;

/**
 * Synthetic Li-ion silicate rows with the public file's schema, for tests, demos and scaling
 * measurements. Class shares, per-class feature means and spreads follow the public data's
 * summary statistics (not its rows); the space group is drawn from the crystal system's own groups,
 * so Spacegroup determines the label exactly as in the real data.
 *
 * <p>{@link #csv(int, long, int)} draws from 2 to 7 of the seven crystal systems (the Materials
 * Project's: triclinic, monoclinic, orthorhombic, tetragonal, trigonal, hexagonal, cubic, in that
 * order), so binary and many-class targets can be tested; three systems is the default file.
 */
public final class SyntheticData {
    private SyntheticData() {}

    public static final List<String> HEADER = List.of("Materials Id", "Formula", "Spacegroup", "Formation Energy (eV)",
            "E Above Hull (eV)", "Band Gap (eV)", "Nsites", "Density (gm/cc)", "Volume", "Has Bandstructure",
            "Crystal System");

    private record Profile(String system, double share, String[] groups, double bandGap, double bandGapSd,
                           double nsites, double nsitesSd) {}

    private static final Profile[] PROFILES = {
            new Profile("monoclinic", 0.41, new String[] {"P21/c", "Pc", "P21", "Cc", "C2/c", "C2", "C2/m", "P2/m", "P2", "P21/m"},
                    2.13, 1.10, 36, 22),
            new Profile("orthorhombic", 0.378, new String[] {"Pna21", "Pcmn", "Pnma", "P21nb", "C2221", "Fdd2", "Pbca", "Cmce", "P212121", "Pmn21"},
                    2.29, 0.95, 45, 26),
            new Profile("triclinic", 0.212, new String[] {"P1"}, 1.61, 1.17, 33, 15),
    };

    private static final String[] FORMULAS = {"LiFeSiO4", "LiCoSiO4", "Li2FeSiO4", "Li2CoSiO4", "Li2MnSiO4", "LiMnSiO4",
            "LiFe(SiO3)2", "Li3Fe2(SiO4)2", "Li3Co2(SiO4)2", "Li2Mn(SiO3)2", "Li3Mn2(SiO4)2", "LiFeSi3O8"};

    /**
     * The seven crystal systems. Shares, band gaps and sizes are made up (not fitted to any data) and
     * differ between systems, so numeric features carry some of the label; higher symmetry, smaller cells.
     */
    private static final Profile[] SEVEN = {
            new Profile("triclinic", 0.15, new String[] {"P1", "P-1"}, 1.61, 1.17, 33, 15),
            new Profile("monoclinic", 0.25, new String[] {"P21/c", "Pc", "P21", "Cc", "C2/c", "C2", "C2/m"}, 2.13, 1.10, 36, 22),
            new Profile("orthorhombic", 0.2, new String[] {"Pna21", "Pnma", "Pbca", "Cmce", "P212121", "Pmn21"}, 2.29, 0.95, 45, 26),
            new Profile("tetragonal", 0.1, new String[] {"I4/mmm", "P4/mmm", "I-42d", "P42/mnm", "I41/amd"}, 2.9, 0.9, 24, 10),
            new Profile("trigonal", 0.1, new String[] {"R-3m", "R3", "P3m1", "R-3", "P-3m1"}, 3.3, 0.9, 18, 8),
            new Profile("hexagonal", 0.1, new String[] {"P63/mmc", "P63mc", "P6/mmm", "P-6m2"}, 1.2, 0.7, 14, 6),
            new Profile("cubic", 0.1, new String[] {"Fm-3m", "Pm-3m", "Fd-3m", "Ia-3"}, 0.6, 0.5, 8, 4),
    };

    /** {@code rows} rows as CSV text (CRLF line ends, like the public file), from {@code seed}. */
    public static String csv(int rows, long seed) {
        return csv(rows, seed, 3);
    }

    /**
     * {@code rows} rows of the first {@code systems} (2 to 7) crystal systems of {@link #SEVEN};
     * {@code systems} 3 is {@link #csv(int, long)} exactly, so the default file never changes.
     */
    public static String csv(int rows, long seed, int systems) {
        var out = new StringBuilder();
        write(out, rows, seed, systems);
        return out.toString();
    }

    /** The same rows as {@link #csv(int, long, int)}, appended one at a time: a million rows need no more memory than one. */
    public static void write(Appendable out, int rows, long seed, int systems) {
        Profile[] profiles = profiles(systems);
        SplittableRandom rng = new SplittableRandom(seed);
        try {
            CSVPrinter printer = Csv.printer(out, HEADER, "\r\n");
            for (int i = 0; i < rows; i++) {
                // Guarantee every class early, so even tiny files have all of them.
                Profile p = i < profiles.length ? profiles[i] : pick(rng, profiles);
                int nsites = (int) Math.max(8, Math.round(p.nsites + p.nsitesSd * rng.nextGaussian()));
                double volume = nsites * (12.2 + 0.9 * rng.nextGaussian());
                double density = clamp(2.95 + 0.35 * rng.nextGaussian(), 2.2, 4.2);
                Csv.print(printer, List.of(
                        "syn-" + (i + 1),
                        FORMULAS[rng.nextInt(FORMULAS.length)],
                        p.groups[rng.nextInt(p.groups.length)],
                        fmt(clamp(-2.617 + 0.18 * rng.nextGaussian(), -3.0, -2.0)),
                        fmt(clamp(0.058 + 0.03 * rng.nextGaussian(), 0, 0.19)),
                        fmt(clamp(p.bandGap + p.bandGapSd * rng.nextGaussian(), 0, 3.9)),
                        Integer.toString(nsites),
                        fmt(density),
                        fmt(Math.max(100, volume)),
                        rng.nextDouble() < 0.81 ? "TRUE" : "FALSE",
                        p.system));
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@code systems} systems, shares renormalised; 3 is the public file's three, in its shares. */
    private static Profile[] profiles(int systems) {
        if (systems < 2 || systems > SEVEN.length) throw new IllegalArgumentException("systems: " + systems + " (2 to 7)");
        if (systems == PROFILES.length) return PROFILES;
        double total = 0;
        for (int i = 0; i < systems; i++) total += SEVEN[i].share;
        Profile[] chosen = new Profile[systems];
        for (int i = 0; i < systems; i++) {
            Profile p = SEVEN[i];
            chosen[i] = new Profile(p.system, p.share / total, p.groups, p.bandGap, p.bandGapSd, p.nsites, p.nsitesSd);
        }
        return chosen;
    }

    private static Profile pick(SplittableRandom rng, Profile[] profiles) {
        double u = rng.nextDouble(), acc = 0;
        for (Profile p : profiles) {
            acc += p.share;
            if (u < acc) return p;
        }
        return profiles[profiles.length - 1];
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
