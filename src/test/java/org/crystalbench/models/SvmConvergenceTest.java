package org.crystalbench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Smile's LASVM makes one pass per epoch; one pass can leave a binary machine that gives one class to
 * every row. The default trains until the decisions settle, and a degenerate machine is flagged.
 */
class SvmConvergenceTest {
    /** Two Gaussian classes, means (0, 0) and (2, 1), identity covariance: Bayes accuracy 0.868. */
    static double[][] x;
    static int[] y;

    static {
        var rng = new SplittableRandom(5);
        x = new double[200][2];
        y = new int[200];
        for (int i = 0; i < 200; i++) {
            y[i] = i % 2;
            x[i][0] = 2.0 * y[i] + rng.nextGaussian();
            x[i][1] = 1.0 * y[i] + rng.nextGaussian();
        }
    }

    static double accuracy(Model m) {
        int right = 0;
        for (int i = 0; i < x.length; i++) right += m.predict(x[i]) == y[i] ? 1 : 0;
        return right / (double) x.length;
    }

    static final List<String> CLASSES = List.of("a", "b");

    @Test
    void onePassIsDegenerateAndFlaggedTheDefaultConverges() {
        // A wide kernel and a small C: the setting where one pass most often stops early.
        Model onePass = new SvmSpec("svm", 3.0, 0.1, null, 1, null).fit(x, y, 2, 3);
        assertEquals(0.5, accuracy(onePass), 1e-12, "one pass: one class for every row");
        assertEquals(List.of("binary machine `b` vs `a` gives one class to every training row"),
                onePass.warnings().stream().map(w -> w.render(CLASSES)).toList());

        Model converged = new SvmSpec("svm", 3.0, 0.1, null, null, null).fit(x, y, 2, 3);
        assertEquals(List.of(), converged.warnings());
        assertTrue(accuracy(converged) > 0.8, "converged: " + accuracy(converged));
    }

    @Test
    void oneVersusRestMachinesAreCheckedToo() {
        Model ovr = new SvmSpec("svm", 3.0, 0.1, null, 1, SvmSpec.Strategy.OVR).fit(x, y, 2, 3);
        assertTrue(ovr.warnings().stream().map(w -> w.render(CLASSES)).toList()
                .contains("binary machine `a` vs the rest gives one class to every training row"), ovr.warnings().toString());
    }

    @Test
    void epochsZeroIsTheDefaultAndNegativeIsRejected() {
        assertEquals(0, new SvmSpec("svm", null, null, null, null, null).epochs());
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.crystalbench.InputException.class,
                () -> new SvmSpec("svm", null, null, null, -1, null));
        assertTrue(e.getMessage().contains("epochs"), e.getMessage());
    }
}
