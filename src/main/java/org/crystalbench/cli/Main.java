package org.crystalbench.cli;

import java.io.UncheckedIOException;
import org.crystalbench.ExitCode;
import org.crystalbench.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code crystal-bench <command>}. */
@Command(name = "crystal-bench", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Honest, repeatable classification benchmarks on tabular data: repeated stratified splits, intervals, leakage audit.",
        subcommands = {RunCommand.class, GridCommand.class, MergeCommand.class, GridCompareCommand.class, AuditCommand.class, ReportCommand.class,
                TrainCommand.class, PredictCommand.class, BenchCommand.class, PerfCheckCommand.class, SynthCommand.class, SuiteCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes (every command; org.crystalbench.ExitCode):", "  0  success",
                "  1  finished with failures (failed fits, a perf regression)",
                "  2  bad input (file, config or flag): one line names file, line and field",
                "  3  internal error", "  4  incomplete (grid hit --max-time, merge missing units): run again to resume",
                "  5  out of memory: give Java more with CRYSTAL_BENCH_JAVA_OPTS=-Xmx<size>",
                "  6  merge of a race or halving on shards: the search has a next stage (run the shards with --merged)"})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        CommandLine cl = commandLine();
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError e) { // picocli passes Errors through; the stack is unwound, so there is room to print
            code = outOfMemory(cl.getErr());
        }
        cl.getOut().flush(); // picocli's writers flush on println only
        cl.getErr().flush();
        System.exit(code);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        Numbers.register(cl);
        // A bad option value is bad input like any other: one line, exit 2, not the command's usage page.
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine c = e.getCommandLine();
            // picocli names an exclusive group by its whole synopsis (perf-check's modes: many lines' worth)
            String what = e instanceof CommandLine.MutuallyExclusiveArgsException
                    ? "options of more than one mode given together ("
                            + String.join(" ", java.util.Arrays.stream(args).filter(a -> a.startsWith("--")).map(a -> a.replaceFirst("=.*", "")).toList())
                            + "); give one mode's options"
                    : e.getMessage();
            c.getErr().println("crystal-bench: error: " + what.replaceAll("(?s)\\s*\\n.*", "")
                    + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
            return ExitCode.BAD_INPUT.code();
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof OutOfMemoryError) return outOfMemory(commandLine.getErr()); // e.g. wrapped by a worker pool
            }
            if (e instanceof InputException) {
                commandLine.getErr().println("crystal-bench: error: " + e.getMessage());
                return ExitCode.BAD_INPUT.code();
            }
            if (e instanceof UncheckedIOException io) {
                commandLine.getErr().println("crystal-bench: I/O error: " + io.getMessage());
                return ExitCode.INTERNAL.code();
            }
            commandLine.getErr().println("crystal-bench: internal error (please report): " + e);
            e.printStackTrace(commandLine.getErr());
            return ExitCode.INTERNAL.code();
        });
        return cl;
    }

    /** One line, no trace: what ran out and how to give Java more. */
    static int outOfMemory(java.io.PrintWriter err) {
        err.printf("crystal-bench: error: out of memory (Java heap limit %d MiB); give Java more memory with "
                + "CRYSTAL_BENCH_JAVA_OPTS=-Xmx<size> (e.g. -Xmx8g), or use a smaller grid or data set%n", Runtime.getRuntime().maxMemory() >> 20);
        err.flush();
        return ExitCode.OUT_OF_MEMORY.code();
    }

    /** The jar's version, with the git commit when the build recorded one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"crystal-bench " + org.crystalbench.BuildInfo.version()};
        }
    }
}
