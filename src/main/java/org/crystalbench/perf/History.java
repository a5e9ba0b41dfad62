package org.crystalbench.perf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.crystalbench.InputException;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Json;
import org.crystalbench.stats.ChangePoints;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A benchmark history: one JSON line per CI run (commit, date, the calibration kernel's score and
 * every benchmark's score and unit), appended by {@code perf-check --history FILE --append RUN.json}.
 * The analysis flags change points per benchmark with {@link ChangePoints#windowed} on the log of the
 * time per operation (so a slowdown is a positive shift for throughputs too), optionally in units of
 * each run's calibration kernel (runs from different machines).
 */
public final class History {
    private History() {}

    /** One benchmark's score in a run. */
    public record Score(double score, String unit) {}

    /**
     * @param calibration the run's {@link PerfCheck#CALIBRATION} score, NaN when the run lacks it
     * @param scores      by benchmark key ({@link BenchResult#key()})
     */
    public record Entry(String commit, Instant date, double calibration, String calibrationUnit, Map<String, Score> scores) {
        public Entry {
            scores = Map.copyOf(scores);
        }
    }

    /** One point of a trend: a run's score (normalised when asked). */
    public record Point(String commit, Instant date, double value) {}

    /**
     * A benchmark's trend, oldest first, and its change points ({@code shift} as a fraction of time per operation).
     *
     * @param leftOut runs whose score is no measurement (0, negative or not finite, as in the other perf-check modes),
     *                left out of the trend, the test and the chart
     */
    public record Series(String name, String unit, boolean biggerIsBetter, List<Point> points, List<ChangePoints.ChangePoint> changes,
                         List<Point> leftOut) {}

    public record Analysis(List<Series> series, int window, double minEffect, boolean normalized) {
        /** Change points that made a benchmark slower. */
        public long slowdowns() {
            return series.stream().flatMap(s -> s.changes().stream()).filter(c -> c.shift() > 0).count();
        }
    }

    /** Significance of a change point (two-sided, Welch). */
    public static final double ALPHA = 0.01;

    public static Entry entry(String commit, Instant date, List<BenchResult> run) {
        Map<String, Score> scores = new LinkedHashMap<>();
        double cal = Double.NaN;
        String calUnit = null;
        for (BenchResult r : run) {
            scores.put(r.key(), new Score(r.score(), r.unit()));
            if (r.benchmark().equals(PerfCheck.CALIBRATION)) {
                cal = r.score();
                calUnit = r.unit();
            }
        }
        return new Entry(commit, date, cal, calUnit, scores);
    }

    /**
     * Appends one line (creating the file). The file is replaced whole (written beside it, then renamed), so an
     * append is never half done. A last line without its newline, left by an append cut short before this was
     * so, is kept when it is a whole run, else dropped, never glued to the new line.
     *
     * @return what was done to a torn last line, or null when there was none
     */
    public static String append(Path file, Entry e) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("commit", e.commit()).put("date", e.date().toString());
        if (Double.isFinite(e.calibration())) line.put("calibration", e.calibration()).put("calibration_unit", e.calibrationUnit());
        ObjectNode scores = line.putObject("scores");
        e.scores().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(s -> {
            ObjectNode o = scores.putObject(s.getKey());
            // JSON has no infinity: a non-finite score (no measurement) is written as null, which reads back as NaN.
            if (Double.isFinite(s.getValue().score())) o.put("score", s.getValue().score());
            else o.putNull("score");
            o.put("unit", s.getValue().unit());
        });
        String text = "", note = null;
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            if (Files.exists(file)) text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new InputException(file + ": cannot read: " + ex.getMessage());
        }
        if (!text.isEmpty() && !text.endsWith("\n")) {
            int cut = text.lastIndexOf('\n') + 1;
            String last = text.substring(cut);
            long lineNo = text.substring(0, cut).lines().count() + 1;
            try {
                parse(Json.MAPPER.readTree(last), file + ":" + lineNo);
                text += "\n"; // a whole run that only lacked its newline
            } catch (JacksonException | InputException torn) {
                text = text.substring(0, cut);
                note = file + ":" + lineNo + ": dropped a torn last line (" + last.length() + " characters of an append cut short)";
            }
        }
        AtomicFiles.write(file, text + Json.MAPPER.writeValueAsString(line) + "\n");
        return note;
    }

    /** Reads every line; a malformed line other than a torn last one is bad input naming file and line. */
    public static List<Entry> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": file not found");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            String at = file + ":" + (i + 1);
            try {
                out.add(parse(Json.MAPPER.readTree(lines.get(i)), at));
            } catch (JacksonException e) {
                if (i == lines.size() - 1) break; // torn last line of an interrupted append
                throw new InputException(at + ": malformed JSON: " + e.getOriginalMessage().replaceAll("\\s*\\n.*", "").replaceAll(", from `[^`]*`", "")
                        + " (a torn line glued to the next by an older append? delete the broken part)");
            }
        }
        if (out.isEmpty()) throw new InputException(file + ": no runs");
        return out;
    }

    private static Entry parse(JsonNode n, String at) {
        if (!n.isObject()) throw new InputException(at + ": not an object");
        String commit = text(n, "commit", at);
        Instant date;
        try {
            date = Instant.parse(text(n, "date", at));
        } catch (DateTimeParseException e) {
            throw new InputException(at + ": date: not an ISO instant");
        }
        double cal = n.has("calibration") ? number(n.get("calibration"), at + ": calibration") : Double.NaN;
        String calUnit = n.has("calibration") ? text(n, "calibration_unit", at) : null;
        JsonNode s = n.get("scores");
        if (s == null || !s.isObject()) throw new InputException(at + ": scores: missing or not an object");
        Map<String, Score> scores = new LinkedHashMap<>();
        for (var e : s.properties()) {
            String where = at + ": scores." + e.getKey();
            String unit = text(e.getValue(), "unit", where);
            if (PerfUnit.parse(unit) == null) throw new InputException(where + ".unit: '" + unit + "' is neither ops/<time> nor <time>/op");
            scores.put(e.getKey(), new Score(number(e.getValue().get("score"), where + ".score"), unit));
        }
        return new Entry(commit, date, cal, calUnit, scores);
    }

    private static String text(JsonNode n, String field, String at) {
        JsonNode v = n.get(field);
        if (v == null || !v.isString() || v.stringValue().isBlank()) throw new InputException(at + ": " + field + ": missing or not a string");
        return v.stringValue();
    }

    /** A number; null and the strings "NaN", "Infinity" and "-Infinity" (older appends wrote them) are no measurement. */
    private static double number(JsonNode v, String at) {
        if (v != null && v.isNumber()) return v.doubleValue();
        if (v != null && v.isNull()) return Double.NaN;
        if (v != null && v.isString() && List.of("NaN", "Infinity", "-Infinity").contains(v.stringValue())) return Double.parseDouble(v.stringValue());
        throw new InputException(at + ": missing or not a number");
    }

    /** A score that measured something: positive and finite (0, negative or infinite is a broken run, as in every mode). */
    static boolean measured(double v) {
        return v > 0 && Double.isFinite(v);
    }

    /**
     * Per benchmark (in order of first appearance), its trend over the runs that have it and its
     * change points. With {@code normalize}, runs without a calibration score are left out.
     */
    public static Analysis analyse(List<Entry> entries, int window, double minEffect, boolean normalize) {
        Map<String, List<Entry>> byKey = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (normalize && !(e.calibration() > 0)) continue;
            for (String k : e.scores().keySet()) byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(e);
        }
        List<Series> series = new ArrayList<>();
        byKey.forEach((key, runs) -> {
            Score first = runs.get(0).scores().get(key);
            PerfUnit unit = PerfUnit.parse(first.unit());
            List<Point> points = new ArrayList<>(), leftOut = new ArrayList<>();
            double[] logTime = new double[runs.size()];
            for (Entry e : runs) {
                Score s = e.scores().get(key);
                double v = PerfUnit.parse(s.unit()).throughput() == unit.throughput()
                        ? unit.fromBase(PerfUnit.parse(s.unit()).toBase(s.score())) : Double.NaN;
                if (normalize && measured(v)) {
                    var r = new BenchResult(key, "", Map.of(), v, 0, first.unit());
                    v = PerfCheck.normalized(r, new BenchResult(PerfCheck.CALIBRATION, "", Map.of(), e.calibration(), 0, e.calibrationUnit()))[0];
                }
                if (!measured(v)) { // a broken run must not hide the others' step (log 0) nor reach the charts (infinity)
                    leftOut.add(new Point(e.commit(), e.date(), v));
                    continue;
                }
                logTime[points.size()] = unit.throughput() ? -Math.log(v) : Math.log(v);
                points.add(new Point(e.commit(), e.date(), v));
            }
            logTime = java.util.Arrays.copyOf(logTime, points.size());
            List<ChangePoints.ChangePoint> changes = java.util.Arrays.stream(logTime).allMatch(Double::isFinite)
                    ? ChangePoints.windowed(logTime, window, ALPHA, Math.log1p(minEffect)).stream()
                            .map(c -> new ChangePoints.ChangePoint(c.index(), Math.expm1(c.shift()), c.p())).toList()
                    : List.of();
            String name = key.endsWith(" avgt") || key.endsWith(" thrpt") ? key.substring(0, key.lastIndexOf(' ')) : key;
            series.add(new Series(name, normalize ? (unit.throughput() ? "ops/cal" : "cal/op") : first.unit(),
                    unit.biggerIsBetter(), List.copyOf(points), changes, List.copyOf(leftOut)));
        });
        return new Analysis(List.copyOf(series), window, minEffect, normalize);
    }
}
