package org.crystalbench.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.crystalbench.InputException;

/**
 * A set of output files that appears all at once or not at all: everything is written into a
 * hidden sibling folder, then {@link #commit()} renames it into place. A failure before the commit
 * (a full disk, a crash in a writer) leaves the target as it was; {@link #close()} removes the staging.
 * An empty or absent target becomes the staging folder by one rename; into a folder that already holds
 * files, the staged files are renamed one by one (renames need no new space, so a full disk cannot
 * cut them short; only a crash between them could mix old and new files).
 *
 * <p>A killed process cannot remove its staging folder, so each one has an owner: a sibling file
 * {@code .DIR.writing-ID.owner} that its process holds an OS lock on while the folder lives (the OS drops the
 * lock of a killed process). The next {@link #beside} for the same target removes every staging folder whose
 * owner file it can lock, i.e. whose process is gone; a live run's folder (locked) is left alone. The owner file
 * is made and locked before its folder exists, so no folder is ever seen without a live owner.
 */
public final class StagedFolder implements AutoCloseable {
    private static final String WRITING = ".writing-", OWNER = ".owner";
    private final Path target, staging, owner;
    private final FileChannel channel;
    private final List<Path> removed;
    private boolean committed;

    private StagedFolder(Path target, Path staging, Path owner, FileChannel channel, List<Path> removed) {
        this.target = target;
        this.staging = staging;
        this.owner = owner;
        this.channel = channel;
        this.removed = List.copyOf(removed);
    }

    /**
     * Removes the staging folders that killed processes left beside {@code target}, then creates this one's
     * now, so that a parent that cannot take it is refused before any work.
     */
    public static StagedFolder beside(Path target, String option) {
        Path abs = target.toAbsolutePath().normalize();
        String prefix = "." + abs.getFileName() + WRITING;
        try {
            List<Path> removed = removeStale(abs.getParent(), prefix);
            for (int attempt = 0; ; attempt++) {
                String id = ProcessHandle.current().pid() + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
                Path owner = abs.getParent().resolve(prefix + id + OWNER);
                FileChannel ch = FileChannel.open(owner, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                FileLock lock = tryLock(ch);
                if (lock != null && Files.exists(owner)) { // else another process's clean-up took it first: make another
                    return new StagedFolder(abs, Files.createDirectory(abs.getParent().resolve(prefix + id)), owner, ch, removed);
                }
                ch.close();
                if (attempt == 3) throw new IOException("lost " + owner + " to concurrent clean-ups " + (attempt + 1) + " times");
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new InputException(target + ": " + option + ": cannot write beside it in " + abs.getParent()
                    + " (the tables are written there first, then renamed into place): " + e.getMessage());
        }
    }

    /** The stale staging folders removed by {@link #beside}, to say so. */
    public List<Path> removedStale() {
        return removed;
    }

    /** Where to write. */
    public Path path() {
        return staging;
    }

    /**
     * Every {@code prefix*} staging folder (and orphan owner file) in {@code parent} whose owner file can be
     * locked: its process has ended. A folder without an owner file (made by an older version) is left alone.
     */
    static List<Path> removeStale(Path parent, String prefix) throws IOException {
        List<Path> owners;
        try (var s = Files.list(parent)) {
            owners = s.filter(p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(OWNER)).toList();
        }
        List<Path> removed = new ArrayList<>();
        for (Path owner : owners) {
            Path folder = owner.resolveSibling(owner.getFileName().toString().replaceFirst("\\.owner$", ""));
            try (FileChannel ch = FileChannel.open(owner, StandardOpenOption.WRITE)) {
                if (tryLock(ch) == null) continue; // a live process owns it
                if (Files.isDirectory(folder)) {
                    delete(folder);
                    removed.add(folder);
                }
                Files.deleteIfExists(owner); // while locked: a process that raced for it sees it gone and makes another
            } catch (NoSuchFileException e) {
                // its owner removed it meanwhile
            }
        }
        return removed;
    }

    /** The lock, or null when another process (or another channel of this one) holds it. */
    private static FileLock tryLock(FileChannel ch) throws IOException {
        try {
            return ch.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
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
            release();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the finished tables from " + staging + " into " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (committed) return;
        boolean deleted;
        try {
            delete(staging);
            deleted = true;
        } catch (IOException e) {
            deleted = false; // a leftover: its owner file stays, unlocked, so the next run on this target removes it
        }
        if (deleted) release();
        else closeChannel();
    }

    /** Deletes the owner file, then drops its lock (in this order: no other process can take a file that is gone). */
    private void release() {
        try {
            Files.deleteIfExists(owner);
        } catch (IOException ignored) {
            // an unlocked owner file left behind is removed by the next run on this target
        }
        closeChannel();
    }

    private void closeChannel() {
        try {
            channel.close(); // releases the lock
        } catch (IOException ignored) {
            // the lock goes with the process anyway
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
