package org.crystalbench;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.crystalbench.cli.Main;
import picocli.CommandLine;

/** Runs the CLI in-process and captures what it prints: the one CLI runner of the tests. */
public final class TestCli {
    private TestCli() {}

    public record Result(int code, String out, String err) {}

    /** Captures the command line's own writers: every command prints through them (progress bars aside). */
    public static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }


    /** The process's stdout and stderr, for library operations called directly by tests. */
    public static org.crystalbench.io.Console console() {
        return new org.crystalbench.io.Console(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }
}
