package org.crystalbench.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.crystalbench.audit.AuditReport;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.data.CsvLoader;
import org.crystalbench.data.Dataset;
import org.crystalbench.evaluation.EncodedSplit;
import org.crystalbench.evaluation.Experiment;
import org.crystalbench.evaluation.FitPath;
import org.crystalbench.evaluation.SplitResult;
import org.crystalbench.io.Hashing;
import org.crystalbench.models.LogisticSpec;
import org.crystalbench.models.ModelSpec;
import org.crystalbench.provenance.Provenance;
import org.crystalbench.report.Report;
import org.crystalbench.results.Comparison;
import org.crystalbench.results.RunStats;
import org.crystalbench.results.PredictionsTable;
import org.crystalbench.results.RunTables;
import org.crystalbench.results.Summary;
import org.crystalbench.splits.Split;
import org.crystalbench.stats.CiSpec;

/**
 * The scaling benchmark's measurement in one JVM (scripts/scaling.sh starts one per row count, with the heap it
 * is allowed): every stage of a run on one data file, in order, each timed on the wall clock with its peak heap.
 * Prints CSV lines {@code rows,stage,seconds,peak_heap_mib,retained_mib,detail} on stdout.
 *
 * <p>Stages: {@code hash} (SHA-256 of the file, which loading also computes as it reads), {@code load},
 * {@code splits} (every split of the config), {@code audit} (every feature set on every split, {@code threads}
 * threads), {@code encode} (the first feature set on the first split), one {@code fit:MODEL} per model of the
 * config on each of the first {@code fitSplits} holdout splits (one at a time, so a fit has the machine; the last
 * fit's time is given apart, as the first one also pays for compiling the model's code; their rows go to
 * {@code OUT_DIR/fit-splits.txt} first, and a logistic model's {@code lbfgs:MODEL} line refits the last one to report
 * its iterations),
 * {@code statistics} (summaries and comparisons), {@code tables} (every table of a run but predictions.csv.gz;
 * before 2026-12-02T11 it included it), {@code predictions} (predictions.csv.gz), {@code report} (as a run writes it,
 * the predictions from memory) and {@code report:files} (as the `report` command does, predictions.csv.gz read back). Peak heap: the sum over the heap's memory pools of each pool's peak during the
 * stage (an upper bound: the pools need not peak together; garbage not yet collected counts). Retained: heap
 * in use after a full GC at the stage's end (what the stage leaves live, the loaded rows among it).
 */
public final class Scaling {
    private Scaling() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: Scaling CONFIG DATA OUT_DIR THREADS FIT_SPLITS");
            System.exit(2);
        }
        // the data file's rows label every line (known before loading: lines minus the header)
        Path configFile = Path.of(args[0]), data = Path.of(args[1]), out = Path.of(args[2]);
        int threads = Integer.parseInt(args[3]), fitSplits = Integer.parseInt(args[4]);
        ExperimentConfig cfg = ConfigLoader.load(configFile).withDataPath(data.toString());
        var m = new Scaling.Meter();
        try (var lines = Files.lines(data)) {
            m.rows = (int) lines.count() - 1;
        }
        Instant start = Instant.now();

        String sha = m.stage("hash", () -> Hashing.sha256(data), s -> s.substring(0, 12));
        Dataset d = m.stage("load", () -> CsvLoader.load(data, cfg.dataset()), x -> x.size() + " rows, " + x.classes().size() + " classes");
        var splits = m.stage("splits", () -> Experiment.makeSplits(cfg, d), x -> x.values().stream().mapToInt(List::size).sum() + " splits");
        Experiment exp = new Experiment(cfg, configFile, d, splits);
        AuditReport audit = m.stage("audit", () -> AuditReport.of(exp, threads),
                a -> cfg.featureSets().size() + " feature sets x " + exp.allSplits().size() + " splits, " + threads + " threads");
        var firstSet = cfg.featureSets().entrySet().iterator().next();
        List<Split> holdout = exp.splits(org.crystalbench.splits.Protocol.HOLDOUT);
        m.stage("encode", () -> { // both parts, as before: a run encodes its test rows a block at a time while scoring
                    EncodedSplit e = EncodedSplit.of(d, firstSet.getValue(), holdout.getFirst());
                    e.xTest();
                    return e;
                }, e -> e.trainSize() + " + " + e.testSize() + " rows x " + e.train().width() + " columns");
        // (the fits below encode their own splits, as a run's workers do; this stage measures one encoding)
        List<Split> fitted = holdout.subList(0, Math.min(fitSplits, holdout.size()));
        writeFitSplits(out.resolve(FIT_SPLITS_FILE), fitted);
        List<SplitResult> results = new ArrayList<>();
        for (ModelSpec model : cfg.models()) {
            List<SplitResult> own = m.stage("fit:" + model.name(), () -> {
                List<SplitResult> r = new ArrayList<>();
                for (Split s : fitted) {
                    r.addAll(FitPath.evaluateAll(List.of(model), cfg.seed(), EncodedSplit.of(d, firstSet.getValue(), s),
                            firstSet.getKey(), FitPath.Memo.local()));
                }
                return r;
            }, r -> String.format(Locale.ROOT, "%d splits, %d training rows each, fit %.3f s, predict %.3f s (mean); last fit %.3f s",
                    r.size(), r.getFirst().trainSize(), r.stream().mapToDouble(SplitResult::fitMs).average().orElseThrow() / 1e3,
                    r.stream().mapToDouble(SplitResult::predictMs).average().orElseThrow() / 1e3, r.getLast().fitMs() / 1e3));
            results.addAll(own);
            if (model instanceof LogisticSpec lr) { // the optimiser's account, as scikit-learn's side prints n_iter_
                EncodedSplit last = EncodedSplit.of(d, firstSet.getValue(), fitted.getLast());
                m.stage("lbfgs:" + model.name(), () -> lr.account(last.train(), last.yTrain(), last.classes()),
                        a -> "the last fit split refitted: " + a);
            }
        }
        List<SplitResult> sorted = org.crystalbench.run.Runner.sorted(results, List.of(firstSet.getKey()),
                cfg.models().stream().map(ModelSpec::name).toList());
        record Stats(List<Summary> summaries, RunStats stats) {}
        Stats st = m.stage("statistics", () -> {
            List<Summary> summaries = Summary.of(sorted);
            var provenance = Provenance.capture(exp, List.of("scaling", configFile.toString(), data.toString()), threads, start,
                    Instant.now(), CiSpec.DEFAULT);
            return new Stats(summaries, new RunStats(CiSpec.DEFAULT, cfg.seed(), Comparison.of(summaries, CiSpec.DEFAULT.level()),
                    audit, provenance));
        }, s -> s.summaries().size() + " summaries");
        Files.createDirectories(out);
        m.stage("tables", () -> {
            var summary = RunTables.writeAll(out, exp, sorted, st.summaries(), st.stats(), false);
            org.crystalbench.report.SummaryPage.write(out, exp, summary, sorted, st.summaries(), st.stats(), java.util.List.of());
            return out;
        }, o -> "every table but predictions.csv.gz, summary.md");
        m.stage("predictions", () -> {
            PredictionsTable.write(out, sorted, d.ids(), d.y(), d.classes());
            return Files.size(out.resolve(PredictionsTable.FILE));
        }, bytes -> sorted.stream().mapToInt(r -> r.testRows().length).sum() + " prediction rows, " + bytes + " bytes");
        // As a run writes its report (predictions from memory), then as `report` does on the folder (from the file).
        m.stage("report", () -> Report.write(out, Report.defaultPerf(out), null, PredictionsTable.source(sorted, d.y(), d.classes())),
                r -> "report.md, predictions from memory");
        m.stage("report:files", () -> Report.write(out), r -> "report.md, predictions.csv.gz read back");
        if (!sha.equals(d.sha256())) throw new IllegalStateException("hash differs from the loader's");
    }

    /** The fit splits' rows, for scripts/sklearn-scaling.py to fit the same problems (issue 30). */
    static final String FIT_SPLITS_FILE = "fit-splits.txt";

    /**
     * One line per fit split and part: {@code REPEAT train|test ROW...}, the data file's 0-based row numbers in the order
     * the fit reads them (the training rows' order decides the rounding of every gradient sum).
     */
    static void writeFitSplits(Path file, List<Split> splits) throws java.io.IOException {
        Files.createDirectories(file.getParent());
        try (var w = Files.newBufferedWriter(file)) {
            for (Split s : splits) {
                for (var part : List.of(java.util.Map.entry("train", s.train()), java.util.Map.entry("test", s.test()))) {
                    StringBuilder line = new StringBuilder().append(s.repeat()).append(' ').append(part.getKey());
                    for (int r : part.getValue()) line.append(' ').append(r);
                    w.write(line.append('\n').toString());
                }
            }
        }
    }

    /** Times stages and reads the heap pools' peaks around each. */
    static final class Meter {
        final List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        int rows;

        <T> T stage(String name, Callable<T> body, java.util.function.Function<T, String> detail) throws Exception {
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long t0 = System.nanoTime();
            T value = body.call();
            double seconds = (System.nanoTime() - t0) / 1e9;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.gc();
            long retained = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
            System.out.printf(Locale.ROOT, "%d,%s,%.3f,%.1f,%.1f,\"%s\"%n", rows, name, seconds, peak / 1048576.0,
                    retained / 1048576.0, detail.apply(value));
            System.out.flush();
            return value;
        }
    }
}
