package org.crystalbench.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import smile.classification.DecisionTree;
import smile.data.Tuple;
import smile.model.cart.DecisionNode;

/**
 * Issue 30's batch prediction: every model's batch path ({@link Model#predict(double[][], double[][], int[], int, int)})
 * gives the bits of row-by-row prediction, and the tree models' flat arrays give the bits of walking Smile's own nodes
 * (Smile's {@code GradientTreeBoost.predict}; for the forest, Smile's leaf counts averaged as {@code Forest} documents).
 * Rows are encoded-like (numeric columns and one-hot groups) from a generator, plus hand-written ones: every split's
 * threshold exactly (x == value goes to the true child), NaN (to the false child), infinities, -0.0.
 */
class BatchPredictionTest {
    static final int P = 13;

    /** n rows: 3 numeric columns (class-shifted), then two one-hot groups of 5 levels; labels cycle over k classes. */
    static double[][] rows(int n, int k, long seed, int[] y) {
        var rng = new SplittableRandom(seed);
        double[][] x = new double[n][P];
        for (int i = 0; i < n; i++) {
            int c = i % k;
            if (y != null) y[i] = c;
            for (int j = 0; j < 3; j++) x[i][j] = rng.nextGaussian() + (j == c ? 1.2 : 0);
            x[i][3 + (rng.nextInt(3) + c) % 5] = 1;
            x[i][8 + rng.nextInt(5)] = 1;
        }
        return x;
    }

    static List<double[]> handWritten(FlatTrees flat) {
        List<double[]> out = new ArrayList<>();
        for (int n = 0; n < flat.feature().length; n += Math.max(1, flat.feature().length / 200)) {
            double[] at = new double[P]; // exactly at a threshold: the true side
            at[flat.feature()[n]] = flat.value()[n];
            at[3] = 1;
            out.add(at);
        }
        for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0}) {
            double[] r = new double[P];
            java.util.Arrays.fill(r, 0, 3, v);
            r[4] = v;
            out.add(r);
        }
        return out;
    }

    static double[][] with(double[][] x, List<double[]> extra) {
        List<double[]> all = new ArrayList<>(List.of(x));
        all.addAll(extra);
        return all.toArray(double[][]::new);
    }

    /** The batch path over the whole array and over an odd sub-range equals row by row, to the bit. */
    static void batchEqualsRows(Model m, double[][] x, String what) {
        int k = m.classes();
        double[][] rowP = new double[x.length][k], batchP = new double[x.length][k];
        int[] rowL = new int[x.length], batchL = new int[x.length];
        for (int i = 0; i < x.length; i++) rowL[i] = m.predict(x[i], rowP[i]);
        m.predict(x, batchP, batchL, 0, x.length);
        assertArrayEquals(rowL, batchL, what + ": labels");
        for (int i = 0; i < x.length; i++) assertArrayEquals(rowP[i], batchP[i], what + ": row " + i);
        int[] part = new int[x.length];
        double[][] partP = new double[x.length][k];
        m.predict(x, partP, part, 7, x.length - 3); // a range that starts and ends inside blocks
        for (int i = 7; i < x.length - 3; i++) {
            assertEquals(rowL[i], part[i], what + ": range label " + i);
            assertArrayEquals(rowP[i], partP[i], what + ": range row " + i);
        }
    }

    @Test
    void everyModelsBatchIsItsRowByRow() {
        for (int k : new int[] {2, 3, 5}) {
            int[] y = new int[400];
            double[][] train = rows(400, k, 1, y), test = rows(700, k, 2, null);
            List<BaseModelSpec> specs = List.of(
                    new LogisticSpec("lr", null, null, null),
                    new NaiveBayesSpec("nb", null),
                    new MlpSpec("mlp-gemm", List.of(8), 3, 16, null, null, null, MlpSpec.Engine.GEMM),
                    new RandomForestSpec("rf", 25, null, null, null, null, null, null, null),
                    new GradientBoostingSpec("gbt", 20, null, null, null, null, null),
                    SvmSpec.rbf("svm", 1.5, 1.0),
                    new SvmSpec("svm-votes", null, null, null, null, null, null, null, null, null, false, null, null));
            List<Model> fitted = new ArrayList<>();
            for (BaseModelSpec spec : specs) {
                Model m = spec.fit(train, y, k, 5);
                fitted.add(m);
                List<double[]> extra = switch (m) {
                    case RandomForestSpec.Forest f -> handWritten(f.flat());
                    case GradientBoostingSpec.Boosted b -> handWritten(b.flat().trees());
                    default -> handWritten(new FlatTrees(new int[0], new int[0], new double[0], new int[0], new int[0],
                            new double[0], 1));
                };
                batchEqualsRows(m, with(test, extra), spec.name() + ", " + k + " classes");
            }
            for (var rule : VotingSpec.Rule.values()) {
                Model v = new VotingSpec("v", List.of("lr", "nb", "rf", "svm"), rule, List.of(1.0, 2.0, 1.0, 0.5))
                        .combine(List.of(fitted.get(0), fitted.get(1), fitted.get(3), fitted.get(5)));
                batchEqualsRows(v, test, "voting " + rule + ", " + k + " classes");
            }
        }
    }

    @Test
    void flatForestIsSmilesNodes() {
        for (int k : new int[] {2, 3}) {
            int[] y = new int[300];
            double[][] train = rows(300, k, 3, y), test = rows(400, k, 4, null);
            var f = (RandomForestSpec.Forest) new RandomForestSpec("rf", 30, null, null, null, null, null, null, null)
                    .fit(train, y, k, 9);
            assertNotNull(f.flat(), "the forest was flattened");
            double[][] x = with(test, handWritten(f.flat()));
            for (double[] row : x) {
                double[] expected = new double[k], actual = new double[k];
                Tuple t = Tuple.of(f.schema(), row);
                for (DecisionTree tree : f.forest().trees()) { // Smile's nodes, Forest's arithmetic
                    int[] count = ((DecisionNode) tree.root().predict(t)).count();
                    double n = 0;
                    for (int c : count) n += c;
                    for (int c = 0; c < k; c++) expected[c] += count[c] / n;
                }
                for (int c = 0; c < k; c++) expected[c] /= f.forest().trees().length;
                f.predict(row, actual);
                assertArrayEquals(expected, actual, java.util.Arrays.toString(row));
            }
        }
    }

    @Test
    void flatBoostingIsSmilesPredict() {
        for (int k : new int[] {2, 3, 4}) {
            int[] y = new int[300];
            double[][] train = rows(300, k, 5, y), test = rows(400, k, 6, null);
            var b = (GradientBoostingSpec.Boosted) new GradientBoostingSpec("gbt", 30, null, null, null, null, null)
                    .fit(train, y, k, 9);
            assertNotNull(b.flat(), "the trees were flattened");
            for (double[] row : with(test, handWritten(b.flat().trees()))) {
                double[] expected = new double[k], actual = new double[k];
                int label = b.model().predict(Tuple.of(b.schema(), row), expected);
                assertEquals(label, b.predict(row, actual));
                assertArrayEquals(expected, actual, java.util.Arrays.toString(row));
            }
        }
    }

    /** The flat copies are not written to a bundle (FlatTrees and Flat replace themselves by null) and are rebuilt on reading. */
    @Test
    void flatTreesAreRebuiltNotStored() throws Exception {
        int[] y = new int[200];
        double[][] train = rows(200, 3, 7, y), test = rows(100, 3, 8, null);
        for (BaseModelSpec spec : List.<BaseModelSpec>of(new RandomForestSpec("rf", 10, null, null, null, null, null, null, null),
                new GradientBoostingSpec("gbt", 10, null, null, null, null, null))) {
            Model m = spec.fit(train, y, 3, 1);
            var bytes = new java.io.ByteArrayOutputStream();
            try (var out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(m);
            }
            String stream = bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
            org.junit.jupiter.api.Assertions.assertFalse(stream.contains("org.crystalbench.models.FlatTrees"), spec.name() + ": flat copy written"); // no class descriptor, so no object
            Model back;
            try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                back = (Model) in.readObject();
            }
            assertNotNull(back instanceof RandomForestSpec.Forest f ? f.flat() : ((GradientBoostingSpec.Boosted) back).flat());
            for (double[] row : test) {
                double[] a = new double[3], b = new double[3];
                assertEquals(m.predict(row, a), back.predict(row, b));
                assertArrayEquals(a, b);
            }
        }
    }

    /** SvmDecisions' kernels (four support vectors per pass) give libsvm's own svm_predict_values, to the bit. */
    @Test
    void svmDecisionsAreLibsvmsBits() {
        int[] y = new int[150];
        double[][] train = rows(150, 3, 9, y), test = rows(300, 3, 10, null);
        for (var kernel : SvmSpec.Kernel.values()) {
            var spec = new SvmSpec("svm", kernel, SvmSpec.Sigma.of(2.0), 1.0, null, null, 0.5, null, null, null, false, null, null);
            var model = (SvmSpec.Libsvm) spec.fit(train, y, 3, 1);
            double[] ours = new double[3], theirs = new double[3];
            for (double[] row : test) {
                int label = model.decisions(row, ours);
                double expected = libsvm.svm.svm_predict_values(model.model(), LibsvmRows.nodes(row), theirs);
                assertArrayEquals(theirs, ours, kernel.name());
                assertEquals((int) expected, label);
            }
        }
    }
}
