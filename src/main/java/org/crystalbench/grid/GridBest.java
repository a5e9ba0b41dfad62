package org.crystalbench.grid;

import org.crystalbench.grid.results.GridTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crystalbench.InputException;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.grid.journal.GridMeta;
import org.crystalbench.grid.journal.Journal;
import org.crystalbench.grid.journal.JournalEntry;
import org.crystalbench.grid.plan.GridPlan;
import org.crystalbench.grid.plan.GridPoint;
import org.crystalbench.grid.search.Evidence;
import org.crystalbench.grid.search.Search;
import org.crystalbench.metrics.Metric;
import org.crystalbench.stats.Ranking;

/**
 * A finished grid folder's best point per model, read from its own config copy, metadata and journal (the
 * same entries and the same {@link GridTables#rank} that grid.md's "Best parameters per model" shows): what
 * {@code train --from-grid} fits on all rows.
 */
public final class GridBest {
    private GridBest() {}

    /**
     * One model's winner: the best point of its best feature set (the best mean selection metric, in its direction,
     * among the per-feature-set bests; ties: the first feature set of the grid).
     *
     * @param mean   the point's mean {@code metric} over its cv splits
     * @param splits the cv splits that mean is over
     */
    public record Winner(String featureSet, GridPoint point, Metric metric, double mean, int splits) {}

    /**
     * @param config     the grid's config (its copy in the folder), with the data file applied
     * @param configCopy the copy's path (grid-config.yaml)
     * @param data       the data file the grid ran on (or {@code --data})
     * @param meta       the folder's grid-meta.json
     * @param winners    one per model asked for, in grid order
     */
    public record Result(ExperimentConfig config, Path configCopy, Path data, GridMeta meta, List<Winner> winners) {}

    /**
     * Every check before anything is fitted or written: a grid folder, its config copy unchanged, the model
     * (and feature set) of this grid, every unit the search scheduled finished.
     *
     * @param model      null: every model of the grid; a model's name: its best point; a point id: that point
     * @param featureSet null: the best over the grid's feature sets
     * @param data       null: the data file recorded in grid-meta.json
     */
    public static Result of(Path dir, String model, String featureSet, Path data) {
        Result checked = checked(dir, data);
        ExperimentConfig cfg = checked.config();
        GridPlan plan = GridPlan.of(cfg, checked.configCopy());
        // --model names a model (its best point is trained) or one point of it ("SVM-011", as grid.md lists them).
        var point = plan.points().stream().filter(p -> p.id().equals(model)).findFirst().orElse(null);
        if (model != null && point == null && !plan.models().contains(model)) {
            throw new InputException(dir + ": --model: '" + model + "' is not a model of this grid (models: "
                    + String.join(", ", plan.models()) + "; or a point id of grid.csv such as " + plan.points().getFirst().id() + ")");
        }
        if (featureSet != null && !plan.featureSets().contains(featureSet)) {
            throw new InputException(dir + ": --feature-set: '" + featureSet + "' is not a feature set of this grid (feature sets: "
                    + String.join(", ", plan.featureSets()) + ")");
        }
        List<JournalEntry> read = new ArrayList<>();
        Journal.read(dir.resolve(Journal.FILE), checked.meta().binding(), read::add);
        Map<String, JournalEntry> entries = Journal.dedupe(read);
        Search.State search = Search.of(plan, entries);
        if (!search.finished()) {
            throw new InputException(dir + ": --from-grid: the grid is not finished (" + search.pending().size() + " work units to run); "
                    + "run the same 'grid' command again to finish it, or merge its shard folders, then train");
        }
        List<Evidence> evidence = Evidence.cv(plan, entries);
        List<Winner> winners = new ArrayList<>();
        for (String m : plan.models()) {
            if (model != null && !m.equals(point != null ? point.model() : model)) continue;
            Winner best = winner(plan, evidence, m, point, featureSet);
            if (best == null) {
                throw new InputException(dir + ": --from-grid: " + (point != null ? "point '" + point.id() + "'" : "model '" + m + "'")
                        + " has no finished fit in this grid" + (featureSet != null ? " on feature set '" + featureSet + "'" : "")
                        + " (grid.md lists failed fits)");
            }
            winners.add(best);
        }
        return new Result(cfg, checked.configCopy(), checked.data(), checked.meta(), winners);
    }

    /** The folder's metadata, config copy and data file, checked against each other (winners empty). */
    private static Result checked(Path dir, Path data) {
        if (!Files.isDirectory(dir)) throw new InputException(dir + ": --from-grid: not a folder");
        GridMeta meta = GridMeta.read(dir);
        Path copy = dir.resolve(GridMeta.CONFIG_COPY);
        if (meta == null || !Files.exists(copy)) {
            throw new InputException(dir + ": --from-grid: not a grid folder (no " + (meta == null ? GridMeta.FILE : GridMeta.CONFIG_COPY)
                    + "); give the --out folder of 'grid' or 'merge'");
        }
        Path dataFile = data != null ? data : Path.of(meta.dataFile());
        if (!Files.isRegularFile(dataFile)) {
            throw new InputException(dataFile + ": " + (data != null ? "--data: file not found" : "the grid's data file is not found from "
                    + "here; give it with --data FILE"));
        }
        if (!org.crystalbench.io.Hashing.sha256(dataFile).equals(meta.dataHash())) {
            throw new InputException(dataFile + ": not the data this grid ran on (SHA-256 differs from " + dir.resolve(GridMeta.FILE)
                    + ", " + meta.dataFile() + ", " + meta.dataRows() + " rows)");
        }
        ExperimentConfig cfg = ConfigLoader.load(copy, dataFile);
        if (!cfg.hash().equals(meta.configHash())) {
            throw new InputException(copy + ": does not match the config hash in " + dir.resolve(GridMeta.FILE) + " (edited?)");
        }
        return new Result(cfg, copy, dataFile, meta, List.of());
    }

    /**
     * Model {@code m}'s winner over the feature sets ({@code featureSet} only, when given): {@code point} when given,
     * else each feature set's best by {@link GridTables#rank}; the better mean in the metric's direction
     * ({@link Ranking#better}) wins, ties the first feature set. Null when no feature set has a finished fit.
     */
    private static Winner winner(GridPlan plan, List<Evidence> evidence, String m, GridPoint point, String featureSet) {
        Winner best = null;
        for (String fs : plan.featureSets()) {
            if (featureSet != null && !fs.equals(featureSet)) continue;
            List<Evidence> ps = evidence.stream().filter(e -> e.featureSet().equals(fs) && e.point().model().equals(m)).toList();
            Evidence chosen;
            if (point != null) {
                chosen = ps.stream().filter(e -> e.point().equals(point) && e.n() > 0).findFirst().orElse(null);
            } else {
                GridTables.Ranked r = GridTables.rank(ps, plan.metric(), 0.95); // "best" does not depend on the level
                chosen = r == null ? null : r.best();
            }
            if (chosen == null) continue;
            double mean = chosen.mean(plan.metric());
            if (best == null || Ranking.better(plan.metric(), mean, best.mean())) best = new Winner(fs, chosen.point(), plan.metric(), mean, chosen.n());
        }
        return best;
    }
}
