package org.crystalbench.grid.fit;

import org.crystalbench.grid.plan.WorkUnit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.data.Dataset;
import org.crystalbench.evaluation.EncodedSplit;
import org.crystalbench.evaluation.FitPath;
import org.crystalbench.models.Model;
import org.crystalbench.models.ModelSpec;
import org.crystalbench.splits.Seeds;
import org.crystalbench.splits.Split;
import org.crystalbench.splits.SplitId;

/**
 * A work unit through the one fit path ({@link FitPath}), with the seed {@code run} gives the same
 * model on the same split. The runner works through the units split by split, so encoded splits and
 * voting members' fits are cached (least recently used): the voting points of a split share their
 * member fits, and a voting unit's {@code fit_ms} counts only the member fits it had to make itself.
 * Cached or not, the fits are the same (same data, same spec, same seed).
 */
public final class FitEvaluator implements UnitEvaluator {
    private final Dataset data;
    private final ExperimentConfig config;
    private final Map<SplitId, Split> splits;
    private final Function<String, ModelSpec> members;
    private final Map<Where, EncodedSplit> encoded;
    private final Map<Member, FutureTask<Model>> fits;

    /** A feature set on a split: one encoded split. */
    private record Where(String featureSet, SplitId split) {}

    /** A member spec fitted there (specs are records: equal values, equal fits). */
    private record Member(Where where, ModelSpec spec) {}

    public FitEvaluator(Dataset data, ExperimentConfig config, Map<SplitId, Split> splits, int cacheSize) {
        this.data = data;
        this.config = config;
        this.splits = splits;
        this.members = FitPath.byName(config.models());
        this.encoded = lru(cacheSize);
        this.fits = lru(4 * cacheSize);
    }

    private static <K, V> Map<K, V> lru(int size) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > size;
            }
        };
    }

    @Override
    public Result evaluate(WorkUnit u) throws Exception {
        Where where = new Where(u.featureSet(), u.split());
        EncodedSplit e = encoded(where);
        // Only voting members are shared: a base point is fitted by its own unit, once.
        FitPath.Memo memo = (spec, fit) -> spec == u.point().spec() ? fit.call() : shared(new Member(where, spec), fit);
        var ev = FitPath.evaluate(u.point().spec(), members, e, name -> Seeds.fit(config.seed(), name, u.split()), memo);
        return new Result(ev.scores(), ev.trainSize(), ev.testSize(),
                ev.warnings().stream().map(w -> w.render(e.classNames())).toList());
    }

    /** A fit made once per key and shared by every unit that needs it; a failed fit is not kept. */
    private Model shared(Member key, java.util.concurrent.Callable<Model> fit) throws Exception {
        FutureTask<Model> task;
        boolean mine = false;
        synchronized (fits) {
            task = fits.get(key);
            if (task == null) {
                fits.put(key, task = new FutureTask<>(fit));
                mine = true;
            }
        }
        if (mine) task.run();
        try {
            return task.get();
        } catch (ExecutionException x) {
            synchronized (fits) {
                fits.remove(key, task); // the next voting point tries again
            }
            if (x.getCause() instanceof Exception cause) throw cause;
            throw x;
        }
    }

    private EncodedSplit encoded(Where where) {
        synchronized (encoded) {
            EncodedSplit e = encoded.get(where);
            if (e != null) return e;
        }
        EncodedSplit e = EncodedSplit.of(data, config.featureSets().get(where.featureSet()), splits.get(where.split()));
        synchronized (encoded) {
            encoded.put(where, e);
        }
        return e;
    }
}
