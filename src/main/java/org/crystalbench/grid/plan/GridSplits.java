package org.crystalbench.grid.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.InputException;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.config.GridSpec;
import org.crystalbench.data.Dataset;
import org.crystalbench.evaluation.EncodedSplit;
import org.crystalbench.splits.Protocol;
import org.crystalbench.splits.Split;
import org.crystalbench.splits.SplitId;
import org.crystalbench.splits.GroupedSplits;
import org.crystalbench.splits.StratifiedSplits;

/** The split identities of a grid (from the config alone) and the row partitions behind them. */
public final class GridSplits {
    private GridSplits() {}

    /** Every split of a grid, in table order: cv, then per outer split the outer and its inner splits. */
    public static List<SplitId> ids(ExperimentConfig config) {
        List<SplitId> out = new ArrayList<>();
        var cv = config.protocols().gridCv();
        Protocol protocol = config.protocols().gridProtocol();
        for (int r = 0; r < cv.repeats(); r++) for (int f = 0; f < cv.folds(); f++) out.add(SplitId.of(protocol, r, f));
        GridSpec.Nested nested = config.grid().nested();
        if (nested != null) {
            for (int r = 0; r < nested.outer().repeats(); r++) {
                for (int f = 0; f < nested.outer().parts(); f++) {
                    SplitId o = SplitId.of(Protocol.OUTER, r, f);
                    out.add(o);
                    for (int ir = 0; ir < nested.inner().repeats(); ir++) {
                        for (int jf = 0; jf < nested.inner().folds(); jf++) out.add(SplitId.inner(o, ir, jf));
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * {@code cv}: the experiment's own cv splits. Nested: outer splits from their own seed stream;
     * each outer split's inner splits are made from its training rows only (a stratified k-fold
     * of those rows, indexes mapped back), so the outer test rows never inform the choice.
     */
    public static Map<SplitId, Split> make(ExperimentConfig config, Dataset data, List<Split> cv) {
        return make(config, data, cv, null);
    }

    /**
     * As above; on {@code grouped_cv} ({@code groups}: each row's group key) the outer and inner folds are grouped
     * k-folds too, so no group is on both sides of any split.
     */
    public static Map<SplitId, Split> make(ExperimentConfig config, Dataset data, List<Split> cv, String[] groups) {
        boolean grouped = config.protocols().gridProtocol() == Protocol.GROUPED_CV;
        Map<SplitId, Split> out = new LinkedHashMap<>();
        for (Split s : cv) out.put(s.id(), s);
        GridSpec.Nested nested = config.grid().nested();
        if (nested == null) return out;
        int k = data.classes().size();
        long seed = config.seed();
        List<Split> outer;
        try {
            var o = nested.outer();
            if (grouped && o.testRatio() != null) {
                throw new InputException("test_ratio: a holdout outer split is not available on grouped_cv; give folds");
            }
            outer = grouped
                    ? GroupedSplits.crossValidation(data.y(), GroupedSplits.index(groups), k, o.repeats(), o.folds(), seed,
                            Protocol.OUTER, null)
                    : o.testRatio() != null ? StratifiedSplits.holdout(data.y(), k, o.repeats(), o.testRatio(), seed, Protocol.OUTER)
                    : StratifiedSplits.crossValidation(data.y(), k, o.repeats(), o.folds(), seed, Protocol.OUTER, null);
        } catch (InputException e) {
            throw new InputException(data.source() + ": grid.nested.outer: " + e.getMessage());
        }
        for (Split o : outer) {
            out.put(o.id(), o);
            List<Split> inner;
            try {
                int[] y = EncodedSplit.pick(data.y(), o.train());
                inner = grouped
                        ? GroupedSplits.crossValidation(y, GroupedSplits.index(EncodedSplit.pick(groups, o.train())), k, nested.inner().repeats(),
                                nested.inner().folds(), seed, Protocol.INNER, o.id())
                        : StratifiedSplits.crossValidation(y, k, nested.inner().repeats(), nested.inner().folds(), seed,
                        Protocol.INNER, o.id());
            } catch (InputException e) {
                throw new InputException(data.source() + ": grid.nested.inner (training rows of " + o.label() + "): "
                        + e.getMessage());
            }
            for (Split i : inner) out.put(i.id(), new Split(i.id(), EncodedSplit.pick(o.train(), i.train()), EncodedSplit.pick(o.train(), i.test())));
        }
        return out;
    }
}
