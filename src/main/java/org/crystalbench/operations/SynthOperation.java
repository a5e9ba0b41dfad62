package org.crystalbench.operations;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.crystalbench.ExitCode;
import org.crystalbench.InputException;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Console;
import org.crystalbench.synth.GenericData;
import org.crystalbench.synth.SyntheticData;

/** {@code crystal-bench synth}: a synthetic data set, Li-ion silicate rows or a generic table, written as a CSV. */
public final class SynthOperation {
    private SynthOperation() {}

    /**
     * A null count or share is "not given": its default, or refused where it does not apply (--classes without --generic).
     *
     * @param systems Li-ion rows' crystal systems (default 3)
     * @param generic a generic table (id, x1.., cat1.., class) instead of Li-ion rows
     */
    public record Request(int rows, long seed, Integer systems, boolean generic, Integer classes, Integer numeric, Integer categorical,
                          Integer levels, Double missing, Path out) {}

    public record Outcome(Path file, ExitCode status) {}

    public static Outcome execute(Request r, Console console) {
        if (r.generic()) return generic(r, console);
        for (var o : new Object[][] {{"--classes", r.classes()}, {"--numeric", r.numeric()}, {"--categorical", r.categorical()},
                {"--levels", r.levels()}, {"--missing", r.missing()}}) {
            if (o[1] != null) throw new InputException(o[0] + ": only with --generic (Li-ion rows have a fixed schema)");
        }
        int k = r.systems() == null ? 3 : r.systems();
        if (k < 2 || k > 7) throw new InputException("--systems: " + k + " (2 to 7)");
        if (r.rows() < k) throw new InputException("--rows: " + r.rows() + " (at least " + k + ", one per class)");
        write(r.out(), writer -> SyntheticData.write(writer, r.rows(), r.seed(), k)); // row by row: a million rows in little memory
        console.err().printf("crystal-bench synth: %d rows -> %s%n", r.rows(), r.out());
        return new Outcome(r.out(), ExitCode.OK);
    }

    private static Outcome generic(Request r, Console console) {
        if (r.systems() != null) throw new InputException("--systems: not with --generic (use --classes)");
        GenericData g;
        try {
            g = new GenericData(r.rows(), or(r.classes(), 3), or(r.numeric(), 6), or(r.categorical(), 2), or(r.levels(), 4),
                    r.missing() == null ? 0 : r.missing(), r.seed());
        } catch (IllegalArgumentException e) {
            throw new InputException("--" + e.getMessage());
        }
        write(r.out(), g::write);
        console.err().printf("crystal-bench synth: %d rows, %d classes, %d numeric and %d categorical columns%s -> %s%n",
                r.rows(), g.classes(), g.numeric(), g.categorical(), g.missing() > 0 ? ", " + g.missing() + " of feature cells missing" : "",
                r.out());
        return new Outcome(r.out(), ExitCode.OK);
    }

    private static void write(Path file, Consumer<Writer> rows) {
        AtomicFiles.write(file, stream -> {
            var writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            rows.accept(writer);
            writer.flush();
        });
    }

    private static int or(Integer given, int otherwise) {
        return given == null ? otherwise : given;
    }
}
