package org.crystalbench.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.crystalbench.evaluation.Experiment;
import org.crystalbench.evaluation.FitPath;
import org.crystalbench.evaluation.SplitResult;
import org.crystalbench.io.Progress;
import org.crystalbench.models.ModelSpec;
import org.crystalbench.splits.Split;

/**
 * Fits every model on every (feature set, split) unit, on a pool of {@code threads}. Results do not
 * depend on the thread count: each fit is seeded from (seed, model, split) and results are put back
 * in a fixed order.
 */
public final class Runner {
    private Runner() {}

    public static List<SplitResult> run(Experiment exp, int threads, Progress progress) {
        var config = exp.config();
        record Unit(String featureSet, List<String> features, Split split) {}
        List<Unit> units = new ArrayList<>();
        for (Map.Entry<String, List<String>> fs : config.featureSets().entrySet()) {
            for (Split split : exp.allSplits()) units.add(new Unit(fs.getKey(), fs.getValue(), split));
        }
        List<SplitResult> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "crystal-bench-worker");
            t.setDaemon(true);
            return t;
        })) {
            List<Future<List<SplitResult>>> futures = new ArrayList<>();
            for (Unit u : units) {
                futures.add(pool.submit(() -> {
                    var out = FitPath.evaluateAll(config.models(), config.seed(), exp.data(), u.featureSet(), u.features(), u.split());
                    progress.step(out.size());
                    return out;
                }));
            }
            for (Future<List<SplitResult>> f : futures) results.addAll(f.get());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return sorted(results, config.featureSets().keySet().stream().toList(),
                config.models().stream().map(ModelSpec::name).toList());
    }

    /** Feature set and model in config order, then protocol (holdout before cv), repeat, fold. */
    public static List<SplitResult> sorted(List<SplitResult> results, List<String> featureSets, List<String> models) {
        return results.stream().sorted(Comparator
                .comparingInt((SplitResult r) -> featureSets.indexOf(r.featureSet()))
                .thenComparing(SplitResult::protocol)
                .thenComparingInt(r -> models.indexOf(r.model()))
                .thenComparingInt(SplitResult::repeat)
                .thenComparingInt(SplitResult::fold)).toList();
    }

    /** Number of per-model results a run produces, for progress totals. */
    public static long size(Experiment exp) {
        return (long) exp.config().featureSets().size() * exp.allSplits().size() * exp.config().models().size();
    }
}
