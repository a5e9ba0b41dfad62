package org.crystalbench.bundle;

import org.crystalbench.ExitCode;
import static org.crystalbench.bundle.BundleZip.entry;
import static org.crystalbench.bundle.BundleZip.zip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.crystalbench.Fixtures;
import org.crystalbench.TestCli;
import org.crystalbench.cli.Main;
import org.crystalbench.synth.SyntheticData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad prediction input and bad bundles: exit 2, a message naming file and field, nothing written. */
class BadInputTest {
    @TempDir
    static Path dir;
    static Path config, bundle, fresh;

    @BeforeAll
    static void trainOnce() throws IOException {
        Path train = Fixtures.writeSynthetic(dir.resolve("train.csv"), 60, 3);
        fresh = Fixtures.writeSynthetic(dir.resolve("new.csv"), 10, 4);
        config = Fixtures.studyLike(train).write(dir, "tiny.yaml");
        bundle = dir.resolve("lr.cbm");
        var t = TestCli.run("train", config.toString(), "--model", "LR", "--out", bundle.toString());
        assertEquals(0, t.code(), t.err());
    }

    /** Runs predict into a fresh --out path and checks: exit 2, message has every fragment, no file, no stdout. */
    private static String predictFails(Path model, Path data, String... fragments) {
        Path out = dir.resolve("never-" + System.nanoTime() + ".csv");
        var r = TestCli.run("predict", "--model", model.toString(), "--data", data.toString(), "--out", out.toString());
        assertEquals(ExitCode.BAD_INPUT.code(), r.code(), r.err());
        for (String f : fragments) assertTrue(r.err().contains(f), "'" + f + "' not in: " + r.err());
        assertFalse(Files.exists(out), "nothing written on bad input");
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), "one-line message: " + r.err());
        // And to stdout: still nothing.
        var s = TestCli.run("predict", "--model", model.toString(), "--data", data.toString());
        assertEquals(ExitCode.BAD_INPUT.code(), s.code());
        assertEquals("", s.out());
        return r.err();
    }

    private Path csvWith(String name, java.util.function.UnaryOperator<List<String>> edit) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, edit.apply(new ArrayList<>(Files.readAllLines(fresh))));
        return p;
    }

    @Test
    void missingFeatureColumn() throws IOException {
        Path noVolume = csvWith("no-volume.csv", lines -> {
            lines.replaceAll(l -> {
                String[] c = l.split(",");
                List<String> kept = new ArrayList<>(List.of(c));
                kept.remove(8); // Volume
                return String.join(",", kept);
            });
            return lines;
        });
        predictFails(bundle, noVolume, noVolume.toString(), ":1:", "column 'Volume'", "not in the header");
    }

    @Test
    void missingIdColumn() throws IOException {
        Path noId = csvWith("no-id.csv", lines -> {
            lines.replaceAll(l -> l.substring(l.indexOf(',') + 1));
            return lines;
        });
        predictFails(bundle, noId, noId.toString(), "column 'Materials Id'");
    }

    @Test
    void textInANumericColumn() throws IOException {
        Path text = csvWith("text.csv", lines -> {
            String[] c = lines.get(5).split(",");
            c[6] = "many";  // Nsites
            lines.set(5, String.join(",", c));
            return lines;
        });
        predictFails(bundle, text, text + ":6:", "column 'Nsites'", "'many' is not a number");
    }

    @Test
    void labelTheModelDoesNotKnow() throws IOException {
        Path cubic = csvWith("cubic.csv", lines -> {
            lines.set(4, lines.get(4).substring(0, lines.get(4).lastIndexOf(',') + 1) + "cubic");
            return lines;
        });
        predictFails(bundle, cubic, cubic + ":5:", "column 'Crystal System'", "label 'cubic' is not one of the model's classes");
    }

    @Test
    void emptyFiles() throws IOException {
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        predictFails(bundle, empty, empty.toString(), "no data rows");
        Path headerOnly = dir.resolve("header-only.csv");
        Files.writeString(headerOnly, String.join(",", SyntheticData.HEADER) + "\n");
        predictFails(bundle, headerOnly, headerOnly.toString(), "no data rows");
        predictFails(bundle, dir.resolve("absent.csv"), "absent.csv", "not found");
    }

    @Test
    void notABundle() throws IOException {
        Path random = dir.resolve("random.cbm");
        byte[] noise = new byte[4096];
        new Random(1).nextBytes(noise);
        Files.write(random, noise);
        predictFails(random, fresh, random.toString(), "not a crystal-bench model bundle (not a zip file");

        Path csvAsModel = fresh; // a user mixing up the two flags
        predictFails(csvAsModel, fresh, fresh.toString(), "not a zip file");

        Path otherZip = dir.resolve("other.zip");
        Files.write(otherZip, zip(List.of("readme.txt"), List.of("hello".getBytes(StandardCharsets.UTF_8))));
        predictFails(otherZip, fresh, otherZip.toString(), "bundle.json: missing");

        predictFails(dir.resolve("absent.cbm"), fresh, "absent.cbm: model bundle not found");
    }

    @Test
    void truncatedBundle() throws IOException {
        byte[] whole = Files.readAllBytes(bundle);
        Path cut = dir.resolve("cut.cbm");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        predictFails(cut, fresh, cut + ": corrupt or truncated model bundle");
    }

    @Test
    void otherFormatVersionOrFormat() throws IOException {
        String json = new String(entry(bundle, "bundle.json"), StandardCharsets.UTF_8);
        byte[] model = entry(bundle, "model.bin");
        Path v2 = dir.resolve("v2.cbm");
        Files.write(v2, zip(List.of("bundle.json", "model.bin"),
                List.of(json.replace("\"format_version\" : 1", "\"format_version\" : 2").getBytes(StandardCharsets.UTF_8), model)));
        predictFails(v2, fresh, v2 + ": bundle.json: format_version: 2 is not supported", "reads version 1");

        Path other = dir.resolve("other-format.cbm");
        Files.write(other, zip(List.of("bundle.json", "model.bin"),
                List.of(json.replace("crystal-bench-model-bundle", "something-else").getBytes(StandardCharsets.UTF_8), model)));
        predictFails(other, fresh, other + ": bundle.json: format: 'something-else'");

        Path badJson = dir.resolve("bad-json.cbm");
        Files.write(badJson, zip(List.of("bundle.json", "model.bin"), List.of("{\"format\": ".getBytes(StandardCharsets.UTF_8), model)));
        predictFails(badJson, fresh, badJson + ": bundle.json: malformed JSON");

        Path noClasses = dir.resolve("no-classes.cbm");
        Files.write(noClasses, zip(List.of("bundle.json", "model.bin"),
                List.of(json.replaceFirst("\"classes\" : \\[[^]]*],", "").getBytes(StandardCharsets.UTF_8), model)));
        assertFalse(new String(entry(noClasses, "bundle.json"), StandardCharsets.UTF_8).contains("\"classes\""));
        predictFails(noClasses, fresh, noClasses + ": bundle.json: classes: missing");

        Path badType = dir.resolve("bad-type.cbm");
        Files.write(badType, zip(List.of("bundle.json", "model.bin"),
                List.of(json.replaceFirst("\"rows_used\" : \\d+", "\"rows_used\" : \"many\"").getBytes(StandardCharsets.UTF_8), model)));
        predictFails(badType, fresh, badType + ": bundle.json: training.rows_used: ", "\"many\"");

        Path noModel = dir.resolve("no-model.cbm");
        Files.write(noModel, zip(List.of("bundle.json"), List.of(json.getBytes(StandardCharsets.UTF_8))));
        predictFails(noModel, fresh, noModel + ": model.bin: missing");
    }

    @Test
    void modelBinIsCheckedAndFiltered() throws IOException {
        byte[] json = entry(bundle, "bundle.json");
        Path garbage = dir.resolve("garbage.cbm");
        Files.write(garbage, zip(List.of("bundle.json", "model.bin"), List.of(json, "not java".getBytes(StandardCharsets.UTF_8))));
        predictFails(garbage, fresh, garbage + ": model.bin: cannot load the model");

        // A class outside org.crystalbench, smile and java is refused before it is instantiated.
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(List.of(CSVFormat.DEFAULT)));
        }
        Path foreign = dir.resolve("foreign.cbm");
        Files.write(foreign, zip(List.of("bundle.json", "model.bin"), List.of(json, bytes.toByteArray())));
        predictFails(foreign, fresh, foreign + ": model.bin: cannot load the model: class org.apache.commons.csv.CSVFormat is "
                + "not part of a model bundle (not what 'crystal-bench train' writes");

        // Allowed classes, but not an encoder and a model.
        bytes.reset();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(new java.util.HashMap<>(java.util.Map.of("x", 1)));
        }
        Path wrong = dir.resolve("wrong.cbm");
        Files.write(wrong, zip(List.of("bundle.json", "model.bin"), List.of(json, bytes.toByteArray())));
        predictFails(wrong, fresh, wrong + ": model.bin: does not hold a fitted encoder and model");
    }

    @Test
    void badTrainArguments() {
        Path out = dir.resolve("never.cbm");
        var noModel = TestCli.run("train", config.toString(), "--model", "GBM", "--out", out.toString());
        assertEquals(ExitCode.BAD_INPUT.code(), noModel.code());
        assertTrue(noModel.err().contains("--model: 'GBM' is not a model of the config (models: DNN, SVM, SVM-linear, LR, NB, Voting, Voting-soft)"),
                noModel.err());
        var noSet = TestCli.run("train", config.toString(), "--model", "LR", "--feature-set", "all", "--out", out.toString());
        assertEquals(ExitCode.BAD_INPUT.code(), noSet.code());
        assertTrue(noSet.err().contains("--feature-set: 'all' is not a feature set"), noSet.err());
        var noData = TestCli.run("train", config.toString(), "--model", "LR", "--data", dir.resolve("nope.csv").toString(),
                "--out", out.toString());
        assertEquals(ExitCode.BAD_INPUT.code(), noData.code());
        assertTrue(noData.err().contains("nope.csv: data file not found"), noData.err());
        assertFalse(Files.exists(out));
    }

    /** The nested-set bomb: {@code levels} of sets each holding the next two; hashing it costs 2^levels. */
    static java.util.Set<Object> setBomb(int levels) {
        java.util.Set<Object> root = new java.util.HashSet<>(), s1 = root, s2 = new java.util.HashSet<>();
        for (int i = 0; i < levels; i++) {
            java.util.Set<Object> t1 = new java.util.HashSet<>(), t2 = new java.util.HashSet<>();
            t1.add("x");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        return root;
    }

    /** The same shape with maps keyed by maps (HashMap itself is allowed: the encoder's category maps). */
    static java.util.Map<Object, Object> mapBomb(int levels) {
        java.util.Map<Object, Object> root = new java.util.HashMap<>(), s1 = root, s2 = new java.util.HashMap<>();
        for (int i = 0; i < levels; i++) {
            java.util.Map<Object, Object> t1 = new java.util.HashMap<>(), t2 = new java.util.HashMap<>();
            t1.put("x", 1);
            s1.put(t1, 1);
            s1.put(t2, 2);
            s2.put(t1, 1);
            s2.put(t2, 2);
            s1 = t1;
            s2 = t2;
        }
        return root;
    }

    @Test
    void aDeserializationBombIsRefusedQuickly() throws Exception {
        byte[] json = entry(bundle, "bundle.json");
        for (Object bomb : new Object[] {setBomb(50), mapBomb(50)}) {
            var bytes = new java.io.ByteArrayOutputStream();
            try (var out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(bomb);
            }
            Path crafted = dir.resolve("bomb-" + System.nanoTime() + ".cbm");
            Files.write(crafted, zip(List.of("bundle.json", "model.bin"), List.of(json, bytes.toByteArray())));
            assertTrue(Files.size(crafted) < 8192, "a few KB");
            String err = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                    () -> predictFails(crafted, fresh, crafted + ": model.bin: cannot load the model"));
            assertTrue(err.contains("is not part of a model bundle") || err.contains("levels deep (limit "), err);
            assertFalse(err.contains("written by crystal-bench"), "a refusal is not a version problem: " + err);
        }
    }

    @Test
    void aBundleWithoutItsZipEndRecordIsRefused() throws Exception {
        byte[] whole = Files.readAllBytes(bundle);
        Path cut = dir.resolve("no-end.cbm");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 22 - (FORMAT_COMMENT_LENGTH)));
        predictFails(cut, fresh, cut + ": corrupt or truncated model bundle", "end record");
    }

    static final int FORMAT_COMMENT_LENGTH = (BundleFile.FORMAT + " " + BundleFile.FORMAT_VERSION).length();
}
