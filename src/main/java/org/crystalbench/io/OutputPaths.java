package org.crystalbench.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.crystalbench.InputException;

/**
 * Output locations checked before any work: a folder or file that cannot be written is bad input
 * (exit 2, one line), not work lost at the end. Writability is probed by creating a file, because
 * {@link Files#isWritable} says yes to root on a read-only mount.
 */
public final class OutputPaths {
    private OutputPaths() {}

    private static final java.time.format.DateTimeFormatter STAMP =
            java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC);

    /** Now as yyyyMMdd-HHmmss in UTC: the one name part of timestamped outputs (results/runs/..., journal.jsonl.replaced-...). */
    public static String stamp() {
        return STAMP.format(java.time.Instant.now());
    }

    /** Creates {@code dir} (and parents) and proves a file can be written in it. */
    public static void folder(Path dir, String option) {
        try {
            Files.createDirectories(dir);
            probe(dir);
        } catch (IOException | UnsupportedOperationException e) {
            throw new InputException(dir + ": " + option + ": cannot create or write the output folder (" + reason(e) + ")");
        }
    }

    /** Checks that {@code file} can be written: not a folder, and its folder exists (or can be made) and takes a file. */
    public static void file(Path file, String option) {
        if (Files.isDirectory(file)) throw new InputException(file + ": " + option + ": is a folder, not a file");
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            probe(dir);
        } catch (IOException | UnsupportedOperationException e) {
            throw new InputException(file + ": " + option + ": cannot write there (" + reason(e) + ")");
        }
    }

    private static void probe(Path dir) throws IOException {
        Files.delete(Files.createTempFile(dir, ".write-probe-", ".tmp"));
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException) return "a file of that name is in the way: " + e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage();
    }
}
