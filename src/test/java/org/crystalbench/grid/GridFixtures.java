package org.crystalbench.grid;

import org.crystalbench.grid.fit.UnitEvaluator;
import org.crystalbench.grid.plan.Shard;

import org.crystalbench.io.Console;
import org.crystalbench.stats.CiSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.crystalbench.Fixtures;

/** Grid configs (on the shared {@link Fixtures} config), requests and table readers for grid tests. */
public final class GridFixtures {
    private GridFixtures() {}

    public static final String MODELS = """
            - {name: LR, type: logistic, lambda: 0.1}
            - {name: NB, type: naive-bayes}
            - {name: SVM, type: svm, sigma: 3.0, C: 1.0}
            - {name: Voting, type: voting, members: [LR, NB, SVM], rule: soft}
            """;

    public static final String SMALL_GRID = """
            grid:
              models:
                LR: {lambda: [0.01, 1.0]}
                NB: {var_smoothing: [1.0e-9, 1.0e-3]}
            """;

    /** A config over {@code data} with cv repeats x folds, the four models and {@code grid} (a YAML section). */
    public static Path config(Path dir, String file, Path data, int repeats, int folds, String grid) throws IOException {
        return config(dir, file, data, repeats, folds, MODELS, grid);
    }

    /** The same with another model list. */
    public static Path config(Path dir, String file, Path data, int repeats, int folds, String models, String grid) throws IOException {
        return Fixtures.config(data.toAbsolutePath()).name("test-grid").featureSets(Fixtures.NUMERIC_SET)
                .protocols("cv: {repeats: %d, folds: %d}".formatted(repeats, folds)).models(models).append(grid).write(dir, file);
    }

    public static GridOperation.Request request(Path config, Path out) {
        return new GridOperation.Request(config, null, out, 2, null, null, Shard.ALL, false, false, true, CiSpec.DEFAULT, List.of(), null);
    }

    public static GridOperation.Outcome run(GridOperation.Request r) {
        return GridOperation.execute(r, GridOperation::fits, org.crystalbench.TestCli.console());
    }

    public static GridOperation.Outcome run(GridOperation.Request r, Function<GridOperation.Context, UnitEvaluator> evaluators) {
        return GridOperation.execute(r, evaluators, org.crystalbench.TestCli.console());
    }

    /** grid.csv without the timing column: the columns a resumed or merged run must reproduce exactly. */
    public static List<String> metricColumns(Path dir, String file) throws IOException {
        List<String> out = new ArrayList<>();
        try (var parser = org.apache.commons.csv.CSVFormat.RFC4180.parse(Files.newBufferedReader(dir.resolve(file)))) {
            int drop = -1;
            for (var record : parser) {
                List<String> cells = new ArrayList<>(record.toList());
                if (out.isEmpty()) drop = cells.indexOf("fit_ms_mean");
                if (drop >= 0) cells.remove(drop);
                out.add(String.join(" | ", cells));
            }
        }
        return out;
    }

    /** Starts {@code crystal-bench ARGS} in a child JVM with this test's class path. */
    /** How long a child process may take before a test calls it hung: generous, as the machine may be shared and loaded. */
    public static final java.time.Duration HANG = java.time.Duration.ofMinutes(10);

    public static Process launch(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.crystalbench.cli.Main"));
        cmd.addAll(List.of(args));
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        return pb.start();
    }

    public static long lines(Path file) throws IOException {
        if (!Files.exists(file)) return 0;
        byte[] b = Files.readAllBytes(file);
        long n = 0;
        for (byte x : b) if (x == '\n') n++;
        return n;
    }
}
