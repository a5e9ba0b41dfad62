package org.crystalbench.run;

import java.nio.file.Path;
import org.crystalbench.InputException;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.config.ProtocolSpec;
import org.crystalbench.evaluation.Experiment;

/**
 * The size of a run computed from its config (and, once loaded, the data's rows and classes), so that a
 * plan too large for the heap is refused before anything is built or fitted, as {@code grid} refuses its
 * own ({@code GridPlan.checkSize}). Doubles: a typo may ask for 10^18 fits.
 *
 * @param fits          feature sets x models x splits
 * @param testRows      test rows summed over every fit (each kept with its prediction and probabilities)
 */
record RunSize(double fits, double testRows) {
    static RunSize of(ExperimentConfig c, long rows) {
        double perSplit = (double) c.featureSets().size() * c.models().size();
        ProtocolSpec p = c.protocols();
        double tests = (p.holdout() == null ? 0 : p.holdout().repeats() * p.holdout().testRatio() * rows)
                + (p.cv() == null ? 0 : (double) p.cv().repeats() * rows); // a cv repeat tests every row once
        return new RunSize(perSplit * Experiment.splitCount(c), perSplit * tests);
    }

    /**
     * Heap the results hold until the tables are written: per fit its record and scores (~1 KiB), per test
     * row its index, class and probability row (24 bytes + 8 a class).
     */
    double bytes(int classes) {
        return fits * 1024 + testRows * (24 + 8.0 * classes);
    }

    /** Refuses (exit 2) a run whose results cannot fit in {@code heap}; {@code rows} 0 before the data is read. */
    static void check(Path file, ExperimentConfig c, long rows, int classes, long heap) {
        RunSize size = of(c, rows);
        double need = size.bytes(classes);
        if (size.fits() > Integer.MAX_VALUE - 8 || need > 0.8 * heap) {
            throw new InputException(String.format(java.util.Locale.ROOT, "%s: protocols: %.3g fits (%d feature sets x %d models x "
                            + "%.3g splits) need about %s of memory for their results; this JVM may use %s. Use fewer repeats, "
                            + "feature sets or models, or give Java more memory with CRYSTAL_BENCH_JAVA_OPTS=-Xmx<size>", file,
                    size.fits(), c.featureSets().size(), c.models().size(), Experiment.splitCount(c), Experiment.mib(need),
                    Experiment.mib(heap)));
        }
    }
}
