package org.crystalbench.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.TestCli;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.data.CsvLoader;
import org.crystalbench.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** synth --generic: seeded, the shape asked for, missing cells as asked, read by 'auto' as meant. */
class GenericDataTest {
    static String csv(GenericData g) {
        var sb = new StringBuilder();
        g.write(sb);
        return sb.toString();
    }

    @Test
    void theSameSeedGivesTheSameFileAndAnotherSeedAnother() {
        assertEquals(csv(new GenericData(200, 4, 3, 2, 3, 0.1, 7)), csv(new GenericData(200, 4, 3, 2, 3, 0.1, 7)));
        assertNotEquals(csv(new GenericData(200, 4, 3, 2, 3, 0.1, 7)), csv(new GenericData(200, 4, 3, 2, 3, 0.1, 8)));
    }

    @Test
    void autoColumnsReadItAsMeantWithEveryClassAndTheMissingShare(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("gen.csv");
        var w = TestCli.run("synth", "--generic", "--rows", "2000", "--classes", "7", "--numeric", "5", "--categorical", "3",
                "--levels", "6", "--missing", "0.1", "--seed", "3", "--out", data.toString());
        assertEquals(0, w.code(), w.err());
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, """
                dataset: {path: gen.csv, target: class, id_columns: [id], numeric: auto, categorical: auto, missing: impute}
                protocols: {cv: {repeats: 1, folds: 5}}
                models: [{name: NB, type: naive-bayes}]
                """);
        ExperimentConfig cfg = ConfigLoader.load(config);
        assertEquals(List.of("x1", "x2", "x3", "x4", "x5"), cfg.dataset().numeric());
        assertEquals(List.of("cat1", "cat2", "cat3"), cfg.dataset().categorical());
        Dataset d = CsvLoader.load(data, cfg.dataset());
        assertEquals(2000, d.size());
        assertEquals(List.of("class-1", "class-2", "class-3", "class-4", "class-5", "class-6", "class-7"), d.classes());
        int[] counts = d.classCounts();
        assertTrue(counts[0] > 2 * counts[6], "unequal shares, the first class the largest: " + java.util.Arrays.toString(counts));

        // Missing cells: about 10% of the 16,000 feature cells, written both empty and as NA.
        List<String> lines = Files.readAllLines(data);
        Map<String, Integer> tokens = new HashMap<>();
        int cells = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(10, f.length, line);
            for (int j = 1; j < 9; j++) {
                cells++;
                if (f[j].isEmpty() || f[j].equals("NA")) tokens.merge(f[j], 1, Integer::sum);
            }
            assertTrue(!f[9].isEmpty() && !f[9].equals("NA") && !f[0].isEmpty(), "target and id are never missing: " + line);
        }
        int missing = tokens.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(0.1, (double) missing / cells, 0.01, tokens.toString());
        assertTrue(Math.abs(tokens.get("") - tokens.get("NA")) <= 1, tokens.toString());

        // The odd-numbered columns carry the class, the even-numbered ones do not: class means of x1 spread far wider.
        assertTrue(spreadOfClassMeans(d, 0) > 5 * spreadOfClassMeans(d, 1) / 10, "x1 informative vs x2 (10x its scale) noise");
    }

    /** Standard deviation of the class means of numeric column j, over the non-missing cells. */
    static double spreadOfClassMeans(Dataset d, int j) {
        int k = d.classes().size();
        double[] sum = new double[k];
        int[] n = new int[k];
        for (int r = 0; r < d.size(); r++) {
            double v = d.numeric().get(r, j);
            if (Double.isNaN(v)) continue;
            sum[d.y()[r]] += v;
            n[d.y()[r]]++;
        }
        double mean = 0;
        for (int c = 0; c < k; c++) mean += sum[c] / n[c] / k;
        double ss = 0;
        for (int c = 0; c < k; c++) ss += Math.pow(sum[c] / n[c] - mean, 2);
        return Math.sqrt(ss / k);
    }

    /** Without id_columns, 'auto' types the row id as a categorical feature: warned about, and only it. */
    @Test
    void aRowIdTakenAsAFeatureIsNamed(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("gen.csv");
        Files.writeString(data, csv(new GenericData(300, 3, 2, 2, 50, 0.05, 5)));
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, """
                dataset: {path: gen.csv, target: class, numeric: auto, categorical: auto, missing: impute}
                protocols: {cv: {repeats: 1, folds: 5}}
                models: [{name: NB, type: naive-bayes}]
                """);
        ExperimentConfig cfg = ConfigLoader.load(config);
        assertEquals(List.of("id", "cat1", "cat2"), cfg.dataset().categorical());
        List<String> notes = CsvLoader.load(data, cfg.dataset()).identifierNotes();
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.getFirst().startsWith("warning: column 'id' has a different value on every row (300)"), notes.getFirst());
        Files.writeString(config, Files.readString(config).replace("target: class,", "target: class, id_columns: [id],"));
        ExperimentConfig listed = ConfigLoader.load(config);
        assertEquals(List.of(), CsvLoader.load(data, listed.dataset()).identifierNotes());
    }

    @Test
    void badOptionsAreOneLine(@TempDir Path dir) {
        for (String[] args : List.of(new String[] {"--generic", "--classes", "1"}, new String[] {"--generic", "--missing", "1"},
                new String[] {"--classes", "4"}, new String[] {"--generic", "--numeric", "0", "--categorical", "0"})) {
            String[] all = new String[args.length + 3];
            all[0] = "synth";
            System.arraycopy(args, 0, all, 1, args.length);
            all[args.length + 1] = "--out";
            all[args.length + 2] = dir.resolve("x.csv").toString();
            var r = TestCli.run(all);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(!Files.exists(dir.resolve("x.csv")));
        }
    }
}
