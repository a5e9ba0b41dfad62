package org.crystalbench.cli;

import org.crystalbench.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.crystalbench.InputException;
import org.crystalbench.io.OutputPaths;
import org.crystalbench.perf.BenchInput;
import org.crystalbench.evaluation.Experiment;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.perf.JmhJson;
import org.crystalbench.report.PerfTables;
import org.crystalbench.io.AtomicFiles;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
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

    /** Models named in the benchmarks' @Param lists: the config must define them. */
    static final List<String> MODELS = List.of("DNN", "DNN-smile", "SVM", "LR", "NB", "Voting", "Voting-soft", "RF", "GBT");

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
        // Every input check before any output, and before forking JMH workers that would fail alike.
        if (models != null) {
            for (String m : models) {
                if (!MODELS.contains(m)) throw new InputException("--models: '" + m + "' is not one of " + String.join(",", MODELS));
            }
        }
        ExperimentConfig cfg = ConfigLoader.load(config);
        for (String m : models != null ? models : MODELS) {
            String name = BenchInput.configModel(m); // DNN-smile is derived from DNN
            if (cfg.models().stream().noneMatch(s -> s.name().equals(name)) && !BenchInput.TREE_DEFAULTS.containsKey(name)) {
                throw new InputException(config + ": models: the benchmarks need a model named '" + name + "' (as in configs/paper.yaml)");
            }
        }
        try {
            Pattern.compile(include);
        } catch (PatternSyntaxException e) {
            throw new InputException("--include: not a regular expression: " + e.getDescription());
        }
        Experiment.makeSplits(cfg, BenchInput.data(cfg, data)); // bad rows or too few rows per class fail here, not in a fork
        OutputFormat log = OutputFormatFactory.createFormatInstance(System.err, VerboseMode.NORMAL);
        if (BenchmarkList.defaultList().find(log, List.of(include), List.of()).isEmpty()) {
            throw new InputException("--include: '" + include + "' matches no benchmark");
        }
        Path json = out != null ? out : Path.of("results", "perf", "runs",
                OutputPaths.stamp() + ".json");
        Path md = markdownBeside(json);

        List<String> jvm = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true",
                "--sun-misc-unsafe-memory-access=allow", // JMH 1.37 uses Unsafe; keeps JDK 25 warnings out of the log
                "-D" + BenchInput.CONFIG_PROPERTY + "=" + config.toAbsolutePath()));
        if (data != null) jvm.add("-D" + BenchInput.DATA_PROPERTY + "=" + data.toAbsolutePath());
        ChainedOptionsBuilder options = new OptionsBuilder().include(include).shouldFailOnError(true)
                .jvmArgsAppend(jvm.toArray(String[]::new));
        if (models != null) options.param("model", models.toArray(String[]::new));
        if (quick) {
            options.forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1));
        } else {
            options.forks(2).warmupIterations(3).warmupTime(TimeValue.seconds(2))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(2));
        }
        long t0 = System.nanoTime();
        Collection<RunResult> results = new Runner(options.build(), log).run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (results.isEmpty()) throw new IllegalStateException("JMH returned no results (see the log above)");

        var buffer = new ByteArrayOutputStream();
        ResultFormatFactory.getInstance(ResultFormatType.JSON, new PrintStream(buffer, true, StandardCharsets.UTF_8)).writeOut(results);
        String text = buffer.toString(StandardCharsets.UTF_8);
        String title = String.format(java.util.Locale.ROOT,
                "crystal-bench bench%s: %d benchmarks in %.0f s, %d cores, Java %s, data %s",
                quick ? " --quick" : "", results.size(), seconds, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), data != null ? data.getFileName() : "synthetic (" + BenchInput.SYNTHETIC_ROWS + " rows)");
        String table = PerfTables.results(JmhJson.parse(json.toString(), text), title);
        AtomicFiles.write(json, text);
        AtomicFiles.write(md, table);
        spec.commandLine().getErr().printf("crystal-bench bench: %d benchmarks in %.0f s -> %s, %s%n", results.size(), seconds, json, md);
        spec.commandLine().getOut().println(json);
        return ExitCode.OK.code();
    }

    static Path markdownBeside(Path json) {
        String name = json.getFileName().toString();
        return json.resolveSibling((name.endsWith(".json") ? name.substring(0, name.length() - 5) : name) + ".md");
    }
}
