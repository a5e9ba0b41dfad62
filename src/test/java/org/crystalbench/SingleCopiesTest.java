package org.crystalbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.crystalbench.io.InputFiles;
import org.crystalbench.io.OutputPaths;
import org.crystalbench.io.Parallel;
import org.crystalbench.metrics.Metric;
import org.crystalbench.splits.Seeds;
import org.crystalbench.splits.Shuffle;
import org.crystalbench.stats.Ranking;
import org.crystalbench.stats.Resampling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The helpers that replaced several copies each (issue 22): one behaviour, whichever caller. */
class SingleCopiesTest {
    @Test
    void bestByMeanFollowsTheMetricsDirection() {
        assertTrue(Ranking.better(Metric.MACRO_F1, 0.8, 0.7));
        assertFalse(Ranking.better(Metric.MACRO_F1, 0.7, 0.7)); // ties keep the earlier
        assertTrue(Ranking.better(Metric.LOG_LOSS, 0.3, 0.5)); // a loss: lower is better
        record P(String name, double mean) {}
        var ps = List.of(new P("a", 0.5), new P("b", 0.9), new P("c", 0.1));
        assertEquals("b", ps.stream().min(Ranking.bestFirst(Metric.MACRO_F1, P::mean)).orElseThrow().name());
        assertEquals("c", ps.stream().min(Ranking.bestFirst(Metric.LOG_LOSS, P::mean)).orElseThrow().name());
    }

    @Test
    void testTrainRatioIsMeanTestOverMeanTrainAndZeroWithoutSplits() {
        record S(int train, int test) {}
        assertEquals(68.0 / 271.0, Resampling.testTrainRatio(List.of(new S(271, 68), new S(271, 68)), S::test, S::train), 1e-15);
        assertEquals((60 + 80) / 2.0 / ((240 + 260) / 2.0), Resampling.testTrainRatio(List.of(new S(240, 60), new S(260, 80)), S::test, S::train), 1e-15);
        assertEquals(0, Resampling.testTrainRatio(List.<S>of(), S::test, S::train));
        assertEquals(0, Resampling.testTrainRatio(List.of(new S(0, 5)), S::test, S::train));
    }

    @Test
    void bootstrapCellsJoinTheirPartsOneWay() {
        assertEquals("fs\u0000cv 10x5\u0000SVM", Seeds.cell("fs", "cv 10x5", "SVM"));
        assertEquals("x\u00000.9", Seeds.cell("x", 0.9));
        assertNotEquals(Seeds.bootstrap(42, Seeds.cell("a|b", "c"), 0), Seeds.bootstrap(42, Seeds.cell("a", "b|c"), 0));
    }

    @Test
    void shuffleIsFisherYatesFromTheLastIndexDown() {
        int[] a = Shuffle.inPlace(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, new SplittableRandom(7));
        int[] expected = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}; // the loop every former copy ran
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = expected.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1), t = expected[i];
            expected[i] = expected[j];
            expected[j] = t;
        }
        assertArrayEquals(expected, a);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, Arrays.stream(a).sorted().toArray());
        int[] counts = new int[3]; // uniform: each of 3 values lands first about a third of the time
        for (int s = 0; s < 3000; s++) counts[Shuffle.inPlace(new int[] {0, 1, 2}, new SplittableRandom(s))[0]]++;
        for (int c : counts) assertTrue(Math.abs(c - 1000) < 120, Arrays.toString(counts));
    }

    @Test
    void inputFilesNameTheFileAndWhatItIs(@TempDir Path dir) throws Exception {
        var missing = assertThrows(InputException.class, () -> InputFiles.text(dir.resolve("absent.yaml"), "config file"));
        assertEquals(dir.resolve("absent.yaml") + ": config file not found", missing.getMessage());
        var folder = assertThrows(InputException.class, () -> InputFiles.bytes(dir, "model bundle"));
        assertTrue(folder.getMessage().startsWith(dir + ": cannot read model bundle: "), folder.getMessage());
        Path bad = Files.write(dir.resolve("bad.yaml"), new byte[] {'a', (byte) 0xC3, '(', '\n'});
        assertEquals(bad + ": cannot read config file: not UTF-8 text",
                assertThrows(InputException.class, () -> InputFiles.text(bad, "config file")).getMessage());
        assertEquals("name: x\n", InputFiles.text(Files.writeString(dir.resolve("ok.yaml"), "name: x\n"), "config file"));
    }

    @Test
    void timestampsAreUtcAndThreadsAtLeastOne() {
        var zone = java.util.TimeZone.getDefault();
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Pacific/Kiritimati")); // UTC+14: local time differs
        try {
            var utc = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC);
            String before = utc.format(java.time.Instant.now()), stamp = OutputPaths.stamp(), after = utc.format(java.time.Instant.now());
            assertTrue(stamp.compareTo(before) >= 0 && stamp.compareTo(after) <= 0, stamp + " not in [" + before + ", " + after + "]");
        } finally {
            java.util.TimeZone.setDefault(zone);
        }
        assertEquals(3, Parallel.threads(3));
        assertEquals("--threads: 0 (must be >= 1)", assertThrows(InputException.class, () -> Parallel.threads(0)).getMessage());
    }
}
