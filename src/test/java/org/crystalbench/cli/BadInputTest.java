package org.crystalbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.crystalbench.Fixtures;
import org.crystalbench.TestCli;
import org.crystalbench.synth.SyntheticData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input exits 2 with one line naming file, line and column (or key), and writes nothing. */
class BadInputTest {
    @TempDir
    Path dir;

    static final String HEADER = String.join(",", SyntheticData.HEADER) + "\r\n";

    TestCli.Result run(Path config, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", config.toString(), "--out", dir.resolve("out").toString()));
        args.addAll(List.of(extra));
        return TestCli.run(args.toArray(String[]::new));
    }

    /** A valid file of 30 rows (10 per class) with one line replaced. */
    Path csvWith(int replaceDataRow, String line) throws IOException {
        var sb = new StringBuilder(HEADER);
        String[] systems = {"monoclinic", "orthorhombic", "triclinic"};
        String[] groups = {"P21/c", "Pnma", "P1"};
        for (int i = 0; i < 30; i++) {
            String row = i == replaceDataRow ? line
                    : "mp-%d,LiFeSiO4,%s,-2.6,0.05,%.2f,%d,2.9,%d,TRUE,%s".formatted(i, groups[i % 3], 1 + i * 0.1, 20 + i, 300 + i, systems[i % 3]);
            sb.append(row).append("\r\n");
        }
        return Fixtures.write(dir, "data.csv", sb.toString());
    }

    static Fixtures.Config configOf(Path data) {
        return Fixtures.config(data).models("- {name: LR, type: logistic}\n- {name: NB, type: naive-bayes}")
                .protocols("holdout: {repeats: 2}\ncv: {repeats: 1, folds: 3}");
    }

    Path config(Path data) throws IOException {
        return configOf(data).write(dir, "c.yaml");
    }

    void assertBad(TestCli.Result r, String... fragments) {
        assertEquals(2, r.code(), r.err());
        String msg = r.err().strip();
        assertEquals(1, msg.lines().count(), "one line: " + msg);
        for (String f : fragments) assertTrue(msg.contains(f), "expected '" + f + "' in: " + msg);
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    }

    @Test
    void validInputRuns() throws IOException {
        Path data = csvWith(-1, null);
        assertEquals(0, run(config(data), "--quiet").code());
    }

    @Test
    void missingDataFile() throws IOException {
        assertBad(run(config(dir.resolve("nope.csv"))), "nope.csv", "not found");
    }

    @Test
    void missingColumn() throws IOException {
        Path data = Fixtures.write(dir, "data.csv", Files.readString(csvWith(-1, null)).replace("Band Gap (eV)", "Gap"));
        assertBad(run(config(data)), "data.csv:1", "column 'Band Gap (eV)'", "not in the header");
    }

    @Test
    void duplicateColumn() throws IOException {
        Path data = Fixtures.write(dir, "data.csv", Files.readString(csvWith(-1, null)).replace("Formula,", "Volume,"));
        assertBad(run(config(data)), "data.csv:1", "column 'Volume'", "duplicate");
    }

    @Test
    void nonNumericValue() throws IOException {
        Path data = csvWith(4, "mp-4,LiFeSiO4,P21/c,-2.6,0.05,abc,20,2.9,300,TRUE,monoclinic");
        assertBad(run(config(data)), "data.csv:6", "column 'Band Gap (eV)'", "'abc' is not a number");
    }

    @Test
    void emptyNaAndQuestionMarkCells() throws IOException {
        for (String cell : new String[] {"", "NA", "?"}) {
            Path data = csvWith(7, "mp-7,LiFeSiO4,P21/c,-2.6,0.05,1.0,20,%s,300,TRUE,monoclinic".formatted(cell));
            assertBad(run(config(data)), "data.csv:9", "column 'Density (gm/cc)'", "drop-rows");
        }
    }

    @Test
    void dropRowsPolicyDropsAndReports() throws IOException {
        Path data = csvWith(7, "mp-7,LiFeSiO4,P21/c,-2.6,0.05,1.0,20,NA,300,TRUE,monoclinic");
        Path c = configOf(data).missing("drop-rows").write(dir, "c2.yaml");
        assertEquals(0, run(c, "--quiet").code());
        String summary = Files.readString(dir.resolve("out/summary.md"));
        assertTrue(summary.contains("(30 rows)"), summary);
        // Only the feature sets using Density leave the row out, and summary.md says so per set.
        assertTrue(summary.contains("Missing values: feature set 'all': 1 of 30 rows have a missing cell in its columns, "
                + "left out of its training and test rows (drop-rows)."), summary);
    }

    @Test
    void fewerThanTwoClasses() throws IOException {
        Path data = Fixtures.write(dir, "data.csv", Files.readString(csvWith(-1, null))
                .replace("orthorhombic", "monoclinic").replace("triclinic", "monoclinic"));
        assertBad(run(config(data)), "data.csv", "column 'Crystal System'", "1 class");
    }

    @Test
    void classWithFewerRowsThanFolds() throws IOException {
        var text = new StringBuilder(Files.readString(csvWith(-1, null)));
        Path data = Fixtures.write(dir, "data.csv", text.toString().replaceAll("P1,(.*),triclinic", "P1,$1,monoclinic")
                .replaceFirst("P21/c,(.*),monoclinic", "P1,$1,triclinic").replaceFirst("P21/c,(.*),monoclinic", "P1,$1,triclinic"));
        assertBad(run(config(data)), "data.csv", "class 'triclinic' has 2 rows");
    }

    @Test
    void unknownConfigKeyNamesFileLineAndKey() throws IOException {
        Path data = csvWith(-1, null);
        Path c = Fixtures.write(dir, "c.yaml", Files.readString(config(data)).replace("- {name: LR, type: logistic}", "- {name: LR, type: logistic, lamda: 2}"));
        long line = Files.readString(c).substring(0, Files.readString(c).indexOf("lamda")).lines().count();
        assertBad(run(c), "c.yaml:" + line + ": models[0].lamda: unknown key 'lamda'", "lambda");
    }

    @Test
    void badValueTypeNamesTheKey() throws IOException {
        Path data = csvWith(-1, null);
        Path c = Fixtures.write(dir, "c.yaml", Files.readString(config(data)).replace("holdout: {repeats: 2}", "holdout: {repeats: many}"));
        long line = Files.readString(c).substring(0, Files.readString(c).indexOf("many")).lines().count();
        assertBad(run(c), "c.yaml:" + line + ":", "protocols.holdout.repeats: expected a whole number, found 'many'");
    }

    /** Type errors in YAML words: no Java class names, no Jackson vocabulary. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "holdout: {repeats: 2}|holdout: {repeats: [2]}|protocols.holdout.repeats: expected a whole number, found a list",
            "holdout: {repeats: 2}|holdout: 3|protocols.holdout: expected a section of 'key: value' lines, found a number",
            "- {name: LR, type: logistic}|- {name: LR}|models[0]: missing 'type' (one of: mlp, svm, logistic, naive-bayes, random-forest, gradient-boosting, chance, voting)",
            "- {name: LR, type: logistic}|- LR|models[0]: missing 'type'",
            "- {name: LR, type: logistic}|- {name: LR, type: xgboost}|models[0]: unknown type 'xgboost' (one of: mlp,",
            "- {name: LR, type: logistic}|- {name: LR, type: logistic, max_iter: true}|models[0].max_iter: expected a whole number, found a true/false value",
            "- {name: LR, type: logistic}|- {name: LR, type: logistic, lambda: [1]}|models[0].lambda: expected a number, found a list",
            "- {name: LR, type: logistic}|- {name: LR, type: svm, strategy: ova}|models[0].strategy: expected one of ovo, ovr, found 'ova'",
            "- {name: LR, type: logistic}|- {name: LR, type: svm, sigma: wide}|models[0].sigma: expected a number or 'auto', found 'wide'",
            "- {name: LR, type: logistic}|- {name: LR, type: svm, class_weight: even}|models[0].class_weight: expected 'balanced', a list of one positive weight per class in the data's class order, or a map of class name to weight (e.g. {fog: 5}), found 'even'",
            "- {name: LR, type: logistic}|- {name: LR, type: svm, kernel: rbg}|models[0].kernel: expected one of rbf, linear, poly, found 'rbg'",
            "target: Crystal System|target: [Crystal System]|dataset.target: expected a text value, found a list",
            "seed: 7|seed: seven|seed: expected a whole number, found 'seven'",
    })
    void configTypeErrorsSpeakYaml(String from, String to, String expected) throws IOException {
        Path data = csvWith(-1, null);
        String text = Files.readString(config(data));
        assertTrue(text.contains(from), from);
        Path c = Fixtures.write(dir, "c.yaml", text.replace(from, to));
        var r = run(c);
        assertBad(r, "c.yaml:", expected);
        for (String java : List.of("java.", "org.", "POJO", "JsonToken", "deserialize", "Creator", "`")) {
            assertFalse(r.err().contains(java), java + " in: " + r.err());
        }
    }

    @Test
    void missingProtocolsSaysWhatToAdd() throws IOException {
        Path data = csvWith(-1, null);
        String text = Files.readString(config(data));
        Path c = Fixtures.write(dir, "c.yaml", text.replaceAll("(?s)protocols:\n(  .*\n)+(?=models:)", ""));
        assertFalse(Files.readString(c).contains("protocols"), Files.readString(c));
        assertBad(run(c), "c.yaml: protocols: section missing; add e.g. 'protocols: {holdout: {repeats: 30, test_ratio: 0.2}, "
                + "cv: {repeats: 10, folds: 5}}'");
    }

    @Test
    void outOfRangeHyperparameterNamesModelAndKey() throws IOException {
        Path data = csvWith(-1, null);
        Path c = Fixtures.write(dir, "c.yaml", Files.readString(config(data)).replace("type: logistic}", "type: logistic, lambda: -1}"));
        assertBad(run(c), "c.yaml:", "model 'LR'", "lambda");
    }

    @Test
    void unknownModelType() throws IOException {
        Path data = csvWith(-1, null);
        Path c = Fixtures.write(dir, "c.yaml", Files.readString(config(data)).replace("type: logistic", "type: xgboost"));
        assertBad(run(c), "c.yaml:", "xgboost");
    }

    @Test
    void raggedRow() throws IOException {
        assertBad(run(config(csvWith(3, "mp-3,LiFeSiO4,P21/c,-2.6"))), "data.csv:5", "4 fields");
    }

    @Test
    void invalidUtf8IsRefusedWithLineAndColumn() throws IOException {
        Path data = csvWith(4, "mp-4,LiFeSiO4,P21/c,-2.6,0.05,1.0,20,2.9,300,TRUE,monoclinic");
        byte[] bytes = Files.readAllBytes(data);
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        int at = text.indexOf("mp-4,LiFeSiO4") + "mp-4,LiFe".length();
        bytes[at] = (byte) 0xE9; // Latin-1 'é' where UTF-8 is expected: the JDK's reader would make it U+FFFD
        Files.write(data, bytes);
        assertBad(run(config(data)), "data.csv:6: column 10: invalid UTF-8 (byte 0xE9)");
    }

    @Test
    void aByteOrderMarkWithQuotedHeaderNamesIsRead() throws IOException {
        String text = Files.readString(csvWith(-1, null));
        String header = text.substring(0, text.indexOf("\r\n"));
        String quoted = "\uFEFF" + String.join(",", java.util.Arrays.stream(header.split(",")).map(h -> '"' + h + '"').toList());
        Path data = Fixtures.write(dir, "data.csv", quoted + text.substring(header.length()));
        assertEquals(0, run(config(data), "--quiet").code());
    }

    @Test
    void lineNumbersArePhysicalLinesAfterAMultiLineCell() throws IOException {
        String text = Files.readString(csvWith(7, "mp-7,LiFeSiO4,P21/c,-2.6,0.05,abc,20,2.9,300,TRUE,monoclinic"));
        // Row 2's id spans three physical lines; the bad cell stays on physical line 9 + 2.
        Path data = Fixtures.write(dir, "data.csv", text.replace("mp-2,", "\"mp\r\n-\r\n2\","));
        assertBad(run(config(data)), "data.csv:11:", "'abc' is not a number");
    }

    @Test
    void blankLinesAreNotCountedAsRowsRead() throws IOException {
        String text = Files.readString(csvWith(-1, null));
        Path data = Fixtures.write(dir, "data.csv", text.replace("mp-5,", "\r\n\r\nmp-5,") + "\r\n");
        assertEquals(0, run(config(data), "--quiet").code());
        var prov = org.crystalbench.io.Json.MAPPER.readTree(Files.readString(dir.resolve("out/provenance.json")));
        assertEquals(30, prov.get("rows_read").asInt(), prov.toString());
    }
}
