package org.crystalbench.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.ToDoubleFunction;
import org.crystalbench.metrics.Metric;

/**
 * "Best" and "significantly worse than the best" for a family of samples (the models of one table of
 * a run, or the points of one model in a grid): the best is the best mean of {@code metric} (the highest,
 * or the lowest for a loss such as log loss) among
 * the eligible samples, ties going to the earlier one; every other sample is compared with it by the
 * corrected resampled paired t-test on the splits both have (at least two), and the p-values are
 * Holm-adjusted across the family. The one place where run and grid decide these.
 *
 * @param best   index of the best sample in the family
 * @param others every other sample with at least two splits in common with the best, in family order
 */
public record Ranking(int best, List<Versus> others) {

    /**
     * One sample against the best.
     *
     * @param test               {@code sample - best} on their common splits: mean difference, corrected CI, t, raw p
     * @param pHolm              Holm-adjusted p across the family
     * @param significantlyWorse {@code pHolm < 1 - level} and the sample's mean is worse (lower; higher for a loss)
     */
    public record Versus(int index, Resampling.PairedTest test, double pHolm, boolean significantlyWorse) {}

    /** Whether mean {@code a} beats mean {@code b} on {@code metric}: higher, or lower for a loss. The one "better". */
    public static boolean better(Metric metric, double a, double b) {
        return metric.higherIsBetter() ? a > b : a < b;
    }

    /** Best mean first (see {@link #better}); callers add their own tie-break. */
    public static <T> Comparator<T> bestFirst(Metric metric, ToDoubleFunction<T> mean) {
        double sign = metric.higherIsBetter() ? -1 : 1;
        return Comparator.comparingDouble(t -> sign * mean.applyAsDouble(t));
    }

    /** The ranking, or null when no eligible sample has data. */
    public static Ranking of(List<Sample> family, Metric metric, double level, IntPredicate eligible) {
        double sign = metric.higherIsBetter() ? 1 : -1;
        int best = -1;
        for (int i = 0; i < family.size(); i++) {
            if (!eligible.test(i) || family.get(i).n() == 0) continue;
            if (best < 0 || better(metric, family.get(i).mean(metric), family.get(best).mean(metric))) best = i;
        }
        if (best < 0) return null;
        Sample b = family.get(best);
        List<Integer> index = new ArrayList<>();
        List<Resampling.PairedTest> tests = new ArrayList<>();
        for (int i = 0; i < family.size(); i++) {
            if (i == best) continue;
            Sample s = family.get(i);
            var common = s.common(b);
            if (common.size() < 2) continue;
            index.add(i);
            tests.add(Resampling.correctedPairedT(s.on(metric, common), b.on(metric, common), b.testTrainRatio(), level));
        }
        double[] holm = Resampling.holm(tests.stream().mapToDouble(Resampling.PairedTest::p).toArray());
        List<Versus> others = new ArrayList<>();
        for (int j = 0; j < tests.size(); j++) {
            others.add(new Versus(index.get(j), tests.get(j), holm[j], holm[j] < 1 - level && sign * tests.get(j).meanDiff() < 0));
        }
        return new Ranking(best, List.copyOf(others));
    }

    /** The comparison of sample {@code index} with the best, or null (the best itself, or too few common splits). */
    public Versus versus(int index) {
        for (Versus v : others) if (v.index() == index) return v;
        return null;
    }
}
