package org.crystalbench.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.data.CsvLoader;
import org.crystalbench.data.Dataset;
import org.crystalbench.evaluation.FitPath;
import org.crystalbench.features.FeatureEncoder;
import org.crystalbench.models.BaseModelSpec;
import org.crystalbench.models.Model;
import org.crystalbench.models.ModelSpec;
import org.crystalbench.models.VotingSpec;

/**
 * Batch prediction at scale (issue 30; scripts/sklearn-predict-scaling.py is scikit-learn's side): each model of
 * the config is fitted on the data's first TRAIN_ROWS rows (first feature set, encoder fitted on them), then every
 * row of the file is encoded once and predicted with its class probabilities (as a run
 * scores a test split: {@code FitPath.predictInBlocks}, blocks of 4,096 rows), REPEATS times, on THREADS harness
 * threads (default 1; the blocks are shared out, every row's bits the same for any count). Prints
 * {@code model,rows,best_seconds,rows_per_second} for the fastest repeat (the least disturbed by other work on a
 * shared machine), after one untimed pass over the training rows.
 */
public final class PredictScaling {
    private PredictScaling() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4 && args.length != 5) {
            System.err.println("usage: PredictScaling CONFIG DATA TRAIN_ROWS REPEATS [THREADS]");
            System.exit(2);
        }
        Path configFile = Path.of(args[0]), data = Path.of(args[1]);
        int trainRows = Integer.parseInt(args[2]), repeats = Integer.parseInt(args[3]);
        int threads = args.length == 5 ? Integer.parseInt(args[4]) : 1;
        ExperimentConfig cfg = ConfigLoader.load(configFile).withDataPath(data.toString());
        Dataset d = CsvLoader.load(data, cfg.dataset());
        var features = cfg.featureSets().values().iterator().next();
        int[] train = java.util.stream.IntStream.range(0, trainRows).toArray();
        int[] all = java.util.stream.IntStream.range(0, d.size()).toArray();
        FeatureEncoder encoder = FeatureEncoder.fit(d, features, train);
        double[][] xTrain = encoder.transform(d, train);
        int[] yTrain = java.util.Arrays.stream(train).map(i -> d.y()[i]).toArray();
        double[][] x = encoder.transform(d, all);
        int classes = d.classes().size();
        Map<String, Model> fitted = new HashMap<>();
        System.out.println("model,rows,best_seconds,rows_per_second");
        for (ModelSpec spec : cfg.models()) {
            Model m = switch (spec) {
                case BaseModelSpec b -> b.fit(xTrain, yTrain, classes, cfg.seed());
                case VotingSpec v -> v.combine(v.members().stream().map(fitted::get).toList());
            };
            fitted.put(spec.name(), m);
            double[][] p = new double[x.length][classes];
            // untimed warm-up on the training rows: the JIT compiles the prediction path first (numpy has nothing to
            // compile), so a single timed repeat is not mostly interpreter
            predict(m, xTrain, new double[xTrain.length][classes], threads);
            double best = Double.MAX_VALUE;
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                predict(m, x, p, threads);
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            System.out.printf(Locale.ROOT, "%s,%d,%.4f,%.0f%n", spec.name(), x.length, best, x.length / best);
            System.out.flush();
        }
    }

    /** Every row of {@code x} (encoded already), as a run scores its test rows: block by block, on the threads. */
    private static int[] predict(Model m, double[][] x, double[][] p, int threads) {
        int[] predicted = new int[x.length];
        FitPath.predictInBlocks(m, x.length, (from, to) -> java.util.Arrays.copyOfRange(x, from, to), p, predicted, threads);
        return predicted;
    }
}
