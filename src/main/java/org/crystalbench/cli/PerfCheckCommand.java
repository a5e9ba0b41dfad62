package org.crystalbench.cli;

import org.crystalbench.ExitCode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.crystalbench.InputException;
import org.crystalbench.perf.BenchResult;
import org.crystalbench.perf.JmhJson;
import org.crystalbench.perf.PerfCheck;
import org.crystalbench.perf.PerfTables;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "perf-check", mixinStandardHelpOptions = true,
        description = {"Compares two JMH results and flags performance regressions.",
                "Compares two JMH JSON results (e.g. from `crystal-bench bench`). "
                + "Direction comes from the unit (ops/time: higher is better; time/op: lower is better). A benchmark "
                + "regressed only when it moved the wrong way by more than --threshold AND the two 99.9%% error "
                + "intervals (score +- error) do not overlap. Prints a Markdown table; exit 1 on any regression, "
                + "2 on bad input."})
public final class PerfCheckCommand implements Callable<Integer> {
    @Option(names = "--baseline", required = true, paramLabel = "FILE", description = "JMH JSON of the reference run.")
    Path baseline;

    @Option(names = "--current", required = true, paramLabel = "FILE", description = "JMH JSON of the run to judge.")
    Path current;

    @Option(names = "--threshold", paramLabel = "PERCENT", defaultValue = "10",
            description = "Smallest relative change that counts, in percent (default ${DEFAULT-VALUE}; '10%%' also accepted).")
    String threshold;

    @Option(names = "--normalize", description = {"Divide every score by its own run's calibration score first, for runs",
            "measured on different machines."})
    boolean normalize;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        double t = parseThreshold(threshold);
        List<BenchResult> base = JmhJson.read(baseline);
        List<BenchResult> cur = JmhJson.read(current);
        PerfCheck.Report report = PerfCheck.compare(base, cur, t, normalize, baseline.toString(), current.toString());
        PrintWriter out = spec.commandLine().getOut();
        out.print(PerfTables.comparison(report));
        out.flush();
        if (report.nothingCompared()) spec.commandLine().getErr().println("crystal-bench perf-check: no benchmark could be compared (scores of 0?)");
        return (report.regressed() || report.nothingCompared() ? ExitCode.FAILURES : ExitCode.OK).code();
    }

    static double parseThreshold(String s) {
        String v = s.trim();
        if (v.endsWith("%")) v = v.substring(0, v.length() - 1).trim();
        try {
            double pct = Double.parseDouble(v);
            if (pct >= 0 && pct < 1000) return pct / 100;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InputException("--threshold: '" + s + "' is not a percentage in [0, 1000)");
    }
}
