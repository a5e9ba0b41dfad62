package org.crystalbench.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.crystalbench.io.Csv;

/**
 * Synthetic Li-ion silicate rows with the public file's schema, for tests, demos and scaling
 * measurements. Class shares, per-class feature means and spreads follow the public data's
 * summary statistics (not its rows); the space group is drawn from the crystal system's own groups,
 * so Spacegroup determines the label exactly as in the real data.
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

    /** {@code rows} rows as CSV text (CRLF line ends, like the public file), from {@code seed}. */
    public static String csv(int rows, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<List<?>> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            // Guarantee every class early, so even tiny files have all three.
            Profile p = i < PROFILES.length ? PROFILES[i] : pick(rng);
            int nsites = (int) Math.max(8, Math.round(p.nsites + p.nsitesSd * rng.nextGaussian()));
            double volume = nsites * (12.2 + 0.9 * rng.nextGaussian());
            double density = clamp(2.95 + 0.35 * rng.nextGaussian(), 2.2, 4.2);
            out.add(List.of(
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
        return Csv.of(HEADER, out).replace("\n", "\r\n");
    }

    private static Profile pick(SplittableRandom rng) {
        double u = rng.nextDouble(), acc = 0;
        for (Profile p : PROFILES) {
            acc += p.share;
            if (u < acc) return p;
        }
        return PROFILES[PROFILES.length - 1];
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
