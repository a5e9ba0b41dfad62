package org.crystalbench.models;

import java.util.List;
import smile.classification.MLP;
import smile.math.MathEx;
import smile.model.mlp.Layer;
import smile.model.mlp.LayerBuilder;
import smile.model.mlp.OutputFunction;
import smile.util.function.TimeFunction;

/**
 * Multilayer perceptron (the study's "DNN"): ReLU hidden layers, softmax output with
 * cross-entropy, mini-batch SGD with momentum and L2 weight decay.
 *
 * @param hidden       hidden layer sizes (default [64, 32])
 * @param epochs       passes over the training rows (default 200)
 * @param batch        mini-batch size (default 32)
 * @param learningRate SGD step (default 0.01)
 * @param momentum     SGD momentum (default 0.9)
 * @param weightDecay  L2 penalty lambda (default 1e-4): after each step the weights are scaled by
 *                     {@code 1 - 2 learning_rate lambda}, as Smile does (which requires that factor ≥ 0.9)
 * @param engine       {@code smile} (default): Smile's MLP, one row at a time; {@code gemm}: the same
 *                     network and update rule trained with matrix-matrix products ({@link GemmMlp}), several
 *                     times faster
 */
public record MlpSpec(String name, List<Integer> hidden, Integer epochs, Integer batch,
                      Double learningRate, Double momentum, Double weightDecay, Engine engine) implements BaseModelSpec {
    public enum Engine {
        @com.fasterxml.jackson.annotation.JsonProperty("smile") SMILE,
        @com.fasterxml.jackson.annotation.JsonProperty("gemm") GEMM
    }

    /** The Smile engine (the study's model), for callers that predate the engine choice. */
    public MlpSpec(String name, List<Integer> hidden, Integer epochs, Integer batch, Double learningRate,
                   Double momentum, Double weightDecay) {
        this(name, hidden, epochs, batch, learningRate, momentum, weightDecay, null);
    }

    public MlpSpec {
        hidden = hidden == null ? List.of(64, 32) : List.copyOf(hidden);
        epochs = epochs == null ? 200 : epochs;
        batch = batch == null ? 32 : batch;
        learningRate = learningRate == null ? 0.01 : learningRate;
        momentum = momentum == null ? 0.9 : momentum;
        weightDecay = weightDecay == null ? 1e-4 : weightDecay;
        engine = engine == null ? Engine.SMILE : engine;
        Check.positive(name, "epochs", epochs);
        Check.positive(name, "batch", batch);
        Check.positive(name, "learning_rate", learningRate);
        Check.inRange(name, "momentum", momentum, 0, 1);
        Check.inRange(name, "weight_decay", weightDecay, 0, Double.MAX_VALUE);
        if (1 - 2 * learningRate * weightDecay < 0.9) {
            throw Check.bad(name, "weight_decay", weightDecay, "is too large for learning_rate " + learningRate
                    + " (the per-step decay factor 1 - 2 x learning_rate x weight_decay must be >= 0.9)");
        }
        for (int h : hidden) Check.positive(name, "hidden", h);
    }

    @Override
    public Model fit(double[][] x, int[] y, int classes, long seed) {
        if (engine == Engine.GEMM) {
            return GemmMlp.fit(x, y, classes, hidden, epochs, batch, learningRate, momentum, weightDecay, seed);
        }
        // Weight initialisation and the epoch shuffles both draw from this thread's MathEx RNG.
        MathEx.setSeed(seed);
        LayerBuilder[] layers = new LayerBuilder[hidden.size() + 2];
        layers[0] = Layer.input(x[0].length);
        for (int i = 0; i < hidden.size(); i++) layers[i + 1] = Layer.rectifier(hidden.get(i));
        layers[layers.length - 1] = Layer.mle(classes, OutputFunction.SOFTMAX);
        MLP mlp = new MLP(layers);
        mlp.setLearningRate(TimeFunction.constant(learningRate));
        mlp.setMomentum(TimeFunction.constant(momentum));
        mlp.setWeightDecay(weightDecay);

        int n = x.length;
        int b = Math.min(batch, n);
        double[][] bx = new double[b][];
        int[] by = new int[b];
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = MathEx.permutate(n);
            for (int start = 0; start + b <= n; start += b) { // a short last batch is dropped
                for (int i = 0; i < b; i++) {
                    bx[i] = x[order[start + i]];
                    by[i] = y[order[start + i]];
                }
                mlp.update(bx, by);
            }
        }
        return new SmileModel(mlp, classes);
    }
}
