package org.crystalbench.evaluation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.InputException;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.config.ProtocolSpec;
import org.crystalbench.data.CsvLoader;
import org.crystalbench.data.Dataset;
import org.crystalbench.models.SvmSpec;
import org.crystalbench.splits.Protocol;
import org.crystalbench.splits.Split;
import org.crystalbench.splits.GroupedSplits;
import org.crystalbench.splits.StratifiedSplits;

/**
 * A config with its data loaded and its splits made: everything that can fail on bad input fails
 * here, before any output folder is touched.
 *
 * @param splits per protocol (holdout, cv, grouped-holdout, grouped-cv, ordered), in that order
 * @param groups per row, its group's key ({@code protocols.groups}); null when the config defines no groups
 */
public record Experiment(ExperimentConfig config, Path configFile, Dataset data, Map<Protocol, List<Split>> splits,
                         String[] groups) {

    /** An experiment without groups. */
    public Experiment(ExperimentConfig config, Path configFile, Dataset data, Map<Protocol, List<Split>> splits) {
        this(config, configFile, data, splits, null);
    }

    public static Experiment prepare(ExperimentConfig config, Path configFile) {
        return prepare(config, configFile, line -> {});
    }

    /** Data files from this size on are read with a line on each step (small ones load at once, silently). */
    public static final long LARGE_BYTES = 16L << 20;

    /**
     * A file that cannot fit with room for the fits is refused before reading it: 1.5 times the CSV's bytes. (Loaded
     * rows took about 2.2 times the CSV's bytes when every row was an array; with the chunked numeric store a
     * million-row `synth` file of 77 MiB completes `configs/scale-lr-nb.yaml` at -Xmx160m, issue 30, fifth session.)
     */
    static void checkFits(Path file, long bytes, long heap) {
        if (bytes * 3 / 2 > heap) {
            throw new InputException(String.format(java.util.Locale.ROOT, "%s: %.0f MiB of CSV needs about %.0f MiB of memory "
                    + "once loaded; this JVM may use %d MiB. Give Java more with CRYSTAL_BENCH_JAVA_OPTS=-Xmx<size>",
                    file, bytes / 1048576.0, bytes * 1.5 / 1048576.0, heap >> 20));
        }
    }

    /** The number of splits the config asks for, from the config alone (a double: a typo may ask for 10^18). */
    public static double splitCount(ExperimentConfig config) {
        ProtocolSpec p = config.protocols();
        return (p.holdout() == null ? 0 : (double) p.holdout().repeats()) + (p.cv() == null ? 0 : (double) p.cv().repeats() * p.cv().folds());
    }

    /**
     * Refuses (exit 2), before they are made, splits that cannot fit in {@code heap}: each holds every row's
     * index (4 bytes) and a few hundred bytes of its own; {@code cv: {repeats: 1000000000}} is a typo, not a plan.
     */
    public static void checkSplits(Path configFile, ExperimentConfig config, long rows, long heap) {
        double splits = splitCount(config), need = splits * (256 + 4.0 * rows);
        if (splits > Integer.MAX_VALUE - 8 || need > 0.8 * heap) {
            throw new InputException(String.format(java.util.Locale.ROOT, "%s: protocols: %.3g splits of %d rows need about %s "
                    + "of memory; this JVM may use %s. Use fewer repeats, or give Java more memory with "
                    + "CRYSTAL_BENCH_JAVA_OPTS=-Xmx<size>", configFile, splits, rows, mib(need), mib(heap)));
        }
    }

    /** Bytes as MiB, or TiB when huge. */
    public static String mib(double bytes) {
        return bytes >= 1L << 40 ? String.format(java.util.Locale.ROOT, "%.3g TiB", bytes / (1L << 40))
                : String.format(java.util.Locale.ROOT, "%.0f MiB", bytes / (1 << 20));
    }

    /** Whether the data is large enough for the commands to say what they are doing before fitting. */
    public boolean large() {
        return data.size() >= 100_000;
    }

    /** The same, saying on {@code log} what it does as it starts each step when the file is large. */
    public static Experiment prepare(ExperimentConfig config, Path configFile, java.util.function.Consumer<String> progress) {
        Path file = dataPath(config, configFile);
        java.util.function.Consumer<String> log = file.toFile().length() >= LARGE_BYTES ? progress : line -> {};
        checkFits(file, file.toFile().length(), Runtime.getRuntime().maxMemory());
        long t0 = System.nanoTime();
        log.accept(String.format(java.util.Locale.ROOT, "reading %s (%.1f MiB)", file, file.toFile().length() / 1048576.0));
        Dataset data = CsvLoader.load(file, config.dataset());
        log.accept(String.format(java.util.Locale.ROOT, "%d rows read in %.1f s; making splits", data.size(), (System.nanoTime() - t0) / 1e9));
        for (var m : config.models()) {
            if (m instanceof org.crystalbench.models.BaseModelSpec b) {
                try {
                    b.checkClasses(data.classes());
                } catch (InputException e) {
                    throw new InputException(configFile + ": models: " + e.getMessage(), e);
                }
            }
        }
        checkSplits(configFile, config, data.size(), Runtime.getRuntime().maxMemory());
        String[] groups = groupKeys(config, data);
        return new Experiment(config, configFile, data, makeSplits(config, data, groups), groups);
    }

    /**
     * The config's data file: a relative {@code dataset.path} is read from the working directory first,
     * then beside the config; none at all is bad input.
     */
    public static Path dataPath(ExperimentConfig config, Path configFile) {
        return config.dataPath(configFile);
    }

    /** The config's splits of {@code data}; a class too small for a protocol is bad input naming the file and column. */
    public static Map<Protocol, List<Split>> makeSplits(ExperimentConfig config, Dataset data) {
        return makeSplits(config, data, groupKeys(config, data));
    }

    /**
     * Per row, its group's key under {@code protocols.groups}: the column's text, or the reduced composition of
     * the formula it holds ({@code key: composition}); null without {@code groups}. Bad cells name file, line, column.
     */
    public static String[] groupKeys(ExperimentConfig config, Dataset data) {
        ProtocolSpec.Groups g = config.protocols().groups();
        if (g == null) return null;
        String[] cells = org.crystalbench.data.ColumnCells.read(data, g.column());
        if (g.key() == ProtocolSpec.GroupKey.EXACT) return cells;
        String[] out = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            try {
                out[i] = org.crystalbench.chemistry.Formula.parse(cells[i]).reduced();
            } catch (IllegalArgumentException e) {
                throw InputException.at(data.source(), data.lines()[i], "column '" + g.column() + "'", "'" + cells[i]
                        + "' is not a formula (protocols.groups.key: composition): " + e.getMessage());
            }
        }
        return out;
    }

    private static Map<Protocol, List<Split>> makeSplits(ExperimentConfig config, Dataset data, String[] groups) {
        ProtocolSpec p = config.protocols();
        int k = data.classes().size();
        Map<Protocol, List<Split>> out = new LinkedHashMap<>();
        int[] group = groups == null ? null : GroupedSplits.index(groups);
        String[] order = p.ordered() == null ? null : org.crystalbench.data.ColumnCells.read(data, p.ordered().column());
        try {
            if (p.holdout() != null) {
                out.put(Protocol.HOLDOUT, StratifiedSplits.holdout(data.y(), k, p.holdout().repeats(), p.holdout().testRatio(), config.seed()));
            }
            if (p.cv() != null) {
                out.put(Protocol.CV, StratifiedSplits.crossValidation(data.y(), k, p.cv().repeats(), p.cv().folds(), config.seed()));
            }
            if (p.groupedHoldout() != null) {
                out.put(Protocol.GROUPED_HOLDOUT, GroupedSplits.holdout(data.y(), group, k, p.groupedHoldout().repeats(),
                        p.groupedHoldout().testRatio(), config.seed()));
            }
            if (p.groupedCv() != null) {
                out.put(Protocol.GROUPED_CV, GroupedSplits.crossValidation(data.y(), group, k, p.groupedCv().repeats(),
                        p.groupedCv().folds(), config.seed()));
            }
            if (p.ordered() != null) {
                out.put(Protocol.ORDERED, GroupedSplits.ordered(data.y(), order, k, p.ordered().testRatio()));
            }
        } catch (InputException e) {
            // Name the class by its label, and the file and column it came from.
            throw new InputException(data.source() + ": column '" + config.dataset().target() + "': "
                    + withClassLabels(e.getMessage(), data.classes()));
        }
        return out;
    }

    /** A splits message names classes by index ("class 2 has 3 rows"); the user knows them by label. */
    public static String withClassLabels(String message, List<String> classes) {
        String msg = message;
        for (int c = classes.size() - 1; c >= 0; c--) msg = msg.replace("class " + c + " ", "class '" + classes.get(c) + "' ");
        return msg;
    }

    /**
     * Refuses, as bad input before any fit, a kernel SVM of the config whose worst-case kernel cache on the largest
     * training split, for as many fits at once as {@code threads} allows, exceeds half of {@code heapBytes}
     * ({@link SvmSpec#memoryRefusal}): a clear line instead of running out of memory hours later.
     */
    public void checkKernelMemory(int threads, long heapBytes) {
        List<Split> all = allSplits();
        if (all.isEmpty()) return;
        Split largest = all.stream().max(java.util.Comparator.comparingInt(s -> s.train().length)).orElseThrow();
        int[] counts = new int[data.classes().size()];
        for (int i : largest.train()) counts[data.y()[i]]++;
        int concurrent = (int) Math.min(threads, (long) config.featureSets().size() * all.size());
        for (var m : config.models()) {
            if (m instanceof SvmSpec svm) svm.memoryRefusal(counts, heapBytes, concurrent).ifPresent(msg -> {
                throw new InputException(msg);
            });
        }
    }

    /** The splits of one protocol (empty when the config does not run it). */
    public List<Split> splits(Protocol protocol) {
        return splits.getOrDefault(protocol, List.of());
    }

    /** Every split of every protocol, in a fixed order. */
    public List<Split> allSplits() {
        List<Split> all = new ArrayList<>();
        splits.values().forEach(all::addAll);
        return all;
    }
}
