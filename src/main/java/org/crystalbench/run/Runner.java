package org.crystalbench.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.crystalbench.evaluation.ConformalEval;
import org.crystalbench.evaluation.EncodedSplit;
import org.crystalbench.evaluation.Experiment;
import org.crystalbench.evaluation.Importance;
import org.crystalbench.evaluation.FitPath;
import org.crystalbench.evaluation.SplitResult;
import org.crystalbench.io.Parallel;
import org.crystalbench.io.Progress;
import org.crystalbench.models.ChanceSpec;
import org.crystalbench.models.Model;
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
        return run(exp, threads, progress, 0).results();
    }

    /**
     * Scores, permutation importances when {@code importanceRepeats} > 0 and conformal sets when coverage levels are
     * asked for (else none), all in a fixed order.
     */
    public record Output(List<SplitResult> results, List<Importance> importance, List<ConformalEval.Result> conformal) {
        public Output(List<SplitResult> results, List<Importance> importance) {
            this(results, importance, List.of());
        }
    }

    /**
     * As {@link #run(Experiment, int, Progress)}; with {@code importanceRepeats} > 0 also the permutation
     * importance of every model and input on each split's test rows, from the same fits.
     */
    public static Output run(Experiment exp, int threads, Progress progress, int importanceRepeats) {
        return run(exp, threads, progress, importanceRepeats, new double[0]);
    }

    /**
     * As above; with {@code coverage} levels (e.g. 0.9) also each model's conformal prediction sets on every split
     * ({@link ConformalEval}: one more fit per model and split, on the training rows less a calibration part).
     */
    public static Output run(Experiment exp, int threads, Progress progress, int importanceRepeats, double[] coverage) {
        var config = exp.config();
        List<ModelSpec> models = models(exp);
        record Unit(String featureSet, List<String> features, Split split) {}
        List<Unit> units = new ArrayList<>();
        for (Map.Entry<String, List<String>> fs : config.featureSets().entrySet()) {
            for (Split split : exp.allSplits()) units.add(new Unit(fs.getKey(), fs.getValue(), split));
        }
        List<java.util.concurrent.Callable<Output>> tasks = units.stream().<java.util.concurrent.Callable<Output>>map(u -> () -> {
            EncodedSplit e = EncodedSplit.of(exp.data(), u.features(), u.split());
            FitPath.Memo memo = FitPath.Memo.local();
            var out = FitPath.evaluateAll(models, config.seed(), e, u.featureSet(), memo);
            List<Importance> imp = List.of();
            if (importanceRepeats > 0) {
                List<Model> fitted = new ArrayList<>();
                for (ModelSpec m : config.models()) { // not the baseline: it ignores the features, its importances are 0
                    fitted.add(memo.get(m, () -> { throw new IllegalStateException(m.name() + " not fitted"); }));
                }
                imp = Importance.of(config.models(), fitted, e, u.featureSet(), config.seed(), importanceRepeats);
            }
            List<ConformalEval.Result> sets = coverage.length == 0 ? List.of()
                    : ConformalEval.of(models, config.seed(), exp.data(), u.features(), u.featureSet(), u.split(), coverage, exp.groups());
            progress.step(out.size());
            return new Output(out, imp, sets);
        }).toList();
        List<SplitResult> results = new ArrayList<>();
        List<Importance> importance = new ArrayList<>();
        List<ConformalEval.Result> conformal = new ArrayList<>();
        for (Output o : Parallel.map(tasks, threads, "crystal-bench-worker")) {
            results.addAll(o.results());
            importance.addAll(o.importance());
            conformal.addAll(o.conformal());
        }
        return new Output(sorted(results, config.featureSets().keySet().stream().toList(),
                models.stream().map(ModelSpec::name).toList()), importance, conformal);
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
        return (long) exp.config().featureSets().size() * exp.allSplits().size() * models(exp).size();
    }

    /** The models a run fits: the config's, and the chance baseline ({@link ChanceSpec#withBaseline}) after them. */
    public static List<ModelSpec> models(Experiment exp) {
        return ChanceSpec.withBaseline(exp.config().models());
    }
}
