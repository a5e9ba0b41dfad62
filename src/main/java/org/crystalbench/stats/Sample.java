package org.crystalbench.stats;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;
import org.crystalbench.metrics.Metric;
import org.crystalbench.splits.SplitId;

/**
 * Per-split scores of one thing evaluated on repeated splits (a model in a run, a grid point): every
 * metric's values in split order, the splits they came from (so two samples can be paired on the
 * splits they share), and n_test / n_train of those splits for the Nadeau–Bengio correction.
 */
public record Sample(Map<Metric, double[]> values, List<SplitId> splits, double testTrainRatio) {
    public Sample {
        var copy = new EnumMap<Metric, double[]>(Metric.class);
        for (Metric m : Metric.ALL) {
            double[] v = values.get(m);
            if (v == null || v.length != splits.size()) throw new IllegalArgumentException(m.column() + ": one value per split expected");
            copy.put(m, v.clone());
        }
        values = java.util.Collections.unmodifiableMap(copy);
        splits = List.copyOf(splits);
    }

    /**
     * A sample from per-split rows: {@code split} and {@code value} read each row's split and metric
     * values; {@code testTrainRatio} is mean test size / mean train size over the rows.
     */
    public static <T> Sample of(List<T> rows, java.util.function.Function<T, SplitId> split,
                                ToDoubleBiFunction<T, Metric> value, double testTrainRatio) {
        Map<Metric, double[]> values = new EnumMap<>(Metric.class);
        for (Metric m : Metric.ALL) values.put(m, rows.stream().mapToDouble(r -> value.applyAsDouble(r, m)).toArray());
        return new Sample(values, rows.stream().map(split).toList(), testTrainRatio);
    }

    public int n() {
        return splits.size();
    }

    /** The values of one metric, in split order (a copy). */
    public double[] of(Metric m) {
        return values.get(m).clone();
    }

    /** Mean over splits; NaN for an empty sample. */
    public double mean(Metric m) {
        return Describe.mean(values.get(m));
    }

    public double sd(Metric m) {
        return Describe.sd(values.get(m));
    }

    /** The values on {@code keep}'s splits only, in {@code keep}'s order (each must be in this sample). */
    public double[] on(Metric m, List<SplitId> keep) {
        double[] v = values.get(m);
        return keep.stream().mapToDouble(s -> {
            int i = splits.indexOf(s);
            if (i < 0) throw new IllegalArgumentException("split " + s.label() + " not in the sample");
            return v[i];
        }).toArray();
    }

    /** The splits this sample shares with {@code other}, in this sample's order. */
    public List<SplitId> common(Sample other) {
        Collection<SplitId> theirs = other.splits.size() > 16 ? new java.util.HashSet<>(other.splits) : other.splits;
        return splits.stream().filter(theirs::contains).toList();
    }
}
