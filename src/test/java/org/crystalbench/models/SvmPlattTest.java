package org.crystalbench.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.crystalbench.config.ConfigLoader;
import org.junit.jupiter.api.Test;

/** Platt scaling on internal CV (the default) against in-sample Platt scaling (platt: train). */
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
        for (SvmSpec.Strategy strategy : SvmSpec.Strategy.values()) {
            Model cv = new SvmSpec("svm", 0.5, 10.0, null, null, strategy, SvmSpec.Platt.CV).fit(X, Y, 3, 7);
            Model train = new SvmSpec("svm", 0.5, 10.0, null, null, strategy, SvmSpec.Platt.TRAIN).fit(X, Y, 3, 7);
            if (strategy == SvmSpec.Strategy.OVO) {
                assertArrayEquals(classes(train, XT), classes(cv, XT), "the same machines vote: the same classes");
            }
            // in-sample Platt believes the training fit: more confident on new rows than internal-CV Platt
            double inSample = meanTop(train, XT), crossValidated = meanTop(cv, XT);
            assertTrue(inSample > crossValidated + 0.05, strategy + ": " + inSample + " vs " + crossValidated);
            // and the accuracy on new rows is far below that confidence: overconfident
            int[] predicted = classes(train, XT);
            double accuracy = 0;
            for (int i = 0; i < YT.length; i++) accuracy += predicted[i] == YT[i] ? 1.0 / YT.length : 0;
            assertTrue(inSample > accuracy + 0.1, strategy + ": confidence " + inSample + ", accuracy " + accuracy);
        }
    }

    @Test
    void cvIsTheDefaultAndTrainIsAccepted() {
        assertEquals(SvmSpec.Platt.CV, new SvmSpec("svm", null, null, null, null, null).platt());
        var spec = ConfigLoader.YAML.readValue("{name: s, type: svm, platt: train}", ModelSpec.class);
        assertEquals(SvmSpec.Platt.TRAIN, ((SvmSpec) spec).platt());
    }

    @Test
    void outOfFoldScoresComeFromMachinesThatDidNotSeeTheRow() {
        int[] y = new int[40];
        double[][] x = new double[40][1];
        for (int i = 0; i < 40; i++) {
            y[i] = i % 2 == 0 ? 1 : -1;
            x[i][0] = y[i] + 0.01 * i;
        }
        var kernel = new smile.math.kernel.GaussianKernel(1.0);
        var options = new smile.classification.SVM.Options(1.0, 1e-3, 1);
        double[] a = SvmSpec.outOfFoldScores(x, y, kernel, options, 5, 3);
        assertArrayEquals(a, SvmSpec.outOfFoldScores(x, y, kernel, options, 5, 3), 0.0, "seeded");
        for (int i = 0; i < 40; i++) assertTrue(Math.signum(a[i]) == y[i], "separable: every held-out row on its side");
    }
}
