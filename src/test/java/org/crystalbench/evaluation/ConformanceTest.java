package org.crystalbench.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.crystalbench.metrics.Scores;
import org.crystalbench.models.FitWarning;
import org.crystalbench.models.GradientBoostingSpec;
import org.crystalbench.models.LogisticSpec;
import org.crystalbench.models.MlpSpec;
import org.crystalbench.models.Model;
import org.crystalbench.models.ModelSpec;
import org.crystalbench.models.NaiveBayesSpec;
import org.crystalbench.models.RandomForestSpec;
import org.crystalbench.models.SvmSpec;
import org.crystalbench.models.VotingSpec;
import org.junit.jupiter.api.Test;

/**
 * Conformance on generated data with known answers: every model type, at its default settings, through
 * the one fit path, must reach the score the data allow. Where a model cannot (a linear or axis-aligned
 * Gaussian model on XOR), the test pins that it does not, so a "pass" there would be a bug too.
 * Test sets are large (2,000 rows), so a score's sampling SD is below 0.011.
 */
class ConformanceTest {
    static final int TRAIN = 400, TEST = 2000;

    /** Every model type with its defaults (both MLP engines), and both voting rules. */
    static final List<ModelSpec> MODELS = List.of(
            new MlpSpec("MLP", null, null, null, null, null, null),
            new MlpSpec("MLP-gemm", null, null, null, null, null, null, MlpSpec.Engine.GEMM),
            new SvmSpec("SVM", null, null, null, null, null, null, null, null, null, null, null, null),
            new LogisticSpec("LR", null, null, null),
            new NaiveBayesSpec("NB", null),
            new RandomForestSpec("RF", null, null, null, null, null, null, null, null),
            new GradientBoostingSpec("GBT", null, null, null, null, null, null),
            new VotingSpec("Vote", List.of("SVM", "MLP", "LR"), VotingSpec.Rule.HARD, null),
            new VotingSpec("Soft", List.of("SVM", "MLP", "LR"), VotingSpec.Rule.SOFT, null));

    record Data(double[][] x, int[] y) {}

    record Problem(Data train, Data test, int classes) {}

    interface Generator {
        /** One labelled row: fills {@code x}, returns the class. */
        int row(SplittableRandom rng, int index, double[] x);
    }

    static Problem problem(int dims, int classes, long seed, Generator g) {
        var rng = new SplittableRandom(seed);
        return new Problem(data(TRAIN, dims, rng, g), data(TEST, dims, rng, g), classes);
    }

    static Data data(int n, int dims, SplittableRandom rng, Generator g) {
        double[][] x = new double[n][dims];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = g.row(rng, i, x[i]);
        return new Data(x, y);
    }

    /** Test accuracy of each model, and what each fit flagged. */
    record Result(Map<String, Double> accuracy, Map<String, List<FitWarning>> warnings) {}

    static Result score(Problem p) throws Exception {
        Function<String, ModelSpec> members = FitPath.byName(MODELS);
        FitPath.Memo memo = FitPath.Memo.local();
        var accuracy = new java.util.LinkedHashMap<String, Double>();
        var warnings = new java.util.LinkedHashMap<String, List<FitWarning>>();
        for (ModelSpec spec : MODELS) {
            Model m = memo.get(spec, () -> FitPath.fit(spec, members, p.train().x(), p.train().y(), p.classes(),
                    name -> 17L * name.hashCode(), memo));
            accuracy.put(spec.name(), Scores.of(p.test().y(), FitPath.predict(m, p.test().x()), p.classes()).accuracy());
            warnings.put(spec.name(), m.warnings());
        }
        return new Result(accuracy, warnings);
    }

    static void atLeast(Result r, double floor, List<String> models) {
        for (String m : models) {
            double a = r.accuracy().get(m);
            assertTrue(a >= floor, m + ": accuracy " + a + " < " + floor + " (all: " + r.accuracy() + ")");
        }
    }

    static List<String> names() {
        return MODELS.stream().map(ModelSpec::name).toList();
    }

    /** Two classes split by the line x0 + x1 = 0 with a margin of 0.3 either side: every model separates them. */
    @Test
    void linearlySeparableBinary() throws Exception {
        Result r = score(problem(2, 2, 1, (rng, i, x) -> {
            double s;
            do {
                x[0] = rng.nextDouble(-2, 2);
                x[1] = rng.nextDouble(-2, 2);
                s = x[0] + x[1];
            } while (Math.abs(s) < 0.3);
            return s > 0 ? 1 : 0;
        }));
        atLeast(r, 0.97, names());
        r.warnings().forEach((m, w) -> assertEquals(List.of(), w, m));
    }

    /** Four blobs, class = (x0 > 0) xor (x1 > 0): only non-linear models can learn it. */
    @Test
    void xorNeedsANonLinearModel() throws Exception {
        Result r = score(problem(2, 2, 2, (rng, i, x) -> {
            int a = rng.nextInt(2), b = rng.nextInt(2);
            x[0] = (a == 1 ? 1.5 : -1.5) + 0.5 * rng.nextGaussian();
            x[1] = (b == 1 ? 1.5 : -1.5) + 0.5 * rng.nextGaussian();
            return a ^ b;
        }));
        atLeast(r, 0.95, List.of("MLP", "MLP-gemm", "SVM", "RF", "GBT", "Vote", "Soft"));
        // They cannot: a linear boundary, and class-conditional Gaussians with the same mean (0, 0) for both classes.
        for (String cannot : List.of("LR", "NB")) {
            assertTrue(r.accuracy().get(cannot) < 0.65, cannot + " cannot learn XOR, yet scored " + r.accuracy().get(cannot));
        }
    }

    /**
     * Two Gaussian classes, identity covariance, means (0, 0) and (2, 1), equal priors: the Bayes
     * classifier is linear with error Φ(-|Δμ|/2) = Φ(-1.118) = 0.1318. No model can beat 0.8682 by more
     * than the test noise, and every model type must come within 0.03 of it.
     */
    @Test
    void gaussianBlobsReachTheBayesAccuracy() throws Exception {
        double bayes = 1 - 0.5 * smile.math.special.Erf.erfc(Math.sqrt(5) / 2 / Math.sqrt(2));
        assertEquals(0.8682, bayes, 1e-4);
        Result r = score(problem(2, 2, 3, (rng, i, x) -> {
            int c = i % 2;
            x[0] = 2.0 * c + rng.nextGaussian();
            x[1] = 1.0 * c + rng.nextGaussian();
            return c;
        }));
        atLeast(r, bayes - 0.03, names());
        r.accuracy().forEach((m, a) -> assertTrue(a <= bayes + 0.03, m + " beats the Bayes accuracy: " + a));
    }

    /** Seven well-separated classes (centres on a circle of radius 4, SD 0.5): every model finds all seven. */
    @Test
    void sevenClasses() throws Exception {
        Result r = score(problem(3, 7, 4, (rng, i, x) -> {
            int c = rng.nextInt(7);
            double angle = 2 * Math.PI * c / 7;
            x[0] = 4 * Math.cos(angle) + 0.5 * rng.nextGaussian();
            x[1] = 4 * Math.sin(angle) + 0.5 * rng.nextGaussian();
            x[2] = rng.nextGaussian();
            return c;
        }));
        atLeast(r, 0.97, names());
    }
}
