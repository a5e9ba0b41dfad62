package org.crystalbench.grid.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.crystalbench.InputException;

/**
 * One grid process per output folder: an OS file lock on {@code .grid.lock}, released when the
 * process ends however it ends (the OS drops the lock of a killed process).
 */
public final class FolderLock implements AutoCloseable {
    public static final String FILE = ".grid.lock";
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static FolderLock acquire(Path dir) {
        FileChannel ch;
        try {
            ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this JVM
        } catch (IOException e) {
            close(ch);
            throw new UncheckedIOException("cannot lock " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            close(ch);
            throw new InputException(dir + ": another grid process is writing this folder (give each run or shard its own --out)");
        }
        return new FolderLock(ch, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        close(channel);
    }

    private static void close(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing to do: the lock goes with the process
        }
    }
}
