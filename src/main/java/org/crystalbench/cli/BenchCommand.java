package org.crystalbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.crystalbench.ExitCode;
import org.crystalbench.io.OutputPaths;
import org.crystalbench.operations.BenchRun;
import org.openjdk.jmh.runner.RunnerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Runs the JMH benchmarks (training and inference throughput).",
                "Training, batch and single-row inference per model, preprocessing, "
                + "one protocol cell and a calibration kernel, on synthetic rows of the real schema and size (or --data). "
                + "Writes JMH JSON (default results/perf/runs/<time>.json) and a Markdown table beside it (.md), "
                + "and prints the JSON path; JMH's progress goes to stderr."})
public final class BenchCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "1 fork, 2 warmup + 5 measurement iterations of 1 s (what CI runs; about 3 minutes on 2 cores).")
    boolean quick;

    @Option(names = "--out", paramLabel = "FILE", description = "JMH JSON output (default results/perf/runs/<time>.json); the table goes to FILE with .md.")
    Path out;

    @Option(names = "--data", paramLabel = "FILE", description = "Benchmark on this CSV instead of synthetic rows (339, real schema).")
    Path data;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "configs/paper.yaml",
            description = "Config giving the dataset schema and models (default ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--include", paramLabel = "REGEX", defaultValue = "org\\.crystalbench\\.bench\\.(?!KnownEffectBench|SvmFitBench).*",
            description = "Benchmarks to run (JMH regex on class.method; default all but KnownEffectBench, which measures perf-check itself). "
                    + "perf-check --normalize needs CalibrationBench.")
    String include;

    @Option(names = "--models", paramLabel = "NAME", split = ",",
            description = "Only these models in the per-model benchmarks (default all: DNN,DNN-smile,SVM,LR,NB,Voting,Voting-soft,RF,GBT; DNN-smile is DNN with engine: smile; "
                    + "RF and GBT are the config's models of those names, or random-forest / gradient-boosting with their defaults).")
    List<String> models;

    @Override
    public Integer call() throws RunnerException {
        Path json = out != null ? out : Path.of("results", "perf", "runs", OutputPaths.stamp() + ".json");
        BenchRun.Outcome o = BenchRun.run(new BenchRun.Request(quick, json, data, config, include, models));
        spec.commandLine().getErr().printf("crystal-bench bench: %d benchmarks in %.0f s -> %s, %s%n", o.benchmarks(), o.seconds(), o.json(),
                o.markdown());
        spec.commandLine().getOut().println(o.json());
        return ExitCode.OK.code();
    }
}
