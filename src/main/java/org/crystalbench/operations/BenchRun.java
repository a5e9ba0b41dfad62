package org.crystalbench.operations;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.crystalbench.InputException;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.evaluation.Experiment;
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
import org.crystalbench.perf.JmhJson;
import org.crystalbench.perf.BenchInput;
import org.crystalbench.report.PerfTables;

/**
 * {@code crystal-bench bench}: runs the JMH benchmarks of this jar and writes their JSON and a Markdown
 * table beside it. Every input is checked before JMH forks a worker that would fail alike.
 */
public final class BenchRun {
    private BenchRun() {}

    /** Models named in the benchmarks' @Param lists: the config must define them. */
    public static final List<String> MODELS = List.of("DNN", "DNN-smile", "SVM", "LR", "NB", "Voting", "Voting-soft", "RF", "GBT");

    /**
     * @param quick   1 fork, 2 warmup + 5 measurement iterations of 1 s (else 2 forks, 3 + 5 of 2 s)
     * @param json    JMH JSON output; the table goes beside it with .md
     * @param data    a CSV instead of synthetic rows, or null
     * @param models  the per-model benchmarks' models, or null for all
     */
    public record Request(boolean quick, Path json, Path data, Path config, String include, List<String> models) {}

    /** @param benchmarks results written */
    public record Outcome(Path json, Path markdown, int benchmarks, double seconds) {}

    public static Outcome run(Request q) throws RunnerException {
        if (q.models() != null) {
            for (String m : q.models()) {
                if (!MODELS.contains(m)) throw new InputException("--models: '" + m + "' is not one of " + String.join(",", MODELS));
            }
        }
        ExperimentConfig cfg = ConfigLoader.load(q.config());
        for (String m : q.models() != null ? q.models() : MODELS) {
            String name = BenchInput.configModel(m); // DNN-smile is derived from DNN
            if (cfg.models().stream().noneMatch(s -> s.name().equals(name)) && !BenchInput.TREE_DEFAULTS.containsKey(name)) {
                throw new InputException(q.config() + ": models: the benchmarks need a model named '" + name + "' (as in configs/paper.yaml)");
            }
        }
        try {
            Pattern.compile(q.include());
        } catch (PatternSyntaxException e) {
            throw new InputException("--include: not a regular expression: " + e.getDescription());
        }
        Experiment.makeSplits(cfg, BenchInput.data(cfg, q.data())); // bad rows or too few rows per class fail here, not in a fork
        OutputFormat log = OutputFormatFactory.createFormatInstance(System.err, VerboseMode.NORMAL);
        if (BenchmarkList.defaultList().find(log, List.of(q.include()), List.of()).isEmpty()) {
            throw new InputException("--include: '" + q.include() + "' matches no benchmark");
        }
        long t0 = System.nanoTime();
        Collection<RunResult> results = new Runner(options(q).build(), log).run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (results.isEmpty()) throw new IllegalStateException("JMH returned no results (see the log above)");

        var buffer = new ByteArrayOutputStream();
        ResultFormatFactory.getInstance(ResultFormatType.JSON, new PrintStream(buffer, true, StandardCharsets.UTF_8)).writeOut(results);
        String text = buffer.toString(StandardCharsets.UTF_8);
        String title = String.format(Locale.ROOT, "crystal-bench bench%s: %d benchmarks in %.0f s, %d cores, Java %s, data %s",
                q.quick() ? " --quick" : "", results.size(), seconds, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), q.data() != null ? q.data().getFileName() : "synthetic (" + BenchInput.SYNTHETIC_ROWS + " rows)");
        String table = PerfTables.results(JmhJson.parse(q.json().toString(), text), title);
        Path md = markdownBeside(q.json());
        AtomicFiles.write(q.json(), text);
        AtomicFiles.write(md, table);
        return new Outcome(q.json(), md, results.size(), seconds);
    }

    private static ChainedOptionsBuilder options(Request q) {
        List<String> jvm = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true",
                "--sun-misc-unsafe-memory-access=allow", // JMH 1.37 uses Unsafe; keeps JDK 25 warnings out of the log
                "-D" + BenchInput.CONFIG_PROPERTY + "=" + q.config().toAbsolutePath()));
        if (q.data() != null) jvm.add("-D" + BenchInput.DATA_PROPERTY + "=" + q.data().toAbsolutePath());
        ChainedOptionsBuilder options = new OptionsBuilder().include(q.include()).shouldFailOnError(true)
                .jvmArgsAppend(jvm.toArray(String[]::new));
        if (q.models() != null) options.param("model", q.models().toArray(String[]::new));
        if (q.quick()) {
            options.forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1));
        } else {
            options.forks(2).warmupIterations(3).warmupTime(TimeValue.seconds(2))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(2));
        }
        return options;
    }

    /** The Markdown table's path beside the JSON: {@code x.json} gives {@code x.md}. */
    public static Path markdownBeside(Path json) {
        String name = json.getFileName().toString();
        return json.resolveSibling((name.endsWith(".json") ? name.substring(0, name.length() - 5) : name) + ".md");
    }
}
