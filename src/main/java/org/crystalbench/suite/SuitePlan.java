package org.crystalbench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.crystalbench.InputException;
import org.crystalbench.config.ConfigErrors;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.config.ExperimentConfig;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A suite config (docs/suite.md): an experiment config whose {@code dataset} block is replaced by a list
 * {@code datasets}, each entry a {@code dataset} block with an {@code id} (or {@code id} and {@code from: CONFIG},
 * taking that config's dataset block), plus an optional {@code suite: {rope: 0.01}}. Each data set becomes one
 * ordinary grid config (every model with its spec, one point each) that the grid machinery runs and journals.
 *
 * @param datasets per data set, its id and the YAML text of its derived grid config (data path made absolute)
 */
public record SuitePlan(Path file, String name, long seed, double rope, List<String> models, List<Entry> datasets) {

    /** @param featureSets the data set's feature sets, in config order: each is compared as a data set of its own */
    public record Entry(String id, String yaml, List<String> featureSets) {
        public Entry {
            featureSets = List.copyOf(featureSets);
        }

        /** The name of one (data set, feature set) in the suite's tables: the id, or id/feature set when it has several. */
        public String label(String featureSet) {
            return featureSets.size() <= 1 ? id : id + "/" + featureSet;
        }
    }

    public static final double DEFAULT_ROPE = 0.01;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** A config with a top-level {@code datasets} list is a suite (so {@code grid} can hand it on; grid-slurm.sh runs grid). */
    public static boolean isSuite(Path config) {
        try {
            JsonNode root = ConfigLoader.YAML.readTree(Files.readString(config));
            return root != null && root.isObject() && root.has("datasets");
        } catch (IOException | JacksonException e) {
            return false; // not readable here: the grid's own loader says why
        }
    }

    /** @param dataDir base folder for relative data set paths (the CLI's --data), or null: beside the suite file, else the working directory */
    public static SuitePlan load(Path file, Path dataDir) {
        String text = ConfigLoader.read(file);
        JsonNode root;
        try {
            root = ConfigLoader.YAML.readTree(text);
        } catch (JacksonException e) {
            throw ConfigErrors.describe(file, text, e);
        }
        if (root == null || !root.isObject()) throw new InputException(file + ": not a YAML mapping");
        if (root.has("dataset")) {
            throw new InputException(file + ": dataset: a suite lists its data sets under 'datasets:' (each a dataset block with an id)");
        }
        if (root.has("grid")) throw new InputException(file + ": grid: not supported in a suite (each model is evaluated with its spec)");
        double rope = rope(file, root.get("suite"));
        JsonNode list = root.get("datasets");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new InputException(file + ": datasets: a non-empty list of data sets expected");
        }
        JsonNode models = root.get("models");
        List<String> names = new ArrayList<>();
        if (models != null && models.isArray()) for (JsonNode m : models) names.add(m.path("name").asString(""));
        String name = root.path("name").isString() ? root.get("name").stringValue()
                : file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        Set<String> ids = new HashSet<>();
        List<Entry> entries = new ArrayList<>();
        long seed = 42;
        for (int i = 0; i < list.size(); i++) {
            String at = file + ": datasets[" + i + "]";
            JsonNode item = list.get(i);
            if (!item.isObject()) throw new InputException(at + ": a mapping (a dataset block with an id) expected");
            JsonNode idNode = item.get("id");
            if (idNode == null || !idNode.isString() || !ID.matcher(idNode.stringValue()).matches()) {
                throw new InputException(at + ".id: missing, or not a name of letters, digits, '.', '_' and '-'");
            }
            String id = idNode.stringValue();
            if (!ids.add(id.toLowerCase(java.util.Locale.ROOT))) throw new InputException(at + ".id: '" + id + "' appears twice");
            at = file + ": datasets[" + i + "] (" + id + ")";
            ObjectNode block = datasetBlock(file, at, (ObjectNode) item, dataDir);
            ObjectNode derived = ((ObjectNode) root).deepCopy();
            derived.remove("datasets");
            derived.remove("suite");
            derived.put("name", name + "-" + id);
            derived.set("dataset", block);
            ObjectNode gm = derived.putObject("grid").putObject("models"); // every feature set of the data set (the grid's default)
            for (String n : names) if (!n.isEmpty()) gm.putObject(n);
            String yaml = ConfigLoader.YAML.writeValueAsString(derived);
            ExperimentConfig cfg = check(at, yaml);
            cvOnly(file, cfg);
            seed = cfg.seed();
            entries.add(new Entry(id, yaml, List.copyOf(cfg.featureSets().keySet())));
        }
        return new SuitePlan(file, name, seed, rope, List.copyOf(names), List.copyOf(entries));
    }

    /** A suite compares models on the k-fold splits the grid evaluates; any other protocol would be silently unused. */
    private static void cvOnly(Path file, ExperimentConfig cfg) {
        var p = cfg.protocols();
        String other = p.holdout() != null ? "holdout" : p.groupedHoldout() != null ? "grouped_holdout" : p.ordered() != null ? "ordered"
                : p.cv() != null && p.groupedCv() != null ? "grouped_cv" : null;
        if (other != null) {
            throw new InputException(file + ": protocols." + other + ": a suite compares models on one k-fold protocol (cv or grouped_cv); "
                    + "remove " + other);
        }
    }

    private static double rope(Path file, JsonNode suite) {
        if (suite == null) return DEFAULT_ROPE;
        if (!suite.isObject()) throw new InputException(file + ": suite: a mapping expected, e.g. suite: {rope: 0.01}");
        for (String k : suite.propertyNames()) {
            if (!k.equals("rope")) throw new InputException(file + ": suite." + k + ": unknown key (known: rope)");
        }
        JsonNode r = suite.get("rope");
        if (r == null) return DEFAULT_ROPE;
        if (!r.isNumber() || !(r.doubleValue() >= 0) || r.doubleValue() >= 1) {
            throw new InputException(file + ": suite.rope: " + r + " (a macro F1 difference, 0 <= rope < 1)");
        }
        return r.doubleValue();
    }

    /** The entry's dataset block without its id; {@code from: CONFIG} reads that config's block; the data path made absolute. */
    private static ObjectNode datasetBlock(Path file, String at, ObjectNode item, Path dataDir) {
        ObjectNode block = item.deepCopy();
        block.remove("id");
        Path base = dataDir;
        if (block.has("from")) {
            if (block.size() != 1) throw new InputException(at + ".from: takes the whole dataset block from that config; give no other keys beside id");
            Path from = resolve(dataDir != null ? dataDir : file.toAbsolutePath().getParent(), block.get("from").asString(""));
            JsonNode other;
            try {
                other = ConfigLoader.YAML.readTree(Files.readString(from));
            } catch (IOException | JacksonException e) {
                throw new InputException(at + ".from: cannot read " + from + " (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
            if (other == null || !other.path("dataset").isObject()) throw new InputException(at + ".from: " + from + " has no dataset block");
            block = ((ObjectNode) other.get("dataset")).deepCopy();
            if (base == null) base = from.toAbsolutePath().getParent();
        }
        JsonNode path = block.get("path");
        if (path == null || !path.isString()) throw new InputException(at + ".path: missing (the data set's CSV file)");
        Path p = Path.of(path.stringValue());
        if (!p.isAbsolute()) {
            if (base == null) {
                Path beside = file.toAbsolutePath().getParent().resolve(p);
                p = Files.exists(p) || !Files.exists(beside) ? p.toAbsolutePath() : beside;
            } else {
                p = base.resolve(p);
            }
        }
        block.put("path", p.toAbsolutePath().normalize().toString());
        return block;
    }

    private static Path resolve(Path dir, String p) {
        Path q = Path.of(p);
        return q.isAbsolute() ? q : dir.resolve(q);
    }

    /** The derived config, checked by the config loader; its errors are reported against the suite file's entry. */
    private static ExperimentConfig check(String at, String yaml) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("crystal-suite-", ".yaml");
            Files.writeString(tmp, yaml);
            return ConfigLoader.load(tmp);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InputException e) {
            String msg = e.getMessage().replace(tmp.toString(), "").replaceFirst("^:?\\s*(line )?\\d*(, column \\d+)?:?\\s*", "");
            throw new InputException(at + ": " + msg);
        } finally {
            try {
                if (tmp != null) Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
