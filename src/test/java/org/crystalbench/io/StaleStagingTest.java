package org.crystalbench.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.crystalbench.Fixtures;
import org.crystalbench.TestCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging folders left by killed runs are removed by the next run on the same target; a live run's never. */
class StaleStagingTest {
    @TempDir
    Path dir;

    /** A child process that stages a folder beside args[0], writes a table into it, says so, and waits to be killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            StagedFolder staged = StagedFolder.beside(Path.of(args[0]), "--out");
            AtomicFiles.write(staged.path().resolve("splits.csv"), "half a table\n");
            System.out.println("staged " + staged.path());
            System.out.flush();
            Thread.sleep(120_000);
        }
    }

    /** Starts a {@link Holder} for {@code target} and waits until its staging folder exists. */
    static Process holder(Path target) throws Exception {
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Holder.class.getName(), target.toString()).redirectErrorStream(true).start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream())).readLine();
        assertTrue(line != null && line.startsWith("staged "), String.valueOf(line));
        return p;
    }

    static List<String> names(Path d) throws Exception {
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static long staging(Path d) throws Exception {
        return names(d).stream().filter(n -> n.startsWith(".out.writing-") && !n.endsWith(".owner")).count();
    }

    @Test
    void aKilledRunsStagingIsRemovedALiveRunsIsLeftAlone() throws Exception {
        Path out = dir.resolve("out");
        Process live = holder(out);
        Process killed = holder(out);
        killed.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
        assertTrue(killed.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, staging(dir));
        Files.createDirectory(dir.resolve(".out.writing-123456789")); // an older version's (no owner file): not ours to judge
        try {
            try (var staged = StagedFolder.beside(out, "--out")) {
                assertEquals(1, staged.removedStale().size(), staged.removedStale().toString());
                assertEquals(3, staging(dir), "the live run's, the old one and this one: " + names(dir));
                AtomicFiles.write(staged.path().resolve("a.csv"), "a\n");
                staged.commit();
            }
            assertEquals(List.of("a.csv"), names(out), "no owner file in the output");
            assertEquals(2, staging(dir), "the live holder's staging folder is untouched: " + names(dir));
            assertTrue(live.isAlive());
        } finally {
            live.destroyForcibly();
            live.waitFor(30, TimeUnit.SECONDS);
        }
        try (var staged = StagedFolder.beside(out, "--out")) {
            assertEquals(1, staged.removedStale().size(), "now that its process is gone");
        }
        assertEquals(List.of(".out.writing-123456789", "out"), names(dir));
    }

    @Test
    void runSaysItRemovedAKilledRunsStaging() throws Exception {
        Path data = Fixtures.syntheticCsv(dir, 60, 3);
        Path config = Fixtures.config(data.toAbsolutePath()).models("- {name: NB, type: naive-bayes}")
                .protocols("cv: {repeats: 1, folds: 3}").write(dir, "c.yaml");
        Path out = dir.resolve("out");
        Process killed = holder(out);
        killed.destroyForcibly();
        assertTrue(killed.waitFor(30, TimeUnit.SECONDS));
        var r = TestCli.run("run", config.toString(), "--out", out.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("crystal-bench run: removed " + dir.toAbsolutePath().normalize().resolve(".out.writing-"))
                && r.err().contains(", left by a run that was killed"), r.err());
        assertEquals(0, staging(dir), names(dir).toString());
        assertTrue(names(dir).stream().noneMatch(n -> n.contains(".writing-")), names(dir).toString());
    }
}
