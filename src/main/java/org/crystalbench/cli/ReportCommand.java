package org.crystalbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.crystalbench.operations.ReportOperation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes report.md and SVG/PNG figures for a run or grid folder.",
                "F1 box and interval plots, confusion matrices, leakage audit, the config's reference",
                "table, grid heatmaps and JMH charts, each when its input file is there.",
                "Prints the path of report.md. `run` writes its report itself."})
public final class ReportCommand implements Callable<Integer> {
    static {
        System.setProperty("java.awt.headless", "true"); // before any AWT class loads
    }

    @Parameters(index = "0", paramLabel = "DIR", description = "Results folder (holding summary.csv or grid.csv).")
    Path dir;

    @Option(names = "--perf", paramLabel = "PATH", description = "JMH JSON file or folder of them: its *.json and the newest "
            + "runs/*.json (default: DIR/perf, the results folder's own; e.g. --perf results/perf for this repository's).")
    Path perf;

    @Mixin
    Invocation invocation;

    @Override
    public Integer call() {
        return ReportOperation.execute(new ReportOperation.Request(dir, perf), invocation.console()).status().code();
    }
}
