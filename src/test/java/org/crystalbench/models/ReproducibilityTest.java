package org.crystalbench.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Every model is a function of (data, seed): the same on any thread, whatever ran there before. */
class ReproducibilityTest {
    static final double[][] X;
    static final int[] Y;

    static {
        var rng = new SplittableRandom(3);
        X = new double[90][4];
        Y = new int[90];
        for (int i = 0; i < 90; i++) {
            Y[i] = i % 3;
            for (int j = 0; j < 4; j++) X[i][j] = rng.nextGaussian() + (j == Y[i] ? 1.5 : 0);
        }
    }

    static final List<BaseModelSpec> SPECS = List.of(
            SvmSpec.rbf("svm", 1.0, 1.0),
            new SvmSpec("svm-auto-balanced", null, null, null, null, null, null, null, null,
                    new ClassWeight(null, null), null, null, null),
            new MlpSpec("mlp", List.of(8), 10, 8, null, null, null),
            new MlpSpec("mlp-gemm", List.of(8), 10, 8, null, null, null, MlpSpec.Engine.GEMM),
            new LogisticSpec("lr", null, null, null),
            new NaiveBayesSpec("nb", null),
            new RandomForestSpec("rf", 15, null, null, null, null, null, null, null),
            new RandomForestSpec("rf-sub", 15, 3, RandomForestSpec.Rule.ENTROPY, 6, 10, 2, 0.6, ClassWeight.list(List.of(1.0, 2.0, 1.0))),
            new RandomForestSpec("rf-bagging", 15, 4, null, null, null, null, null, null), // mtry = p: parallel split search
            new GradientBoostingSpec("gbt", 15, null, null, null, null, null));

    static double[] probabilities(BaseModelSpec spec, long seed) {
        Model m = spec.fit(X, Y, 3, seed);
        double[] all = new double[X.length * 3];
        double[] p = new double[3];
        for (int i = 0; i < X.length; i++) {
            m.predict(X[i], p);
            System.arraycopy(p, 0, all, 3 * i, 3);
        }
        return all;
    }

    @Test
    void sameSeedSameModelOnAnotherThread() throws Exception {
        for (BaseModelSpec spec : SPECS) {
            double[] here = probabilities(spec, 11);
            smile.math.MathEx.setSeed(999); // disturb this thread's generator; the next fit must not care
            double[] again = probabilities(spec, 11);
            double[] there;
            try (var pool = Executors.newFixedThreadPool(2)) {
                pool.submit(() -> smile.math.MathEx.random()).get();
                there = pool.submit(() -> probabilities(spec, 11)).get();
            }
            assertArrayEquals(here, again, 0.0, spec.name());
            assertArrayEquals(here, there, 0.0, spec.name());
        }
    }
}
