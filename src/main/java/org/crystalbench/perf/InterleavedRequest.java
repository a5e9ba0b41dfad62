package org.crystalbench.perf;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One interleaved comparison of two builds ({@link Interleaved#run}): what {@code perf-check --base-jar ... --head-jar ...}
 * and the perf gate ask for, every option already checked by the command.
 *
 * @param include      JMH include regex
 * @param rounds       rounds to run (sequential: the most to run)
 * @param params       JMH parameters for both sides, {@code name -> "v1,v2"}
 * @param baseParams   parameters for the base side only (e.g. {@code factor=1.00})
 * @param headParams   parameters for the head side only; names in either map are left out of the pairing key
 * @param iterationMs  length of each warmup and measurement iteration
 * @param config       config the per-model benchmarks read (absolute path passed to each fork)
 * @param out          folder for every fork's JSON and log
 */
public record InterleavedRequest(Path baseJar, Path headJar, String include, int rounds, long seed, int warmups,
                                 int iterations, long iterationMs, Map<String, String> params, Map<String, String> baseParams,
                                 Map<String, String> headParams, Path config, Path out, double level, double minEffect, Plan plan) {
    public InterleavedRequest {
        params = Map.copyOf(params);
        baseParams = Map.copyOf(baseParams);
        headParams = Map.copyOf(headParams);
    }

    Set<String> sideNames() {
        var s = new TreeSet<>(baseParams.keySet());
        s.addAll(headParams.keySet());
        return s;
    }

    Path configOf(boolean base) {
        return base && plan.baseConfig() != null ? plan.baseConfig() : config;
    }

    /**
     * How rounds are added and judged.
     *
     * @param baseConfig config the base build's forks read (its own commit's), or null for {@code config}
     * @param firstLook  0: one look after the last round with {@link PairedCheck#judge}; otherwise the
     *                   rounds of the first sequential look ({@link SequentialRule})
     * @param lookEvery  rounds between sequential looks
     * @param budgetMs   no round is started that would, at the pace of the last one, end after this; 0 = none
     * @param oneJvm     each build's benchmarks of a round run one after another in one JVM (JMH {@code -f 0}),
     *                   instead of a JVM per benchmark: a JVM start and JMH's own launcher per build and round
     *                   instead of two per benchmark, so many more rounds fit a budget; the rounds stay
     *                   independent JVMs, so a JIT decision that differs from one JVM to the next still varies
     *                   from round to round and is not mistaken for a difference between the builds
     * @param duet       the base's and the head's JVMs of a round run at the same time, not one after the other
     *                   (duet benchmarking: L. Bulej, V. Horky, P. Tuma, F. Farquet, A. Prokopec, "Duet Benchmarking:
     *                   Improving Measurement Accuracy in the Cloud", ICPE 2020): whatever else the machine does
     *                   then slows both builds at the same moments, which the per-round ratio cancels
     * @param sameJvm    both builds in one JVM, each in its own class loader, in alternating slices ({@link SameJvm}): a round is a
     *                   fork of that JVM, forks run {@value SameJvm#PARALLEL} at a time; warmup and iteration settings do not apply
     */
    public record Plan(Path baseConfig, Measure measure, int firstLook, int lookEvery, long budgetMs, boolean oneJvm, boolean duet,
                       boolean sameJvm) {
        public Plan(Path baseConfig, Measure measure, int firstLook, int lookEvery, long budgetMs, boolean oneJvm, boolean duet) {
            this(baseConfig, measure, firstLook, lookEvery, budgetMs, oneJvm, duet, false);
        }

        public Plan(Path baseConfig, Measure measure, int firstLook, int lookEvery, long budgetMs, boolean oneJvm) {
            this(baseConfig, measure, firstLook, lookEvery, budgetMs, oneJvm, false);
        }

        public Plan(Path baseConfig, Measure measure, int firstLook, int lookEvery, long budgetMs) {
            this(baseConfig, measure, firstLook, lookEvery, budgetMs, false, false);
        }

        public static Plan fixed() {
            return new Plan(null, Measure.CPU, 0, 0, 0, false, false);
        }

        public boolean sequential() {
            return firstLook > 0;
        }
    }
}
