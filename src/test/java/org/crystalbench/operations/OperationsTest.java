package org.crystalbench.operations;

import static org.crystalbench.ExitCode.BAD_INPUT;
import static org.crystalbench.ExitCode.FAILURES;
import static org.crystalbench.ExitCode.INCOMPLETE;
import static org.crystalbench.ExitCode.NEXT_STAGE;
import static org.crystalbench.ExitCode.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.crystalbench.Fixtures;
import org.crystalbench.InputException;
import org.crystalbench.io.Console;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operations called directly, as a library would: a Request in, an Outcome out, the console captured. */
class OperationsTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter(), err = new StringWriter();
    private final Console console = new Console(new PrintWriter(out, true), new PrintWriter(err, true));

    @Test
    void statusesCombineToTheOneThatSaysMore() { // what suite and a suite merge exit with over their data sets
        assertEquals(OK, OK.worse(OK));
        assertEquals(FAILURES, OK.worse(FAILURES));
        assertEquals(INCOMPLETE, FAILURES.worse(INCOMPLETE));
        assertEquals(INCOMPLETE, INCOMPLETE.worse(FAILURES)); // "run again" says more than "some fits failed"
        assertEquals(NEXT_STAGE, INCOMPLETE.worse(NEXT_STAGE));
        assertEquals(BAD_INPUT, BAD_INPUT.worse(NEXT_STAGE)); // two of the "any other" rank alike: the first stays
    }

    @Test
    void trainThenPredictToTheConsole() throws IOException {
        Path data = Fixtures.writeSynthetic(dir.resolve("d.csv"), 150, 3);
        Path config = Fixtures.config(data).name("ops").featureSets(Fixtures.NUMERIC_SET).protocols("cv: {repeats: 1, folds: 3}")
                .models("- {name: NB, type: naive-bayes}\n").write(dir, "ops.yaml");
        Path bundle = dir.resolve("nb.cbm");
        var trained = TrainOperation.execute(new TrainOperation.Request(config, null, "NB", null, null, bundle, 0), console);
        assertEquals(List.of(bundle), trained.bundles());
        assertEquals(OK, trained.status());
        assertTrue(Files.size(bundle) > 0 && err.toString().contains("crystal-bench train: NB (naive-bayes) on feature set 'numeric'"), err.toString());

        // No --out: the CSV is the console's standard output, the notes its standard error.
        var predicted = PredictOperation.execute(new PredictOperation.Request(bundle, data, null, null, false, 2), console);
        assertEquals(OK, predicted.status());
        assertEquals(150, predicted.predictions().predicted().length);
        assertEquals(predicted.predictions().toCsv(), out.toString());
        assertTrue(err.toString().contains("this is the training file: these are resubstitution scores"), err.toString());
    }

    @Test
    void badRequestsFailBeforeAnythingIsWritten() {
        Path csv = dir.resolve("x.csv");
        var li = new SynthOperation.Request(50, 1, null, false, 3, null, null, null, null, csv);
        assertEquals("--classes: only with --generic (Li-ion rows have a fixed schema)",
                assertThrows(InputException.class, () -> SynthOperation.execute(li, console)).getMessage());
        var folds = new TrainOperation.Request(dir.resolve("none.yaml"), null, "NB", null, null, dir.resolve("m.cbm"), 1);
        assertThrows(InputException.class, () -> TrainOperation.execute(folds, console));
        assertEquals(List.of(), List.of(dir.toFile().list()));
        var synth = SynthOperation.execute(new SynthOperation.Request(50, 1, null, true, 3, 2, 1, null, null, csv), console);
        assertEquals(csv, synth.file());
        assertTrue(err.toString().contains("crystal-bench synth: 50 rows, 3 classes, 2 numeric and 1 categorical columns -> " + csv));
    }

    @Test
    void operationsKnowNoPicocliAndNeverExit() throws IOException { // the commands own the command line and the exit
        var offenders = new TreeSet<String>();
        for (String pkg : List.of("run", "grid", "suite", "operations")) {
            try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/crystalbench", pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String src = Files.readString(f);
                    if (src.contains("picocli.") || src.contains("System.exit(")) offenders.add(f.toString());
                }
            }
        }
        assertEquals(new TreeSet<String>(), offenders);
    }
}
