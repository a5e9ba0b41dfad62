package org.crystalbench.operations;

import java.nio.file.Path;
import org.crystalbench.ExitCode;
import org.crystalbench.io.Console;
import org.crystalbench.report.Report;

/** {@code crystal-bench report}: report.md and its figures for a run or grid folder; its path on standard output. */
public final class ReportOperation {
    private ReportOperation() {}

    /** @param perf JMH JSON file or folder; null: the folder's own perf/ */
    public record Request(Path dir, Path perf) {}

    public record Outcome(Path report, ExitCode status) {}

    public static Outcome execute(Request r, Console console) {
        Path out = r.perf() == null ? Report.write(r.dir()) : Report.write(r.dir(), r.perf());
        console.out().println(out);
        return new Outcome(out, ExitCode.OK);
    }
}
