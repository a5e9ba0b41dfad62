package org.crystalbench.grid;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.InputException;
import org.crystalbench.Seeds;
import org.crystalbench.config.GridSpec;
import org.crystalbench.data.Dataset;
import org.crystalbench.run.SplitEvaluator;
import org.crystalbench.splits.Split;
import org.crystalbench.splits.StratifiedSplits;

/** The row partitions behind a plan's split keys. */
public final class GridSplits {
    private GridSplits() {}

    /**
     * {@code cv}: the experiment's own cv splits. Nested: outer splits from their own seed stream;
     * each outer split's inner splits are made from its training rows only (a stratified k-fold
     * of those rows, indexes mapped back), so the outer test rows never inform the choice.
     */
    public static Map<SplitKey, Split> make(GridPlan plan, Dataset data, List<Split> cv) {
        Map<SplitKey, Split> out = new LinkedHashMap<>();
        for (Split s : cv) out.put(SplitKey.cv(s.repeat(), s.fold()), s);
        GridSpec.Nested nested = plan.config().grid().nested();
        if (nested == null) return out;
        int k = data.classes().size();
        long seed = plan.config().seed();
        List<Split> outer;
        try {
            outer = StratifiedSplits.crossValidation(data.y(), k, nested.outer().repeats(), nested.outer().folds(), Seeds.mix(seed, 3, 0));
        } catch (InputException e) {
            throw new InputException(data.source() + ": grid.nested.outer: " + e.getMessage());
        }
        for (Split o : outer) {
            out.put(SplitKey.outer(o.repeat(), o.fold()), new Split(SplitKey.OUTER, o.repeat(), o.fold(), o.train(), o.test()));
            int[] yTrain = SplitEvaluator.pick(data.y(), o.train());
            List<Split> inner;
            try {
                inner = StratifiedSplits.crossValidation(yTrain, k, nested.inner().repeats(), nested.inner().folds(),
                        Seeds.mix(seed, 4, o.repeat() * 1000L + o.fold()));
            } catch (InputException e) {
                throw new InputException(data.source() + ": grid.nested.inner (training rows of outer r" + o.repeat()
                        + " f" + o.fold() + "): " + e.getMessage());
            }
            for (Split i : inner) {
                out.put(SplitKey.inner(SplitKey.outer(o.repeat(), o.fold()), i.repeat(), i.fold()),
                        new Split(SplitKey.INNER, i.repeat(), i.fold(), map(o.train(), i.train()), map(o.train(), i.test())));
            }
        }
        return out;
    }

    private static int[] map(int[] rows, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = rows[idx[i]];
        return out; // ascending: rows and idx are both ascending
    }
}
