package org.crystalbench.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.metrics.Metric;
import org.crystalbench.splits.Protocol;
import org.crystalbench.stats.Ranking;
import org.crystalbench.stats.Resampling;

/**
 * A model of a run against the best model of its feature set and protocol (the family of
 * {@link Ranking}), on {@link #METRIC}: a row of comparisons.csv.
 *
 * @param test               {@code model - best}: mean difference, corrected CI, t, raw p
 * @param pHolm              Holm-adjusted p within the family
 * @param significantlyWorse {@code pHolm < 1 - level} and the model's mean is worse (lower; higher for a loss)
 */
public record Comparison(String featureSet, Protocol protocol, String model, String bestModel, Metric metric,
                         Resampling.PairedTest test, double pHolm, boolean significantlyWorse) {

    /** The metric that picks the best model and is compared. */
    public static final Metric METRIC = Metric.MACRO_F1;

    /** The metrics compared, each with its own best model: {@link #METRIC}, then the probability metrics. */
    public static final List<Metric> COMPARED;

    static {
        var m = new ArrayList<>(List.of(METRIC));
        m.addAll(Metric.PROBABILITY);
        COMPARED = List.copyOf(m);
    }

    /**
     * Comparisons in summary order, per family {@link #METRIC}'s rows first, then each probability metric's
     * (a metric that is NaN for some model of the family, e.g. an AUC with a class missing, is not compared
     * there); the best model of each family and metric has no row.
     */
    public static List<Comparison> of(List<Summary> summaries, double level) {
        return of(summaries, level, java.util.Set.of());
    }

    /**
     * As above, leaving the models named in {@code outside} out of every family: the chance baseline is set against
     * each model by {@link ChanceCheck}, and kept out here so that it changes neither "best" nor the Holm adjustment.
     */
    public static List<Comparison> of(List<Summary> summaries, double level, java.util.Set<String> outside) {
        Map<List<Object>, List<Summary>> families = new LinkedHashMap<>();
        for (Summary s : summaries) {
            if (outside.contains(s.model())) continue;
            families.computeIfAbsent(List.of(s.featureSet(), s.protocol()), k -> new ArrayList<>()).add(s);
        }
        List<Comparison> out = new ArrayList<>();
        for (List<Summary> family : families.values()) {
            for (Metric metric : COMPARED) {
                if (family.stream().anyMatch(s -> Double.isNaN(s.mean(metric)))) continue;
                Ranking r = Ranking.of(family.stream().map(Summary::sample).toList(), metric, level, i -> true);
                if (r == null) continue;
                Summary best = family.get(r.best());
                for (Ranking.Versus v : r.others()) {
                    Summary s = family.get(v.index());
                    out.add(new Comparison(s.featureSet(), s.protocol(), s.model(), best.model(), metric, v.test(), v.pHolm(),
                            v.significantlyWorse()));
                }
            }
        }
        return out;
    }
}
