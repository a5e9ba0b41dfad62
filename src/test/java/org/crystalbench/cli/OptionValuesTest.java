package org.crystalbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.crystalbench.ExitCode;
import org.crystalbench.TestCli;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad option value is one line naming the option and the value, exit 2, no usage page, nothing written. */
class OptionValuesTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "run        | --importance-repeats | many | 'many' is not a whole number",
            "run        | --importance-repeats | 2.5  | '2.5' is not a whole number",
            "run        | --importance-repeats | 0    | '0' must be at least 1",
            "run        | --threads            | -1   | '-1' must be at least 1",
            "run        | --threads            | 99999999999 | '99999999999' is too large",
            "run        | --ci-level           | NaN  | 'NaN' is not a finite number",
            "run        | --ci-level           | high | 'high' is not a number",
            "grid       | --threads            | two  | 'two' is not a whole number",
            "grid       | --shard-count        | 1.5  | '1.5' is not a whole number",
            "audit      | --threads            | 0    | '0' must be at least 1",
            "synth      | --rows               | 1e3  | '1e3' is not a whole number",
            "synth      | --seed               | x    | 'x' is not a whole number",
            "perf-check | --rounds             | many | 'many' is not a whole number",
            "perf-check | --window             | 2.5  | '2.5' is not a whole number",
    })
    void aBadNumberIsOneLine(String command, String option, String value, String expected) throws Exception {
        List<String> args = new ArrayList<>(List.of(command));
        if (List.of("run", "grid", "audit").contains(command)) args.add("configs/paper.yaml");
        if (command.equals("run") || command.equals("grid")) args.addAll(List.of("--out", dir.resolve("out").toString()));
        if (command.equals("synth")) args.addAll(List.of("--out", dir.resolve("out").toString()));
        if (command.equals("perf-check")) args.addAll(List.of("--history", dir.resolve("h.jsonl").toString()));
        args.addAll(List.of(option, value));
        var r = TestCli.run(args.toArray(String[]::new));
        assertEquals(ExitCode.BAD_INPUT.code(), r.code(), r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.startsWith("crystal-bench: error: Invalid value for option '" + option + "': " + expected), err);
        assertTrue(err.endsWith("(see 'crystal-bench " + command + " --help')"), err);
        assertFalse(err.contains("java.") || err.contains("Usage"), err);
        assertTrue(r.out().isEmpty(), r.out());
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    }
}
