package org.crystalbench.grid.journal;

import org.crystalbench.io.Json;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.crystalbench.io.AtomicFiles;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.crystalbench.InputException;
import tools.jackson.core.JacksonException;

/**
 * {@code journal.jsonl}: one JSON line per finished work unit, appended and forced to disk before
 * the next batch, so a process killed at any instant loses at most the fits in flight. A torn last
 * line (killed mid-write) is ignored on reading and cut off before appending. Every line names its
 * grid ({@link JournalEntry.Binding}) and is checked on reading: a line of another grid, or one that
 * lacks what its status implies, is bad input with its line number, wherever it stands.
 */
public final class Journal {
    private Journal() {}

    public static final String FILE = "journal.jsonl";

    /**
     * @param lines    complete entries read
     * @param goodBytes length of the file up to the end of the last complete line
     * @param torn     whether an incomplete last line was found (and ignored)
     */
    public record ReadResult(long lines, long goodBytes, boolean torn) {}

    /**
     * Streams the entries of {@code file} (absent: none) to {@code sink}; a line that is not JSON is bad
     * input unless it is the last (a torn write); a well-formed line that is not {@code grid}'s is always bad input.
     */
    public static ReadResult read(Path file, JournalEntry.Binding grid, Consumer<JournalEntry> sink) {
        if (!Files.exists(file)) return new ReadResult(0, 0, false);
        long lines = 0, offset = 0, good = 0, lineNo = 0;
        String pendingError = null; // a bad line is fatal only if another line follows it
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            var line = new ByteArrayOutputStream(512);
            int b;
            while ((b = in.read()) >= 0) {
                offset++;
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                lineNo++;
                if (pendingError != null) throw new InputException(pendingError);
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (text.isBlank()) {
                    if (pendingError == null) good = offset;
                    continue;
                }
                JournalEntry e;
                try {
                    e = Json.MAPPER.readValue(text, JournalEntry.class);
                } catch (JacksonException ex) {
                    pendingError = file + ":" + lineNo + ": malformed journal line (not the last line, so not a torn write): "
                            + ex.getOriginalMessage().replaceAll("\\s*\\n.*", "");
                    continue;
                }
                String problem = e == null ? "empty entry" : e.problem(grid);
                if (problem != null) throw new InputException(file + ":" + lineNo + ": journal line refused: " + problem);
                sink.accept(e);
                lines++;
                good = offset;
            }
            boolean torn = line.size() > 0 || pendingError != null;
            return new ReadResult(lines, good, torn);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** All entries of a file, in file order. */
    public static List<JournalEntry> readAll(Path file, JournalEntry.Binding grid) {
        List<JournalEntry> out = new ArrayList<>();
        read(file, grid, out::add);
        return out;
    }

    /** All entries of a grid folder's journal, checked against the folder's {@link GridMeta}. */
    public static List<JournalEntry> readAll(Path file) {
        GridMeta meta = GridMeta.read(file.toAbsolutePath().getParent());
        if (meta == null) throw new InputException(file + ": no " + GridMeta.FILE + " beside it: cannot tell which grid it belongs to");
        return readAll(file, meta.binding());
    }

    /** Cuts a torn tail off so that appended lines start on a line of their own. */
    public static void truncate(Path file, long goodBytes) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(goodBytes);
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot repair " + file + ": " + e.getMessage(), e);
        }
    }

    public static String line(JournalEntry e) {
        return Json.MAPPER.writeValueAsString(e) + "\n";
    }

    /** One entry per key: an OK entry wins over a failed one (a retried unit), else the later one. */
    public static Map<String, JournalEntry> dedupe(Iterable<JournalEntry> entries) {
        Map<String, JournalEntry> out = new TreeMap<>();
        for (JournalEntry e : entries) {
            JournalEntry old = out.get(e.key());
            if (old == null || e.ok() || !old.ok()) out.put(e.key(), e);
        }
        return out;
    }

    /** The union of several entry sets (later sets after earlier ones), one entry per key. */
    @SafeVarargs
    public static Map<String, JournalEntry> union(Map<String, JournalEntry>... sets) {
        List<JournalEntry> all = new ArrayList<>();
        for (Map<String, JournalEntry> s : sets) all.addAll(s.values());
        return dedupe(all);
    }

    /** Replaces {@code file} at once (a merge's journal): one line per entry, in the given order. */
    public static void rewrite(Path file, Collection<JournalEntry> entries) {
        var sb = new StringBuilder();
        for (JournalEntry e : entries) sb.append(line(e));
        AtomicFiles.write(file, sb.toString());
    }

    /**
     * The one writer of a journal: a thread that drains the queue, appends the lines and forces them
     * to disk (one fsync per batch). {@link #close()} waits for everything queued.
     */
    public static final class Writer implements AutoCloseable {
        private static final JournalEntry STOP = new JournalEntry(null, null, null, null, null, null, null, null, 0, 0,
                null, null, 0, 0, 0, null, null, null);
        private final BlockingQueue<JournalEntry> queue = new LinkedBlockingQueue<>();
        private final FileOutputStream out;
        private final Thread thread;
        private volatile IOException failure;
        private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        // On SIGTERM/SIGINT (e.g. a batch system's time limit) write out what is queued before the JVM exits.
        private final Thread hook = new Thread(this::drainAtExit, "journal-flush-at-exit");

        public Writer(Path file) {
            try {
                out = new FileOutputStream(file.toFile(), true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
            }
            thread = Thread.ofPlatform().name("journal-writer").daemon(true).start(this::loop);
            Runtime.getRuntime().addShutdownHook(hook);
        }

        private void drainAtExit() {
            if (closed.compareAndSet(false, true)) {
                queue.add(STOP);
                try {
                    thread.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        public void append(JournalEntry e) {
            if (failure != null) throw new UncheckedIOException("journal write failed: " + failure.getMessage(), failure);
            queue.add(e);
        }

        private void loop() {
            var batch = new ArrayList<JournalEntry>();
            try {
                while (true) {
                    batch.clear();
                    batch.add(queue.take());
                    queue.drainTo(batch);
                    boolean stop = false;
                    var bytes = new ByteArrayOutputStream();
                    for (JournalEntry e : batch) {
                        if (e == STOP) stop = true;
                        else bytes.writeBytes(line(e).getBytes(StandardCharsets.UTF_8));
                    }
                    if (bytes.size() > 0) {
                        out.write(bytes.toByteArray());
                        out.flush();
                        out.getChannel().force(false);
                    }
                    if (stop) return;
                }
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                return; // the JVM is exiting: the hook drains the queue
            }
            if (!closed.compareAndSet(false, true)) return;
            queue.add(STOP);
            try {
                thread.join();
                out.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                if (failure == null) failure = e;
            }
            if (failure != null) throw new UncheckedIOException("journal write failed: " + failure.getMessage(), failure);
        }
    }
}
