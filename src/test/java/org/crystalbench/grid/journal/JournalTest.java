package org.crystalbench.grid.journal;

import org.crystalbench.splits.Protocol;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.crystalbench.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    static final JournalEntry.Binding GRID = new JournalEntry.Binding("0123456789abcdef", "fedcba9876543210");

    static JournalEntry entry(int fold, JournalEntry.Status status) {
        return new JournalEntry(GRID.config(), GRID.data(), "fs", "LR", "0123456789abcdef", Protocol.CV, null, null, 0, fold, status,
                status == JournalEntry.Status.OK ? metrics(0.5 + fold / 100.0) : null, 80, 40, 1.5,
                status == JournalEntry.Status.OK ? null : "boom", null, null);
    }

    /** Every metric column at {@code v}: a complete OK line. */
    static Map<String, Double> metrics(double v) {
        var m = new java.util.LinkedHashMap<String, Double>();
        for (var metric : org.crystalbench.metrics.Metric.ALL) m.put(metric.column(), v);
        return m;
    }

    @Test
    void writerAppendsLinesThatReadBack() {
        Path f = dir.resolve(Journal.FILE);
        try (var w = new Journal.Writer(f)) {
            for (int i = 0; i < 5; i++) w.append(entry(i, i == 3 ? JournalEntry.Status.FAILED : JournalEntry.Status.OK));
        }
        List<JournalEntry> back = Journal.readAll(f, GRID);
        assertEquals(5, back.size());
        assertEquals(entry(2, JournalEntry.Status.OK), back.get(2));
        assertEquals("boom", back.get(3).error());
        assertEquals(0.52, back.get(2).metric("macro_f1"));
    }

    @Test
    void tornLastLineIsIgnoredAndCutBeforeAppending() throws Exception {
        Path f = dir.resolve(Journal.FILE);
        try (var w = new Journal.Writer(f)) {
            w.append(entry(0, JournalEntry.Status.OK));
            w.append(entry(1, JournalEntry.Status.OK));
        }
        String full = Journal.line(entry(2, JournalEntry.Status.OK));
        Files.writeString(f, full.substring(0, full.length() / 2), StandardOpenOption.APPEND); // killed mid-write
        long before = Files.size(f);
        Journal.ReadResult r = Journal.read(f, GRID, e -> {});
        assertTrue(r.torn());
        assertEquals(2, r.lines());
        assertTrue(r.goodBytes() < before);
        Journal.truncate(f, r.goodBytes());
        try (var w = new Journal.Writer(f)) {
            w.append(entry(3, JournalEntry.Status.OK));
        }
        List<JournalEntry> back = Journal.readAll(f, GRID);
        assertEquals(List.of(0, 1, 3), back.stream().map(JournalEntry::fold).toList());
        assertFalse(Journal.read(f, GRID, e -> {}).torn());
    }

    @Test
    void aCompleteButGarbledLastLineCountsAsTorn() throws Exception {
        Path f = dir.resolve(Journal.FILE);
        Files.writeString(f, Journal.line(entry(0, JournalEntry.Status.OK)) + "{\"data\":\0\0\0\n");
        Journal.ReadResult r = Journal.read(f, GRID, e -> {});
        assertTrue(r.torn());
        assertEquals(1, r.lines());
    }

    @Test
    void aMalformedLineBeforeTheLastIsBadInputWithItsLineNumber() throws Exception {
        Path f = dir.resolve(Journal.FILE);
        Files.writeString(f, Journal.line(entry(0, JournalEntry.Status.OK)) + "not json\n" + Journal.line(entry(1, JournalEntry.Status.OK)));
        var e = assertThrows(InputException.class, () -> Journal.read(f, GRID, x -> {}));
        assertTrue(e.getMessage().contains(Journal.FILE + ":2:"), e.getMessage());
    }

    @Test
    void anOkLineWithoutMetricsIsRefusedWithItsLineNumberEvenLast() throws Exception {
        Path f = dir.resolve(Journal.FILE);
        JournalEntry ok = entry(1, JournalEntry.Status.OK);
        JournalEntry bare = new JournalEntry(ok.config(), ok.data(), ok.featureSet(), ok.model(), ok.paramHash(), ok.protocol(),
                null, null, 0, 1, JournalEntry.Status.OK, null, 80, 40, 1.5, null, null, null);
        Files.writeString(f, Journal.line(entry(0, JournalEntry.Status.OK)) + Journal.line(bare));
        var e = assertThrows(InputException.class, () -> Journal.read(f, GRID, x -> {}));
        assertTrue(e.getMessage().contains(Journal.FILE + ":2: journal line refused: an OK line without"), e.getMessage());
        // One metric short is as bad as none.
        var partial = new java.util.HashMap<>(metrics(0.5));
        partial.remove("macro_f1");
        Files.writeString(f, Journal.line(new JournalEntry(ok.config(), ok.data(), ok.featureSet(), ok.model(), ok.paramHash(),
                ok.protocol(), null, null, 0, 1, JournalEntry.Status.OK, partial, 80, 40, 1.5, null, null, null)));
        assertTrue(assertThrows(InputException.class, () -> Journal.read(f, GRID, x -> {})).getMessage().contains("macro_f1"));
    }

    @Test
    void aLineOfAnotherGridIsRefused() throws Exception {
        Path f = dir.resolve(Journal.FILE);
        Files.writeString(f, Journal.line(entry(0, JournalEntry.Status.OK)) + Journal.line(entry(1, JournalEntry.Status.FAILED)));
        var other = new JournalEntry.Binding("aaaaaaaaaaaaaaaa", GRID.data());
        var e = assertThrows(InputException.class, () -> Journal.read(f, other, x -> {}));
        assertTrue(e.getMessage().contains(Journal.FILE + ":1: journal line refused: belongs to another grid"), e.getMessage());
        // A line of an older format (no config hash) cannot say whose it is.
        Files.writeString(f, Journal.line(entry(0, JournalEntry.Status.OK)).replaceFirst("\"config\":\"[0-9a-f]+\",", ""));
        assertTrue(assertThrows(InputException.class, () -> Journal.read(f, GRID, x -> {})).getMessage().contains("not a line of a grid journal"));
    }

    @Test
    void dedupePrefersOkThenTheLaterEntry() {
        JournalEntry failed = entry(0, JournalEntry.Status.FAILED), ok = entry(0, JournalEntry.Status.OK);
        assertEquals(ok, Journal.dedupe(List.of(failed, ok)).get(ok.key()));
        assertEquals(ok, Journal.dedupe(List.of(ok, failed)).get(ok.key()));
        assertEquals(1, Journal.dedupe(List.of(ok, ok, failed)).size());
    }
}
