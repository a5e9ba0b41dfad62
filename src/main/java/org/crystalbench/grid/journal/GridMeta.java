package org.crystalbench.grid.journal;

import org.crystalbench.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.crystalbench.InputException;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.io.AtomicFiles;
import tools.jackson.core.JacksonException;

/**
 * {@code grid-meta.json}: what a grid folder's journal belongs to. A journal is only resumed (or
 * merged) with the same config and the same data.
 *
 * @param configHash {@link ExperimentConfig#hash()}
 * @param dataHash   SHA-256 of the data file's bytes
 * @param totalUnits work units of the whole grid (every shard)
 */
public record GridMeta(int format, String configHash, String dataHash, String dataFile, int dataRows,
                       String configName, String version, long totalUnits) {
    public static final String FILE = "grid-meta.json", CONFIG_COPY = "grid-config.yaml";
    /**
     * 3: every journal line names its grid (config and data hash); 2: fits seeded by (config seed, model,
     * split) as in {@code run}; format 1 mixed in the parameter hash.
     */
    public static final int FORMAT = 3;

    /** The data hash as journal lines carry it (16 hex digits). */
    public String shortDataHash() {
        return dataHash.substring(0, 16);
    }

    public static GridMeta read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) return null;
        try {
            return Json.MAPPER.readValue(file.toFile(), GridMeta.class);
        } catch (JacksonException e) {
            throw new InputException(file + ": unreadable grid metadata: " + e.getOriginalMessage().replaceAll("\\s*\\n.*", ""));
        }
    }

    public void write(Path dir) {
        AtomicFiles.write(dir.resolve(FILE), Json.pretty(this));
    }

    /** What every journal line of this grid carries, and is checked against on reading. */
    public JournalEntry.Binding binding() {
        return new JournalEntry.Binding(configHash.substring(0, 16), shortDataHash());
    }

    /** Why {@code other} (the folder's) is not the same grid as this one, or null. */
    public String mismatch(GridMeta other) {
        if (format != other.format && other.format < 2) return "this folder's journal was written by a crystal-bench whose fits were seeded "
                + "differently (grid format " + other.format + ", now " + format + "); its results cannot be mixed with new ones";
        if (format != other.format) return "this folder's journal was written by another crystal-bench version (grid format "
                + other.format + ", now " + format + ": journal lines now name their grid); its results cannot be mixed with new ones";
        if (!configHash.equals(other.configHash)) return "the config differs from the one this folder's journal was made with";
        if (!dataHash.equals(other.dataHash)) return "the data file differs from the one this folder's journal was made with ("
                + other.dataFile + ", " + other.dataRows + " rows)";
        return null;
    }
}
