package org.crystalbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.crystalbench.evaluation.SplitResult;
import org.crystalbench.metrics.Scores;
import org.crystalbench.splits.Protocol;
import org.crystalbench.splits.SplitId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's report reads its predictions from memory ({@link PredictionsTable#source(List, int[], List)}), the `report`
 * command from predictions.csv.gz ({@link PredictionsTable#source(Path)}): both must give the same rows, in the same
 * order, with the same bits.
 */
class PredictionsSourceTest {
    @TempDir
    Path dir;

    /** One visited row as text: the probabilities as raw bits, so -0.0, tiny and long-mantissa values compare exactly. */
    static List<String> visit(PredictionsTable.Source source) {
        List<String> rows = new ArrayList<>();
        source.visit(classes -> (featureSet, protocol, model, truth, p) -> {
            var row = new StringBuilder(classes + " " + featureSet + " " + protocol + " " + model + " " + truth);
            for (double v : p) row.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(v)));
            rows.add(row.toString());
        });
        return rows;
    }

    @Test
    void theResultsInMemoryGiveTheRowsOfTheFileWrittenFromThem() {
        List<String> classes = List.of("cubic", "monoclinic", "triclinic");
        int n = 40, k = classes.size();
        var random = new SplittableRandom(3);
        int[] y = random.ints(n, 0, k).toArray();
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) ids[i] = i % 7 == 0 ? "" : "mp-" + i;
        List<SplitResult> results = new ArrayList<>();
        for (String model : List.of("LR", "NB")) {
            for (Protocol protocol : List.of(Protocol.HOLDOUT, Protocol.CV)) {
                int[] test = random.ints(9, 0, n).toArray();
                double[] p = new double[test.length * k];
                int[] predicted = new int[test.length];
                for (int i = 0; i < test.length; i++) {
                    double a = random.nextDouble(), b = random.nextDouble() * (1 - a);
                    p[i * k] = a;
                    p[i * k + 1] = i == 2 ? -0.0 : b; // a value the text must keep exactly
                    p[i * k + 2] = i == 3 ? Double.MIN_VALUE : 1 - a - b;
                    predicted[i] = random.nextInt(k);
                }
                int[] truth = java.util.Arrays.stream(test).map(r -> y[r]).toArray();
                results.add(new SplitResult("numeric", SplitId.of(protocol, 1, protocol == Protocol.CV ? 2 : 0), model,
                        Scores.of(truth, predicted, k), n - test.length, test.length, 1, 1, test, predicted, p, List.of()));
            }
        }
        PredictionsTable.write(dir, results, org.crystalbench.data.RowIds.of(ids), y, classes);
        List<String> fromMemory = visit(PredictionsTable.source(results, y, classes));
        assertEquals(4 * 9, fromMemory.size());
        assertEquals(visit(PredictionsTable.source(dir.resolve(PredictionsTable.FILE))), fromMemory);
        // The ids, decoded from the compact store row by row: each row's own, its 1-based number where it has none.
        List<String> written = PredictionsTable.read(dir.resolve(PredictionsTable.FILE)).rows().stream().map(PredictionsTable.Row::id).toList();
        List<String> expected = new ArrayList<>();
        for (SplitResult r : results) for (int row : r.testRows()) expected.add(ids[row].isEmpty() ? Integer.toString(row + 1) : ids[row]);
        assertEquals(expected, written);
    }
}
