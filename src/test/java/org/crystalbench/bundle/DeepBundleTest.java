package org.crystalbench.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.crystalbench.TestCli;
import org.crystalbench.models.Trees;
import org.crystalbench.synth.SyntheticData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smile.model.cart.DecisionNode;
import smile.model.cart.Node;
import smile.model.cart.OrdinalNode;

/**
 * predict loads everything train writes: deep trees included (the reader once refused a default
 * random forest on 1,500 rows), while nested collections stay refused.
 */
class DeepBundleTest {
    @TempDir
    static Path dir;

    @Test
    void everyModelTypeAtDefaultDepthOn2000RowsOf7ClassesLoadsAndPredicts() throws IOException {
        Path data = Files.writeString(dir.resolve("seven.csv"), SyntheticData.csv(2000, 5, 7));
        String numeric = "[Formation Energy (eV), E Above Hull (eV), Band Gap (eV), Nsites, Density (gm/cc), Volume]";
        Path config = Files.writeString(dir.resolve("seven.yaml"), """
                name: seven
                seed: 3
                dataset:
                  path: seven.csv
                  target: Crystal System
                  id_columns: [Materials Id]
                  numeric: %s
                  categorical: [Formula, Has Bandstructure]
                  feature_sets:
                    all: %s
                protocols:
                  holdout: {repeats: 1}
                models:
                  - {name: RF, type: random-forest}
                  - {name: GBT, type: gradient-boosting, max_nodes: 64}
                  - {name: DNN, type: mlp, epochs: 5}
                  - {name: SVM, type: svm, sigma: 3.0}
                  - {name: LR, type: logistic}
                  - {name: NB, type: naive-bayes}
                  - {name: Vote, type: voting, members: [RF, GBT, DNN, SVM, LR, NB], rule: soft}
                """.formatted(numeric, numeric.replace("]", ", Formula, Has Bandstructure]")));
        // One soft vote holds a fitted model of every type; RF and GBT keep max_depth at its default (20),
        // GBT with more leaves so its trees do get deep.
        Path bundle = dir.resolve("vote.cbm"), out = dir.resolve("vote.csv");
        // Two calibration folds: the bundle then also holds two fold models of every type, one level deeper (the
        // reader must load those too), at half the cost of the default five.
        var t = TestCli.run("train", config.toString(), "--model", "Vote", "--calibration-folds", "2", "--out", bundle.toString());
        assertEquals(0, t.code(), t.err());
        var p = TestCli.run("predict", "--model", bundle.toString(), "--data", data.toString(), "--out", out.toString());
        assertEquals(0, p.code(), p.err());
        assertEquals(2001, Files.readAllLines(out).size(), "every row predicted");
        assertTrue(p.err().contains("over the model's 7 classes"), p.err());
    }

    /**
     * A chain of tree nodes {@code levels} deep. The chain runs through the false child, which is written
     * first (fields by name), so the leaf class is first met at the bottom, as in a real tree.
     */
    private static Node chain(int levels) {
        Node node = new DecisionNode(new int[] {1, 2});
        for (int i = 0; i < levels; i++) node = new OrdinalNode(0, i, 1, 1, new DecisionNode(new int[] {2, 1}), node);
        return node;
    }

    private static Object read(Object o, BundleFile.Filter filter) throws IOException, ClassNotFoundException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        }
    }

    @Test
    void treeNodesMayNestAsDeepAsTheDeepestAllowedTreeCollectionsMayNot() throws Exception {
        var ok = new BundleFile.Filter();
        assertTrue(read(new ArrayList<>(List.of(chain(Trees.MAX_DEPTH + 50))), ok) instanceof ArrayList<?>);
        assertNull(ok.refusal);

        var tooDeep = new BundleFile.Filter();
        assertThrows(InvalidClassException.class, () -> read(chain(BundleFile.MAX_NESTING + 10), tooDeep));
        assertTrue(tooDeep.refusal.contains("levels deep (limit " + BundleFile.MAX_NESTING + ")"), tooDeep.refusal);

        Object nested = new ArrayList<>();
        for (int i = 0; i < BundleFile.MAX_DEPTH + 5; i++) nested = new ArrayList<>(List.of(nested));
        var lists = new BundleFile.Filter();
        Object deepLists = nested;
        assertThrows(InvalidClassException.class, () -> read(deepLists, lists));
        assertTrue(lists.refusal.contains(" nested " + (BundleFile.MAX_DEPTH + 1) + " levels deep (limit " + BundleFile.MAX_DEPTH
                + " for all but tree nodes)"), lists.refusal);
    }
}
