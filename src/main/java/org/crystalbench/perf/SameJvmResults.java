package org.crystalbench.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link SameJvmFork}'s output read back: per benchmark its slice pairs, reduced to what a round of the
 * {@link SequentialRule} needs. A fork's estimate of a benchmark is the median over its pairs of
 * {@code log(head / base)}: the pairs' ratios cancel what hit both builds within milliseconds, and the median
 * ignores the few pairs a neighbour's burst hit in one slice only.
 */
public final class SameJvmResults {
    private SameJvmResults() {}

    /** Which slice time a pair is compared on. */
    public enum Clock {
        CPU(5), WALL(7), PROC(9);

        final int column; // the base's column in the fork's TSV; the head's is the next

        Clock(int column) {
            this.column = column;
        }
    }

    /**
     * One benchmark of one fork.
     *
     * @param pairs   per pair the TSV columns from {@code base_cpu} on, per operation (ns)
     * @param problem why the benchmark has no pairs (null when it has)
     */
    public record Fork(String label, List<double[]> pairs, String problem, boolean headFailed) {
        /** Median over the pairs of {@code log(head / base)} of one clock. */
        public double logRatio(Clock c) {
            return PairedCheck.median(pairs.stream().mapToDouble(p -> Math.log(Math.max(p[c.column - 4], 1e-9) / Math.max(p[c.column - 5], 1e-9))).toArray());
        }

        /** Median base time per operation of one clock (ns). */
        public double base(Clock c) {
            return PairedCheck.median(pairs.stream().mapToDouble(p -> p[c.column - 5]).toArray());
        }

        /**
         * Whether the benchmark's work runs mostly off its own thread (its thread's CPU time under {@code share} of the
         * process's, e.g. a fit on its own thread pool): thread CPU time would miss it, so it is judged on process CPU time.
         */
        public boolean offThread(double share) {
            return base(Clock.CPU) < share * base(Clock.PROC);
        }

        /**
         * The fork as a round: base = its median base time per operation, head = base times the fork's median
         * ratio, so that the round's paired ratio is exactly the fork's estimate.
         */
        public BenchResult[] pair(Forks.Bench b, Clock c) {
            double base = base(c);
            return new BenchResult[] {new BenchResult(b.benchmark(), b.mode(), b.params(), base, 0, "ns/op"),
                    new BenchResult(b.benchmark(), b.mode(), b.params(), base * Math.exp(logRatio(c)), 0, "ns/op")};
        }
    }

    /** How {@link SameJvmFork} names a benchmark (side parameters aside). */
    public static String label(String benchmark, Map<String, String> params) {
        return new BenchResult(benchmark, "", params, 0, 0, "").label();
    }

    /** The fork's result of the benchmark of that label, whatever its side parameters; null if none. */
    public static Fork find(Map<String, Fork> fork, String label) {
        for (var e : fork.entrySet()) if (strip(e.getKey()).equals(label)) return e.getValue();
        return null;
    }

    /** The fork's benchmarks by label (with side parameters, as the fork wrote it); an unreadable or missing file gives none (each then counts as not run). */
    public static Map<String, Fork> read(Path tsv) {
        List<String> lines;
        try {
            lines = Files.exists(tsv) ? Files.readAllLines(tsv) : List.of();
        } catch (IOException e) {
            lines = List.of();
        }
        Map<String, List<double[]>> pairs = new LinkedHashMap<>();
        Map<String, Fork> out = new LinkedHashMap<>();
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            if (line.startsWith("#skip") || line.startsWith("#failed")) {
                String l = f[1];
                out.put(l, new Fork(l, List.of(), f.length > 2 ? f[2] : "no reason given", line.startsWith("#failed")));
            } else if (!line.startsWith("benchmark") && f.length == 11) {
                double ops = Double.parseDouble(f[3]) * Double.parseDouble(f[4]);
                double[] p = new double[6];
                for (int i = 5; i < 11; i++) p[i - 5] = Double.parseDouble(f[i]) / ops;
                pairs.computeIfAbsent(f[0], x -> new ArrayList<>()).add(p);
            }
        }
        pairs.forEach((l, p) -> out.putIfAbsent(l, new Fork(l, List.copyOf(p), null, false)));
        return out;
    }

    /** The label without the side parameters ({@code {factor=1.00 vs factor=1.10}}). */
    static String strip(String label) {
        int brace = label.indexOf('{');
        return brace < 0 ? label : label.substring(0, brace);
    }
}
