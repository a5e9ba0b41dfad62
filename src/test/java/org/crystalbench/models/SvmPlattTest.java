package org.crystalbench.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.crystalbench.config.ConfigLoader;
import org.junit.jupiter.api.Test;

/** Platt scaling on internal CV (the default) against in-sample Platt scaling (platt: train) and no probabilities. */
class SvmPlattTest {
    static final double[][] X, XT;
    static final int[] Y, YT;

    static {
        // Overlapping classes and a narrow kernel: the machines fit their training rows far better than new rows.
        var rng = new SplittableRandom(5);
        X = new double[150][3];
        Y = new int[150];
        XT = new double[150][3];
        YT = new int[150];
        for (int i = 0; i < 150; i++) {
            Y[i] = YT[i] = i % 3;
            for (int j = 0; j < 3; j++) {
                X[i][j] = rng.nextGaussian() + (j == Y[i] ? 0.8 : 0);
                XT[i][j] = rng.nextGaussian() + (j == YT[i] ? 0.8 : 0);
            }
        }
    }

    static SvmSpec spec(SvmSpec.Platt platt, Boolean probability) {
        return new SvmSpec("svm", null, SvmSpec.Sigma.of(0.5), 10.0, null, null, null, null, null, null, probability, platt, null);
    }

    static double meanTop(Model m, double[][] x) {
        double s = 0;
        double[] p = new double[3];
        for (double[] row : x) {
            m.predict(row, p);
            s += java.util.Arrays.stream(p).max().orElseThrow();
        }
        return s / x.length;
    }

    static int[] classes(Model m, double[][] x) {
        return java.util.Arrays.stream(x).mapToInt(m::predict).toArray();
    }

    @Test
    void crossValidatedPlattKeepsTheClassesAndIsLessOverconfident() {
        Model cv = spec(SvmSpec.Platt.CV, null).fit(X, Y, 3, 7);
        Model train = spec(SvmSpec.Platt.TRAIN, null).fit(X, Y, 3, 7);
        Model none = spec(null, false).fit(X, Y, 3, 7);
        assertArrayEquals(classes(train, XT), classes(cv, XT), "the same machines vote: the same classes");
        assertArrayEquals(classes(none, XT), classes(cv, XT), "probabilities do not change the vote");
        // in-sample Platt believes the training fit: more confident on new rows than internal-CV Platt
        double inSample = meanTop(train, XT), crossValidated = meanTop(cv, XT);
        assertTrue(inSample > crossValidated + 0.05, inSample + " vs " + crossValidated);
        // and the accuracy on new rows is far below that confidence: overconfident
        int[] predicted = classes(train, XT);
        double accuracy = 0;
        for (int i = 0; i < YT.length; i++) accuracy += predicted[i] == YT[i] ? 1.0 / YT.length : 0;
        assertTrue(inSample > accuracy + 0.1, "confidence " + inSample + ", accuracy " + accuracy);
    }

    @Test
    void withoutProbabilitiesTheSharesOfTheVotesAreReported() {
        Model none = spec(null, false).fit(X, Y, 3, 7);
        double[] p = new double[3];
        for (double[] row : XT) {
            int c = none.predict(row, p);
            assertEquals(1, p[0] + p[1] + p[2], 1e-12);
            for (double v : p) assertEquals(0, Math.abs(v * 3 - Math.rint(v * 3)), 1e-12, "thirds of three votes");
            assertTrue(p[c] >= 1 / 3.0);
        }
    }

    @Test
    void theFoldsComeFromTheSeedAndTheDefaultIsCv() {
        double[] a = new double[3], b = new double[3];
        spec(null, null).fit(X, Y, 3, 7).predict(XT[0], a);
        spec(null, null).fit(X, Y, 3, 7).predict(XT[0], b);
        assertArrayEquals(a, b, 0.0, "same seed, same probabilities");
        spec(null, null).fit(X, Y, 3, 8).predict(XT[0], b);
        assertNotEquals(a[0], b[0], "another seed, other folds");
        assertEquals(SvmSpec.Platt.CV, spec(null, null).platt());
        var s = ConfigLoader.YAML.readValue("{name: s, type: svm, platt: train}", ModelSpec.class);
        assertEquals(SvmSpec.Platt.TRAIN, ((SvmSpec) s).platt());
    }
}
