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
import org.crystalbench.splits.Protocol;
import org.crystalbench.splits.Split;
import org.crystalbench.splits.StratifiedSplits;

/**
 * A config with its data loaded and its splits made: everything that can fail on bad input fails
 * here, before any output folder is touched.
 *
 * @param splits per protocol (holdout, cv), in config order
 */
public record Experiment(ExperimentConfig config, Path configFile, Dataset data, Map<Protocol, List<Split>> splits) {

    public static Experiment prepare(ExperimentConfig config, Path configFile) {
        Dataset data = CsvLoader.load(dataPath(config, configFile), config.dataset());
        return new Experiment(config, configFile, data, makeSplits(config, data));
    }

    /**
     * The config's data file: a relative {@code dataset.path} is read from the working directory first,
     * then beside the config; none at all is bad input.
     */
    public static Path dataPath(ExperimentConfig config, Path configFile) {
        if (config.dataset().path() == null) {
            throw new InputException(configFile + ": dataset.path: missing (or pass --data FILE)");
        }
        Path p = Path.of(config.dataset().path());
        if (p.isAbsolute() || p.toFile().exists() || configFile == null || configFile.getParent() == null) return p;
        Path beside = configFile.getParent().resolve(p);
        return beside.toFile().exists() ? beside : p;
    }

    /** The config's splits of {@code data}; a class too small for a protocol is bad input naming the file and column. */
    public static Map<Protocol, List<Split>> makeSplits(ExperimentConfig config, Dataset data) {
        ProtocolSpec p = config.protocols();
        int k = data.classes().size();
        Map<Protocol, List<Split>> out = new LinkedHashMap<>();
        try {
            if (p.holdout() != null) {
                out.put(Protocol.HOLDOUT, StratifiedSplits.holdout(data.y(), k, p.holdout().repeats(), p.holdout().testRatio(), config.seed()));
            }
            if (p.cv() != null) {
                out.put(Protocol.CV, StratifiedSplits.crossValidation(data.y(), k, p.cv().repeats(), p.cv().folds(), config.seed()));
            }
        } catch (InputException e) {
            // Name the class by its label, and the file and column it came from.
            String msg = e.getMessage();
            for (int c = k - 1; c >= 0; c--) msg = msg.replace("class " + c + " ", "class '" + data.classes().get(c) + "' ");
            throw new InputException(data.source() + ": column '" + config.dataset().target() + "': " + msg);
        }
        return out;
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
