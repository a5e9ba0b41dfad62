package org.crystalbench.evaluation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.crystalbench.data.Dataset;
import org.crystalbench.metrics.Scores;
import org.crystalbench.models.BaseModelSpec;
import org.crystalbench.models.FitWarning;
import org.crystalbench.models.Model;
import org.crystalbench.models.ModelSpec;
import org.crystalbench.models.TrainingRows;
import org.crystalbench.models.VotingSpec;
import org.crystalbench.splits.Seeds;
import org.crystalbench.splits.Split;

/**
 * The one way a model spec is fitted and scored; {@code run}, {@code grid}, {@code train} and the
 * JMH benchmarks all come through here. A base spec is fitted with the seed its caller's stream gives
 * its name ({@link org.crystalbench.splits.Seeds}); a voting spec fits nothing itself: it combines
 * its members, each fitted once per training set through the caller's {@link Memo} and shared by
 * every combiner (and by the member's own row in a run). The memo is keyed by the spec's value: the
 * same spec on the same training rows with the same seed is the same fit, so reusing it is exact.
 */
public final class FitPath {
    private FitPath() {}

    /** Fitted models by spec for one training set: each spec is fitted at most once. */
    @FunctionalInterface
    public interface Memo {
        Model get(ModelSpec spec, Callable<Model> fit) throws Exception;

        /** A plain map, for one thread working through one training set. */
        static Memo local() {
            Map<ModelSpec, Model> fitted = new HashMap<>();
            return (spec, fit) -> {
                Model m = fitted.get(spec);
                if (m == null) fitted.put(spec, m = fit.call());
                return m;
            };
        }
    }

    /**
     * Fits {@code spec} on {@code (x, y)}.
     *
     * @param members resolves a voting member's name to its (base) spec
     * @param seed    the seed of a base model's fit, by model name
     */
    public static Model fit(ModelSpec spec, Function<String, ModelSpec> members, double[][] x, int[] y, int classes,
                            ToLongFunction<String> seed, Memo memo) throws Exception {
        return fit(spec, members, x, y, classes, null, seed, memo);
    }

    /**
     * As above, for the data's classes by name (class order): a base spec is fitted as
     * {@link BaseModelSpec#forClasses} resolves it (a {@code class_weight} map by class name).
     */
    public static Model fit(ModelSpec spec, Function<String, ModelSpec> members, double[][] x, int[] y,
                            List<String> classNames, ToLongFunction<String> seed, Memo memo) throws Exception {
        return fit(spec, members, x, y, classNames.size(), classNames, seed, memo);
    }

    private static Model fit(ModelSpec spec, Function<String, ModelSpec> members, double[][] x, int[] y, int classes,
                             List<String> names, ToLongFunction<String> seed, Memo memo) throws Exception {
        return fit(spec, members, (base, s) -> base.fit(x, y, classes, s), names, seed, memo);
    }

    /**
     * Fits {@code spec} on the split's training rows in their compact form: logistic regression and naive Bayes read
     * them as they are, other models get them as {@code double[][]} ({@link EncodedSplit#xTrain}, built once).
     */
    public static Model fit(ModelSpec spec, Function<String, ModelSpec> members, EncodedSplit e, ToLongFunction<String> seed,
                            Memo memo) throws Exception {
        return fit(spec, members, (base, s) -> base.fit(e.train(), e.yTrain(), e.classes(), s), e.classNames(), seed, memo);
    }

    /** How a base spec is fitted on the rows at hand ({@code double[][]} or {@link TrainingRows}), with its seed. */
    private interface BaseFit {
        Model fit(BaseModelSpec base, long seed);
    }

    private static Model fit(ModelSpec spec, Function<String, ModelSpec> members, BaseFit rows, List<String> names,
                             ToLongFunction<String> seed, Memo memo) throws Exception {
        return switch (spec) {
            case BaseModelSpec base -> rows.fit(names == null ? base : base.forClasses(names), seed.applyAsLong(base.name()));
            case VotingSpec v -> {
                List<Model> fitted = new java.util.ArrayList<>();
                for (String name : v.members()) {
                    ModelSpec m = members.apply(name);
                    fitted.add(memo.get(m, () -> fit(m, members, rows, names, seed, memo)));
                }
                yield v.combine(fitted);
            }
        };
    }

    /**
     * A fit scored on its split's test rows, with what the fit flagged. Times are wall-clock milliseconds.
     *
     * @param predicted     per test row (in the split's test order), the model's class
     * @param probabilities the model's class probabilities row-major, test row i's class c at {@code i * classes + c}
     *                      (scored in {@link Scores#prob()})
     */
    public record Evaluation(Scores scores, int trainSize, int testSize, double fitMs, double predictMs, int[] predicted,
                             double[] probabilities, List<FitWarning> warnings) {}

    /**
     * Fits {@code spec} on the split's training rows (through {@code memo}, so a fit made before is
     * reused and costs nothing here) and scores it on the test rows.
     */
    public static Evaluation evaluate(ModelSpec spec, Function<String, ModelSpec> members, EncodedSplit e,
                                      ToLongFunction<String> seed, Memo memo) throws Exception {
        long t0 = System.nanoTime();
        Model model = memo.get(spec, () -> fit(spec, members, e, seed, memo));
        long t1 = System.nanoTime();
        double[] p = new double[e.testSize() * e.classes()];
        int[] predicted = predictTest(model, e, p);
        long t2 = System.nanoTime();
        return new Evaluation(Scores.of(e.yTest(), predicted, p, e.classes()), e.trainSize(), e.testSize(),
                (t1 - t0) / 1e6, (t2 - t1) / 1e6, predicted, p, model.warnings());
    }

    /**
     * Every model of a config on one feature set and split, as {@code run} scores them: base models
     * first, so that voting combiners (even one listed before its members) reuse the members' fits
     * and time only their own combining. Results in config order.
     */
    public static List<SplitResult> evaluateAll(List<ModelSpec> models, long seed, Dataset data, String featureSet,
                                                List<String> features, Split split) throws Exception {
        return evaluateAll(models, seed, EncodedSplit.of(data, features, split), featureSet, Memo.local());
    }

    /** As above on an encoded split, fitting through {@code memo} (which then holds every model's fit). */
    public static List<SplitResult> evaluateAll(List<ModelSpec> models, long seed, EncodedSplit e, String featureSet,
                                                Memo memo) throws Exception {
        Split split = e.split();
        Function<String, ModelSpec> members = byName(models);
        List<ModelSpec> order = new java.util.ArrayList<>(models);
        order.sort(java.util.Comparator.comparing(m -> m instanceof VotingSpec));
        Map<String, SplitResult> byModel = new HashMap<>();
        for (ModelSpec spec : order) {
            Evaluation ev = evaluate(spec, members, e, name -> Seeds.fit(seed, name, split.id()), memo);
            byModel.put(spec.name(), new SplitResult(featureSet, split.id(), spec.name(), ev.scores(), ev.trainSize(),
                    ev.testSize(), ev.fitMs(), ev.predictMs(), split.test(), ev.predicted(), ev.probabilities(),
                    ev.warnings().stream().map(w -> w.render(e.classNames())).toList()));
        }
        return models.stream().map(m -> byModel.get(m.name())).toList();
    }

    public static int[] predict(Model model, double[][] x) {
        int[] predicted = new int[x.length];
        double[] p = new double[model.classes()]; // one buffer: the batch benchmark measures this loop
        for (int i = 0; i < x.length; i++) predicted[i] = model.predict(x[i], p);
        return predicted;
    }

    /** Rows encoded and predicted a block at a time: no whole encoded copy of them is held (issue 30, memory). */
    public static final int TEST_BLOCK = 4096;

    /** Rows {@code from} to {@code to} (exclusive), encoded. */
    @FunctionalInterface
    public interface BlockEncoder {
        double[][] encode(int from, int to);
    }

    /**
     * Predicts every test row of {@code e}, {@link #TEST_BLOCK} rows encoded at a time, writing test row i's
     * probability of class c at {@code p[i * classes + c]}: the same bits as {@code predict(model, e.xTest(), p)} (a
     * row's encoding and prediction do not depend on the block it is in) without an array a row (issue 30, memory: at
     * 200,000 test rows of 3 classes 4.8 MB a lane while scoring instead of 8.8 MB, then a flat copy).
     */
    static int[] predictTest(Model model, EncodedSplit e, double[] p) {
        int n = e.testSize(), k = e.classes();
        int[] predicted = new int[n], labels = new int[Math.min(n, TEST_BLOCK)];
        double[][] block = new double[Math.min(n, TEST_BLOCK)][k];
        for (int from = 0; from < n; from += TEST_BLOCK) {
            int to = Math.min(n, from + TEST_BLOCK), rows = to - from;
            double[][] pb = rows == block.length ? block : java.util.Arrays.copyOf(block, rows);
            for (double[] row : pb) java.util.Arrays.fill(row, 0); // as a new array: a model may leave a class unwritten
            model.predict(e.xTest(from, to), pb, labels, 0, rows);
            System.arraycopy(labels, 0, predicted, from, rows);
            for (int i = 0; i < rows; i++) System.arraycopy(pb[i], 0, p, (from + i) * k, k);
        }
        return predicted;
    }

    /** As {@link #predictInBlocks(Model, int, BlockEncoder, double[][], int[], int)} on one thread. */
    public static void predictInBlocks(Model model, int n, BlockEncoder encoder, double[][] p, int[] predicted) {
        predictInBlocks(model, n, encoder, p, predicted, 1);
    }

    /**
     * Fills {@code predicted[r]} and {@code p[r]} for rows 0 to n through the model's batch path, encoding
     * {@link #TEST_BLOCK} rows at a time (the scoring of a split and {@code predict} on new rows both use it). With
     * {@code threads} above 1 the blocks are shared out to that many harness threads: the blocks are the same
     * whatever the count and rows are independent (a model is immutable once fitted), so every row gets the same
     * bits; a block's rows are written by the one task that owns it.
     */
    public static void predictInBlocks(Model model, int n, BlockEncoder encoder, double[][] p, int[] predicted,
                                       int threads) {
        org.crystalbench.io.Parallel.threads(threads);
        double[][] x = new double[n][]; // references only: a block's rows, dropped after it
        List<Runnable> blocks = new java.util.ArrayList<>();
        for (int start = 0; start < n; start += TEST_BLOCK) {
            int from = start, to = Math.min(n, start + TEST_BLOCK);
            blocks.add(() -> {
                System.arraycopy(encoder.encode(from, to), 0, x, from, to - from);
                model.predict(x, p, predicted, from, to);
                java.util.Arrays.fill(x, from, to, null);
            });
        }
        if (threads == 1) {
            blocks.forEach(Runnable::run); // on the caller's thread: no pool for the default
        } else {
            org.crystalbench.io.Parallel.map(blocks.stream().map(b -> (Callable<Void>) () -> {
                b.run();
                return null;
            }).toList(), threads, "predict");
        }
    }

    /** Predicts every row of {@code x}, filling {@code p[i]} with row i's class probabilities. */
    public static int[] predict(Model model, double[][] x, double[][] p) {
        int[] predicted = new int[x.length];
        model.predict(x, p, predicted, 0, x.length); // the model's batch path (Model#predict: the same bits as row by row)
        return predicted;
    }

    /** A resolver of member names over a config's model list. */
    public static Function<String, ModelSpec> byName(List<ModelSpec> models) {
        Map<String, ModelSpec> byName = new HashMap<>();
        models.forEach(m -> byName.put(m.name(), m));
        return name -> {
            ModelSpec m = byName.get(name);
            if (m == null) throw new IllegalArgumentException("model '" + name + "' is not in the config");
            return m;
        };
    }
}
