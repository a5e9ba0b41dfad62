package org.crystalbench.cli;

import org.crystalbench.ExitCode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.crystalbench.InputException;
import org.crystalbench.io.Durations;
import org.crystalbench.perf.Interleaved;
import org.crystalbench.perf.InterleavedOutcome;
import org.crystalbench.perf.InterleavedRequest;
import org.crystalbench.perf.Measure;
import org.crystalbench.operations.TwoFileCheck;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "perf-check", mixinStandardHelpOptions = true,
        description = {"Compares JMH results and flags performance regressions (docs/performance.md).",
                "Two files: --baseline A.json --current B.json. A benchmark regressed only when it moved the wrong "
                + "way (by its unit) by more than --threshold AND the two 99.9%% error intervals do not overlap.",
                "Interleaved: --base-jar A --head-jar B runs both builds in alternating forks (seeded random order), "
                + "pairs them per round (thread CPU time and wall time per operation) and calls a regression when the paired "
                + "slowdown's interval lies above 1 and its estimate is at least --min-effect; with --sequential, rounds are "
                + "added until each interval clears 1 + --min-effect either way (above: regression) or --rounds/--budget end.",
                "History: --history FILE [--append RUN.json --commit SHA] keeps one line per CI run; without --append "
                + "it flags change points and draws a trend chart per benchmark.",
                "The modes' options are grouped below; options of two modes together are refused.",
                "Prints Markdown; exit 1 on a regression (two-file and interleaved modes), 2 on bad input; history only reports."})
public final class PerfCheckCommand implements Callable<Integer> {
    @Option(names = "--normalize", description = {"Divide every score by its own run's calibration score first, for runs",
            "measured on different machines (two-file and history modes)."})
    boolean normalize;

    @Option(names = "--min-effect", paramLabel = "PERCENT", defaultValue = "3",
            description = "Interleaved and history modes: smallest slowdown that counts, in percent (default ${DEFAULT-VALUE}).")
    String minEffect;

    @Option(names = "--out", paramLabel = "DIR", description = "Interleaved mode: folder for every fork's JSON and log and table.md "
            + "(default results/perf/interleaved/<time>); history mode: folder for the trend charts (default FILE's name + -charts).")
    Path out;

    /** The three modes; picocli refuses options of two of them together. */
    @CommandLine.ArgGroup(exclusive = true, multiplicity = "0..1")
    Mode mode;

    static final class Mode {
        @CommandLine.ArgGroup(exclusive = false, heading = "%nTwo files (a run against a reference run):%n")
        TwoFiles files;

        @CommandLine.ArgGroup(exclusive = false, heading = "%nInterleaved (two builds on this machine; what the perf gate runs):%n")
        Jars jars;

        @CommandLine.ArgGroup(exclusive = false, heading = "%nHistory (one line per CI run; change points):%n")
        Hist hist;
    }

    static final class TwoFiles {
        @Option(names = "--baseline", paramLabel = "FILE", description = "Two-file mode: JMH JSON of the reference run.")
        Path baseline;

        @Option(names = "--current", paramLabel = "FILE", description = "Two-file mode: JMH JSON of the run to judge.")
        Path current;

        @Option(names = "--threshold", paramLabel = "PERCENT", defaultValue = "10",
                description = "Two-file mode: smallest relative change that counts, in percent (default ${DEFAULT-VALUE}; '10%%' also accepted).")
        String threshold = "10";
    }

    static final class Jars {
        @Option(names = "--base-jar", paramLabel = "JAR", description = "Interleaved mode: the base build's crystal-bench.jar.")
        Path baseJar;

        @Option(names = "--head-jar", paramLabel = "JAR", description = "Interleaved mode: the head build's crystal-bench.jar.")
        Path headJar;

        @Option(names = "--include", paramLabel = "REGEX", defaultValue = "org\\.crystalbench\\.bench\\.(?!KnownEffectBench|SvmFitBench).*",
                description = "Interleaved mode: JMH include regex (default: every benchmark but KnownEffectBench and SvmFitBench).")
        String include = "org\\.crystalbench\\.bench\\.(?!KnownEffectBench|SvmFitBench).*";

        @Option(names = "--rounds", paramLabel = "N", defaultValue = "8",
                description = "Interleaved mode: rounds, each one base and one head fork (default ${DEFAULT-VALUE}; at least 6 for a 95%% interval).")
        int rounds = 8;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Interleaved mode: seed of the fork order (default ${DEFAULT-VALUE}).")
        long seed = 1L;

        @Option(names = "--warmup", paramLabel = "N", defaultValue = "2", description = "Interleaved mode: warmup iterations per fork (default ${DEFAULT-VALUE}).")
        int warmup = 2;

        @Option(names = "--iterations", paramLabel = "N", defaultValue = "3", description = "Interleaved mode: measurement iterations per fork (default ${DEFAULT-VALUE}).")
        int iterations = 3;

        @Option(names = "--iteration-time", paramLabel = "DURATION", defaultValue = "1s",
                description = "Interleaved mode: length of each warmup and measurement iteration (default ${DEFAULT-VALUE}).")
        String iterationTime = "1s";

        @Option(names = "--param", paramLabel = "NAME=V[,V]", description = "Interleaved mode: JMH parameter for both builds (repeatable).")
        Map<String, String> params = new LinkedHashMap<>();

        @Option(names = "--base-param", paramLabel = "NAME=V", description = "Interleaved mode: JMH parameter for the base only (e.g. factor=1.00).")
        Map<String, String> baseParams = new LinkedHashMap<>();

        @Option(names = "--head-param", paramLabel = "NAME=V", description = "Interleaved mode: JMH parameter for the head only (e.g. factor=1.10 of KnownEffectBench).")
        Map<String, String> headParams = new LinkedHashMap<>();

        @Option(names = "--confidence", paramLabel = "PERCENT", defaultValue = "95",
                description = "Interleaved mode: wanted confidence of the paired interval (default ${DEFAULT-VALUE}).")
        String confidence = "95";

        @Option(names = "--config", paramLabel = "FILE", defaultValue = "configs/paper.yaml",
                description = "Interleaved mode: config the per-model benchmarks read (default ${DEFAULT-VALUE}).")
        Path config = Path.of("configs/paper.yaml");

        @Option(names = "--sequential", paramLabel = "FIRST:EVERY",
                description = {"Interleaved mode: judge after FIRST rounds, then every EVERY rounds up to --rounds; a benchmark stops",
                        "once its interval clears 1 + --min-effect either way (above: regression); 1 - --confidence is spent",
                        "evenly over the looks (e.g. 10:5)."})
        String sequential;

        @Option(names = "--budget", paramLabel = "DURATION",
                description = "Interleaved mode: start no round that would, at the last round's pace, end after this (e.g. 12m).")
        String budget;

        @Option(names = "--measure", paramLabel = "cpu|wall", defaultValue = "cpu",
                description = "Interleaved mode: the per-operation time the verdicts use: thread CPU time or wall time (default ${DEFAULT-VALUE}; both are shown).")
        String measure = "cpu";

        @Option(names = "--one-jvm", description = {"Interleaved mode: run each build's benchmarks of a round one after another in one JVM",
                "(JMH -f 0) instead of a JVM per benchmark: what the perf gate uses, so that many rounds fit its budget."})
        boolean oneJvm;

        @Option(names = "--duet", description = {"Interleaved mode: run the base's and the head's JVM of a round at the same time",
                "(duet benchmarking, docs/performance.md): what the perf gate uses; the machine's other load then",
                "slows both builds alike."})
        boolean duet;

        @Option(names = "--same-jvm", description = {"Interleaved mode: both builds in one JVM, each jar in its own class loader, in",
                "alternating slices; forks 2 at a time (docs/performance.md, \"Fourth pass\"): what the perf gate uses."})
        boolean sameJvm;

        @Option(names = "--base-config", paramLabel = "FILE",
                description = "Interleaved mode: config the base build's forks read (its own commit's; default --config).")
        Path baseConfig;
    }

    static final class Hist {
        @Option(names = "--history", paramLabel = "FILE", description = "History mode: the history file (JSON lines, one per run).")
        Path history;

        @Option(names = "--append", paramLabel = "RUN.json", description = "History mode: append this JMH run (needs --commit) instead of analysing.")
        Path append;

        @Option(names = "--commit", paramLabel = "SHA", description = "History mode: the commit of the run being appended.")
        String commit;

        @Option(names = "--date", paramLabel = "ISO", description = "History mode: date of the appended run (default now, UTC).")
        String date;

        @Option(names = "--window", paramLabel = "N", defaultValue = "5",
                description = "History mode: runs on each side of a candidate change point (default ${DEFAULT-VALUE}).")
        int window = 5;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (mode == null) throw new InputException("give exactly one of --baseline/--current, --base-jar/--head-jar or --history");
        PrintWriter out = spec.commandLine().getOut();
        boolean regressed = mode.files != null ? twoFiles(mode.files, out) : mode.jars != null ? interleaved(mode.jars, out) : history(mode.hist, out);
        out.flush();
        return (regressed ? ExitCode.FAILURES : ExitCode.OK).code();
    }

    private boolean twoFiles(TwoFiles f, PrintWriter out) {
        if (f.baseline == null || f.current == null) throw new InputException("--baseline and --current go together");
        TwoFileCheck.Outcome o = TwoFileCheck.run(new TwoFileCheck.Request(f.baseline, f.current, parsePercent("--threshold", f.threshold), normalize));
        out.print(o.table());
        if (o.report().nothingCompared()) spec.commandLine().getErr().println("crystal-bench perf-check: no benchmark could be compared (scores of 0?)");
        return o.failing();
    }

    private boolean interleaved(Jars j, PrintWriter out) {
        InterleavedRequest q = request(j);
        PrintWriter err = spec.commandLine().getErr();
        err.printf("crystal-bench perf-check: %d rounds of base %s and head %s -> %s%n", q.rounds(), q.baseJar(), q.headJar(), q.out());
        InterleavedOutcome o = org.crystalbench.operations.InterleavedCheck.run(q, err);
        out.print(o.table());
        return o.failing();
    }

    /** Every interleaved-mode option checked before the first fork. */
    InterleavedRequest request(Jars j) {
        if (j.baseJar == null || j.headJar == null) throw new InputException("--base-jar and --head-jar go together");
        Interleaved.checkJar(j.baseJar, "--base-jar");
        Interleaved.checkJar(j.headJar, "--head-jar");
        try {
            Pattern.compile(j.include);
        } catch (PatternSyntaxException e) {
            throw new InputException("--include: not a regular expression: " + e.getDescription());
        }
        if (j.rounds < 2 || j.rounds > 1000) throw new InputException("--rounds: " + j.rounds + " is not in [2, 1000]");
        if (j.warmup < 0 || j.warmup > 100) throw new InputException("--warmup: " + j.warmup + " is not in [0, 100]");
        if (j.iterations < 1 || j.iterations > 100) throw new InputException("--iterations: " + j.iterations + " is not in [1, 100]");
        long ms = Durations.parse("--iteration-time", j.iterationTime).toMillis();
        if (ms < 10) throw new InputException("--iteration-time: '" + j.iterationTime + "' is shorter than 10ms");
        double level = parsePercent("--confidence", j.confidence);
        if (!(level >= 0.5 && level < 1)) throw new InputException("--confidence: '" + j.confidence + "' is not in [50, 100)");
        checkParams("--param", j.params);
        checkParams("--base-param", j.baseParams);
        checkParams("--head-param", j.headParams);
        if (!Files.isRegularFile(j.config)) throw new InputException("--config: " + j.config + ": file not found");
        if (j.baseConfig != null && !Files.isRegularFile(j.baseConfig)) throw new InputException("--base-config: " + j.baseConfig + ": file not found");
        int first = 0, every = 0;
        if (j.sequential != null) {
            var m = Pattern.compile("(\\d{1,4}):(\\d{1,4})").matcher(j.sequential.trim());
            if (!m.matches()) throw new InputException("--sequential: '" + j.sequential + "' is not FIRST:EVERY (e.g. 10:5)");
            first = Integer.parseInt(m.group(1));
            every = Integer.parseInt(m.group(2));
            if (first < 2 || every < 1 || first > j.rounds) {
                throw new InputException("--sequential: '" + j.sequential + "' needs FIRST in [2, --rounds] and EVERY >= 1");
            }
        }
        long budgetMs = j.budget == null ? 0 : Durations.parse("--budget", j.budget).toMillis();
        if (j.budget != null && budgetMs < 1000) throw new InputException("--budget: '" + j.budget + "' is shorter than 1s");
        Measure measured = switch (j.measure.trim().toLowerCase(Locale.ROOT)) {
            case "cpu" -> Measure.CPU;
            case "wall" -> Measure.WALL;
            default -> throw new InputException("--measure: '" + j.measure + "' is neither cpu nor wall");
        };
        Path dir = out != null ? out : Path.of("results", "perf", "interleaved",
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()));
        return new InterleavedRequest(j.baseJar, j.headJar, j.include, j.rounds, j.seed, j.warmup, j.iterations, ms, j.params, j.baseParams,
                j.headParams, j.config, dir, level, parsePercent("--min-effect", minEffect),
                new InterleavedRequest.Plan(j.baseConfig, measured, first, every, budgetMs, j.oneJvm, j.duet, j.sameJvm));
    }

    private static void checkParams(String option, Map<String, String> p) {
        p.forEach((k, v) -> {
            if (!k.matches("[A-Za-z_][A-Za-z0-9_]*") || v.isBlank() || v.contains(" ")) {
                throw new InputException(option + ": '" + k + "=" + v + "' is not NAME=VALUE[,VALUE]");
            }
        });
    }

    private boolean history(Hist h, PrintWriter stdout) {
        // as before the move: a missing --history is reported before a bad --min-effect
        if (h.history == null) throw new InputException("--append, --commit, --date and --window need --history FILE");
        var q = new org.crystalbench.operations.HistoryCheck.Request(h.history, h.append, h.commit, h.date, h.window,
                parsePercent("--min-effect", minEffect), normalize, out);
        org.crystalbench.operations.HistoryCheck.execute(q, new org.crystalbench.io.Console(stdout, spec.commandLine().getErr()));
        return false; // reports only: a flag is for a person to read, the history keeps it
    }

    static double parsePercent(String option, String s) {
        String v = s.trim();
        if (v.endsWith("%")) v = v.substring(0, v.length() - 1).trim();
        try {
            double pct = Double.parseDouble(v);
            if (pct >= 0 && pct < 1000) return pct / 100;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InputException(option + ": '" + s + "' is not a percentage in [0, 1000)");
    }
}
