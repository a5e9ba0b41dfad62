package org.crystalbench.grid;

import org.crystalbench.io.Canonical;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.Seeds;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.data.Dataset;
import org.crystalbench.features.FeatureEncoder;
import org.crystalbench.metrics.Scores;
import org.crystalbench.models.BaseModelSpec;
import org.crystalbench.models.Model;
import org.crystalbench.models.ModelSpec;
import org.crystalbench.models.VotingSpec;
import org.crystalbench.run.SplitEvaluator;
import org.crystalbench.splits.Split;

/**
 * The real evaluator: encoder fitted on the split's training rows, the point's spec fitted, test
 * rows scored. A voting point combines its members fitted with their base specs (from
 * {@code models}) on the same split, from the same seeds for every voting point, so voting points
 * differ only in rule, weights and members. Encoded splits and member fits are cached (least
 * recently used) because the runner works through the units split by split: the voting points of
 * a split share their member fits, and a voting unit's {@code fit_ms} counts only the member fits it
 * had to make itself. Cached or not, the fits are the same (same data, same seeds).
 */
public final class FitEvaluator implements UnitEvaluator {
    private final Dataset data;
    private final ExperimentConfig config;
    private final Map<SplitKey, Split> splits;
    private final Map<String, Encoded> cache;
    private final Map<String, java.util.concurrent.FutureTask<Model>> members;

    record Encoded(double[][] xTrain, int[] yTrain, double[][] xTest, int[] yTest) {}

    public FitEvaluator(Dataset data, ExperimentConfig config, Map<SplitKey, Split> splits, int cacheSize) {
        this.data = data;
        this.config = config;
        this.splits = splits;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Encoded> eldest) {
                return size() > cacheSize;
            }
        };
        this.members = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, java.util.concurrent.FutureTask<Model>> eldest) {
                return size() > 4 * cacheSize;
            }
        };
    }

    /** The seed of a unit's fit: (config seed, model, parameter hash, split), like {@link SplitEvaluator#modelSeed}. */
    public static long unitSeed(long seed, String model, String paramHash, SplitKey split) {
        return Seeds.mix(seed ^ Seeds.stream(model) ^ Long.parseUnsignedLong(paramHash, 16), 5, split.index());
    }

    @Override
    public Result evaluate(WorkUnit u) throws Exception {
        Encoded e = encoded(u.featureSet(), u.split());
        int k = data.classes().size();
        ModelSpec spec = u.point().spec();
        Model model = switch (spec) {
            case BaseModelSpec base -> base.fit(e.xTrain, e.yTrain, k, unitSeed(config.seed(), spec.name(), u.point().hash(), u.split()));
            case VotingSpec v -> {
                List<Model> fitted = new ArrayList<>();
                for (String name : v.members()) fitted.add(member(u, name, e, k));
                yield v.combine(fitted);
            }
        };
        int[] predicted = SplitEvaluator.predict(model, e.xTest, k);
        return new Result(Scores.of(e.yTest, predicted, k), e.xTrain.length, e.xTest.length);
    }

    /** A voting member's base-spec fit on the unit's split, made once and shared by the split's voting points. */
    private Model member(WorkUnit u, String name, Encoded e, int k) throws Exception {
        String id = u.featureSet() + "|" + u.split().label() + "|" + name;
        java.util.concurrent.FutureTask<Model> task;
        boolean mine = false;
        synchronized (members) {
            task = members.get(id);
            if (task == null) {
                BaseModelSpec m = (BaseModelSpec) config.models().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
                String hash = Canonical.hash(m).substring(0, 16);
                task = new java.util.concurrent.FutureTask<>(() -> m.fit(e.xTrain, e.yTrain, k, unitSeed(config.seed(), name, hash, u.split())));
                members.put(id, task);
                mine = true;
            }
        }
        if (mine) task.run();
        try {
            return task.get();
        } catch (java.util.concurrent.ExecutionException x) {
            synchronized (members) {
                members.remove(id, task); // a failed fit is not cached: the next voting point tries again
            }
            if (x.getCause() instanceof Exception cause) throw cause;
            throw x;
        }
    }

    private Encoded encoded(String featureSet, SplitKey key) {
        String id = featureSet + "|" + key.label();
        synchronized (cache) {
            Encoded e = cache.get(id);
            if (e != null) return e;
        }
        Split s = splits.get(key);
        FeatureEncoder enc = FeatureEncoder.fit(data, config.featureSets().get(featureSet), s.train());
        Encoded e = new Encoded(enc.transform(data, s.train()), SplitEvaluator.pick(data.y(), s.train()),
                enc.transform(data, s.test()), SplitEvaluator.pick(data.y(), s.test()));
        synchronized (cache) {
            cache.put(id, e);
        }
        return e;
    }
}
