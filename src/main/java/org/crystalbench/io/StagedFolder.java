package org.crystalbench.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import org.crystalbench.InputException;

/**
 * A set of output files that appears all at once or not at all: everything is written into a
 * hidden sibling folder, then {@link #commit()} renames it into place. A failure before the commit
 * (a full disk, a crash in a writer) leaves the target as it was; {@link #close()} removes the staging.
 * An empty or absent target becomes the staging folder by one rename; into a folder that already holds
 * files, the staged files are renamed one by one (renames need no new space, so a full disk cannot
 * cut them short; only a crash between them could mix old and new files).
 */
public final class StagedFolder implements AutoCloseable {
    private final Path target, staging;
    private boolean committed;

    private StagedFolder(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    /** Creates the staging folder beside {@code target} now, so that a parent that cannot take it is refused before any work. */
    public static StagedFolder beside(Path target, String option) {
        Path abs = target.toAbsolutePath().normalize();
        try {
            return new StagedFolder(abs, Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".writing-"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new InputException(target + ": " + option + ": cannot write beside it in " + abs.getParent()
                    + " (the tables are written there first, then renamed into place): " + e.getMessage());
        }
    }

    /** Where to write. */
    public Path path() {
        return staging;
    }

    public void commit() {
        try {
            if (Files.isDirectory(target) && isEmpty(target)) Files.delete(target);
            if (!Files.exists(target)) {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } else {
                List<Path> files;
                try (var walk = Files.walk(staging)) {
                    files = walk.filter(Files::isRegularFile).toList();
                }
                for (Path f : files) { // check every name first: a folder in the way fails before any file moves
                    Path to = target.resolve(staging.relativize(f).toString());
                    if (Files.isDirectory(to)) throw new IOException(to + " is a folder");
                }
                for (Path f : files) {
                    Path to = target.resolve(staging.relativize(f).toString());
                    Files.createDirectories(to.getParent());
                    Files.move(f, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
                delete(staging);
            }
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the finished tables from " + staging + " into " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (committed) return;
        try {
            delete(staging);
        } catch (IOException e) {
            // best effort: a hidden leftover folder beside the target is harmless
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
