package org.crystalbench.grid.plan;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.crystalbench.InputException;

/**
 * A deterministic slice of a grid's work units: shard {@code index} of {@code count} (0-based)
 * takes units {@code index, index + count, index + 2 count, ...} of the manifest order, which
 * spreads every model over every shard.
 */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new InputException("--shard: " + index + "/" + count + " (index is 0-based: 0 <= i < n)");
        }
    }

    public <T> List<T> select(List<T> units) {
        return IntStream.range(0, units.size()).filter(i -> i % count == index).mapToObj(units::get).toList();
    }

    public boolean all() {
        return count == 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }

    /** {@code i/n}, e.g. {@code 0/3}. */
    public static Shard parse(String text) {
        var m = java.util.regex.Pattern.compile("(\\d+)/(\\d+)").matcher(text.trim());
        if (!m.matches()) throw new InputException("--shard: '" + text + "' is not i/n (0-based index, e.g. 0/3)");
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /**
     * The shard from the flag, else from the environment: Slurm job arrays
     * ({@code SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN} of {@code SLURM_ARRAY_TASK_COUNT}), or a
     * Kubernetes indexed Job ({@code JOB_COMPLETION_INDEX}, with the count from {@code --shard-count}
     * or {@code CRYSTAL_BENCH_SHARD_COUNT}). None of these: the whole grid. A Slurm array of one task,
     * or one whose size differs from {@code --shard-count}, is refused: it is a resubmitted part of an
     * array, whose environment no longer says which shard it is.
     */
    public static Shard resolve(String flag, Integer shardCount, Map<String, String> env) {
        if (flag != null) {
            Shard s = parse(flag);
            if (shardCount != null && shardCount != s.count()) {
                throw new InputException("--shard " + flag + " and --shard-count " + shardCount + " disagree");
            }
            return s;
        }
        String slurmId = env.get("SLURM_ARRAY_TASK_ID");
        if (slurmId != null) {
            int id = number("SLURM_ARRAY_TASK_ID", slurmId);
            int min = env.containsKey("SLURM_ARRAY_TASK_MIN") ? number("SLURM_ARRAY_TASK_MIN", env.get("SLURM_ARRAY_TASK_MIN")) : 0;
            Integer count = env.containsKey("SLURM_ARRAY_TASK_COUNT") ? number("SLURM_ARRAY_TASK_COUNT", env.get("SLURM_ARRAY_TASK_COUNT")) : null;
            Integer n = shardCount != null ? shardCount : count;
            if (n == null) throw new InputException("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not: pass --shard-count N");
            // A resubmitted part of the array (sbatch --array=1) cannot tell its shard: its count is
            // the part's size and its minimum the part's first index. Refuse rather than run the wrong slice.
            if (shardCount == null && count == 1 || shardCount != null && count != null && !count.equals(shardCount)) {
                throw new InputException("SLURM_ARRAY_TASK_COUNT is " + count + (shardCount != null ? " but --shard-count is " + shardCount : "")
                        + ": a part of an array (e.g. one index resubmitted) cannot tell its shard; pass --shard " + id + "/N explicitly"
                        + " (scripts/grid-slurm.sh does)");
            }
            return new Shard(id - min, n);
        }
        String k8s = env.get("JOB_COMPLETION_INDEX");
        if (k8s != null) {
            Integer n = shardCount != null ? shardCount
                    : env.containsKey("CRYSTAL_BENCH_SHARD_COUNT") ? number("CRYSTAL_BENCH_SHARD_COUNT", env.get("CRYSTAL_BENCH_SHARD_COUNT")) : null;
            if (n == null) throw new InputException("JOB_COMPLETION_INDEX is set: pass --shard-count N (the Job's completions) or set CRYSTAL_BENCH_SHARD_COUNT");
            return new Shard(number("JOB_COMPLETION_INDEX", k8s), n);
        }
        if (shardCount != null) throw new InputException("--shard-count needs a shard index (--shard, SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX)");
        return ALL;
    }

    private static int number(String name, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new InputException(name + ": '" + v + "' is not a whole number");
        }
    }
}
