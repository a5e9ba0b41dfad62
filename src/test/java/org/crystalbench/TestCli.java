package org.crystalbench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.crystalbench.cli.Main;
import picocli.CommandLine;

/** Runs the CLI in-process and captures what it prints: the one CLI runner of the tests. */
public final class TestCli {
    private TestCli() {}

    public record Result(int code, String out, String err) {}

    /** Captures the command line's own writers: usage, errors, and what commands print through picocli. */
    public static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * Also captures System.out and System.err, where some commands print their result (run, audit and
     * report print a path or a table) and progress; each is appended to the picocli writer's text.
     * Swaps the process streams, so it relies on tests not running in parallel (surefire's default).
     */
    public static Result runWithStdio(String... args) {
        PrintStream out = System.out, err = System.err;
        var stdout = new ByteArrayOutputStream();
        var stderr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        Result r;
        try {
            r = run(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new Result(r.code(), r.out() + stdout.toString(StandardCharsets.UTF_8), r.err() + stderr.toString(StandardCharsets.UTF_8));
    }
}
