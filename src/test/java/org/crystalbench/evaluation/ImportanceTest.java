package org.crystalbench.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.crystalbench.data.Dataset;
import org.crystalbench.models.LogisticSpec;
import org.crystalbench.models.Model;
import org.crystalbench.models.ModelSpec;
import org.crystalbench.models.RandomForestSpec;
import org.crystalbench.splits.Protocol;
import org.crystalbench.splits.Split;
import org.crystalbench.splits.SplitId;
import org.junit.jupiter.api.Test;

/** One input carries the label, the others are noise: only shuffling that input costs macro F1. */
class ImportanceTest {
    static final int N = 300;

    static Dataset data() {
        var rng = new SplittableRandom(5);
        double[][] num = new double[N][3];
        String[][] cat = new String[N][1];
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            y[i] = i % 3;
            num[i][0] = rng.nextGaussian();                 // noise
            num[i][1] = 3.0 * y[i] + 0.3 * rng.nextGaussian(); // the label, nearly
            num[i][2] = rng.nextGaussian();                 // noise
            cat[i][0] = rng.nextBoolean() ? "a" : "b";      // noise, one-hot: moves as one input
        }
        return new Dataset("mem", "", org.crystalbench.data.RowIds.of(new String[N]), List.of("noise1", "signal", "noise2"), num, List.of("flag"), cat,
                List.of("x", "y", "z"), y, new int[N], N, 0);
    }

    @Test
    void onlyTheInputThatCarriesTheLabelMatters() throws Exception {
        Dataset d = data();
        int[] test = IntStream.range(0, N).filter(i -> i % 4 == 0).toArray();
        int[] train = IntStream.range(0, N).filter(i -> i % 4 != 0).toArray();
        Split split = new Split(SplitId.of(Protocol.HOLDOUT, 0, 0), train, test);
        EncodedSplit e = EncodedSplit.of(d, List.of("noise1", "signal", "flag", "noise2"), split);
        List<ModelSpec> specs = List.of(new LogisticSpec("LR", null, null, null),
                new RandomForestSpec("RF", 30, null, null, null, null, null, null, null));
        List<Model> fitted = List.of(((LogisticSpec) specs.get(0)).fit(e.xTrain(), e.yTrain(), 3, 1),
                ((RandomForestSpec) specs.get(1)).fit(e.xTrain(), e.yTrain(), 3, 1));
        List<Importance> imp = Importance.of(specs, fitted, e, "fs", 42, 5);
        assertEquals(8, imp.size()); // 2 models x 4 inputs
        for (Importance i : imp) {
            if (i.feature().equals("signal")) assertTrue(i.drop() > 0.4, i.toString());
            else assertTrue(Math.abs(i.drop()) < 0.05, i.toString());
            assertEquals(test.length, i.testSize());
            assertEquals(train.length, i.trainSize());
        }
        // Same seed, same shuffles: the same numbers again.
        assertEquals(imp, Importance.of(specs, fitted, e, "fs", 42, 5));
    }

    @Test
    void permutationsAreUniformShufflesFromTheSeed() {
        int[] p = Importance.permutation(50, 3);
        assertEquals(IntStream.range(0, 50).boxed().toList(), Arrays.stream(p).sorted().boxed().toList());
        assertTrue(!Arrays.equals(p, IntStream.range(0, 50).toArray()));
        assertTrue(Arrays.equals(p, Importance.permutation(50, 3)));
    }
}
