package org.crystalbench.grid;

import org.crystalbench.grid.plan.Shard;

import org.crystalbench.io.Durations;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.crystalbench.InputException;
import org.junit.jupiter.api.Test;

class GridOptionsTest {
    @Test
    void durations() {
        assertEquals(Duration.ofSeconds(30), Durations.parse("--x", "30s"));
        assertEquals(Duration.ofHours(8), Durations.parse("--x", "8h"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("--x", "1h30m"));
        assertEquals(Duration.ofMillis(250), Durations.parse("--x", "250ms"));
        for (String bad : List.of("", "8", "h", "0s", "3x", "1h 2m", "-5s")) {
            assertThrows(InputException.class, () -> Durations.parse("--x", bad), bad);
        }
    }

    @Test
    void shardsPartitionTheUnits() {
        List<Integer> units = IntStream.range(0, 10).boxed().toList();
        var union = new java.util.ArrayList<Integer>();
        for (int i = 0; i < 3; i++) union.addAll(new Shard(i, 3).select(units));
        assertEquals(units, union.stream().sorted().toList());
        assertEquals(List.of(1, 4, 7), new Shard(1, 3).select(units));
        assertThrows(InputException.class, () -> Shard.parse("3/3"));
        assertThrows(InputException.class, () -> Shard.parse("1-3"));
        assertThrows(InputException.class, () -> Shard.parse("0/0"));
    }

    @Test
    void shardFromTheEnvironment() {
        assertEquals(new Shard(2, 3), Shard.resolve("2/3", null, Map.of("SLURM_ARRAY_TASK_ID", "0")));
        assertEquals(new Shard(1, 4), Shard.resolve(null, null,
                Map.of("SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_COUNT", "4")));
        assertEquals(new Shard(0, 2), Shard.resolve(null, null, Map.of("SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_COUNT", "2")));
        assertEquals(new Shard(4, 5), Shard.resolve(null, 5, Map.of("JOB_COMPLETION_INDEX", "4")));
        assertEquals(new Shard(1, 2), Shard.resolve(null, null, Map.of("JOB_COMPLETION_INDEX", "1", "CRYSTAL_BENCH_SHARD_COUNT", "2")));
        assertThrows(InputException.class, () -> Shard.resolve(null, null, Map.of("JOB_COMPLETION_INDEX", "1")));
        assertThrows(InputException.class, () -> Shard.resolve(null, 3, Map.of("JOB_COMPLETION_INDEX", "3")));
        assertThrows(InputException.class, () -> Shard.resolve(null, 3, Map.of()));
        assertEquals(Shard.ALL, Shard.resolve(null, null, Map.of()));
        assertThrows(InputException.class, () -> Shard.resolve("1/3", 4, Map.of()));
        assertEquals(new Shard(1, 3), Shard.resolve("1/3", 3, Map.of()));
    }

    @Test
    void aResubmittedPartOfASlurmArrayIsRefusedUnlessTheShardIsExplicit() {
        // sbatch --array=1 (shard 1 of 3 run again): the environment says task 1, min 1, count 1.
        var part = Map.of("SLURM_ARRAY_TASK_ID", "1", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_MAX", "1", "SLURM_ARRAY_TASK_COUNT", "1");
        var e = assertThrows(InputException.class, () -> Shard.resolve(null, null, part));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("--shard 1/N"), e.getMessage());
        assertThrows(InputException.class, () -> Shard.resolve(null, 3, part));
        assertEquals(new Shard(1, 3), Shard.resolve("1/3", null, part));
        // the whole array, with or without a matching --shard-count, still works
        var whole = Map.of("SLURM_ARRAY_TASK_ID", "1", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_COUNT", "3");
        assertEquals(new Shard(1, 3), Shard.resolve(null, null, whole));
        assertEquals(new Shard(1, 3), Shard.resolve(null, 3, whole));
    }
}
