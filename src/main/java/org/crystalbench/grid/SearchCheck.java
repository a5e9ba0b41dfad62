package org.crystalbench.grid;

import org.crystalbench.grid.journal.GridMeta;
import org.crystalbench.grid.journal.Journal;
import org.crystalbench.grid.journal.JournalEntry;
import org.crystalbench.grid.plan.GridPlan;
import org.crystalbench.grid.plan.WorkUnit;
import org.crystalbench.grid.search.Evidence;
import org.crystalbench.grid.search.Search;
import org.crystalbench.grid.results.GridTables;
import org.crystalbench.grid.results.SearchComparison;
import org.crystalbench.grid.results.SearchComparison.Row;
import org.crystalbench.grid.results.SearchComparison.Verdict;
import org.crystalbench.results.GridTable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crystalbench.InputException;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.config.ExperimentConfig;

/**
 * Does a search that stopped early give the exhaustive grid's answer? For each feature set and model:
 * the point each folder selects, and, when they differ, how the search's pick fares against the
 * exhaustive best in the exhaustive grid's own ranking (every split, Holm over the model's points).
 */
public final class SearchCheck {
    private SearchCheck() {}

    /**
     * @param search a finished race or halving folder, or a config file: the search it configures is then
     *               replayed on the exhaustive journal (a unit's result does not depend on the search that ran
     *               it, so the replay makes the decisions a real run makes, without fitting anything)
     */
    public static SearchComparison compare(Path exhaustiveDir, Path search, double level) {
        Folder ex = Folder.read(exhaustiveDir);
        Folder se = java.nio.file.Files.isDirectory(search) ? Folder.read(search) : Folder.replay(search, ex);
        Path searchDir = search;
        if (ex.search().rules().kind() != Search.Kind.EXHAUSTIVE) {
            throw new InputException(exhaustiveDir + ": not an exhaustive grid (grid.search: " + ex.search().rules().kind().label() + ")");
        }
        if (!ex.meta().dataHash().equals(se.meta().dataHash())) {
            throw new InputException(searchDir + ": another data file than " + exhaustiveDir + " (" + se.meta().dataFile() + ")");
        }
        if (!ex.search().finished()) throw new InputException(exhaustiveDir + ": the exhaustive grid is not complete (" + ex.search().pending().size() + " units missing)");
        if (!se.search().finished()) throw new InputException(searchDir + ": the search has not ended (" + se.search().pending().size() + " units pending)");
        List<Row> rows = new ArrayList<>();
        var exCv = cv(ex.plan());
        var seCv = cv(se.plan());
        for (String fs : ex.plan().featureSets()) {
            for (String model : ex.plan().models()) {
                List<Evidence> exStats = ex.plan().pointsOf(model).stream()
                        .map(p -> Evidence.of(fs, p, exCv, ex.entries())).toList();
                GridTables.Ranked exRank = GridTables.rank(exStats, ex.plan().metric(), level);
                if (!se.plan().featureSets().contains(fs) || !se.plan().models().contains(model) || exRank == null) continue;
                List<Evidence> seStats = se.plan().pointsOf(model).stream()
                        .map(p -> Evidence.of(fs, p, seCv, se.entries())).toList();
                GridTables.Ranked seRank = GridTables.rank(seStats, se.plan().metric(), level);
                Evidence best = exRank.best();
                Search.Group g = se.search().cv(fs, model);
                int points = g.fates().size(), kept = (int) g.fates().values().stream().filter(f -> f.status() == GridTable.Status.KEPT).count();
                long fits = g.fates().values().stream().mapToLong(Search.Fate::splits).sum(), all = (long) points * g.poolSize();
                if (seRank == null) {
                    rows.add(new Row(fs, model, points, kept, fits, all, best.point().id(), best.mean(ex.plan().metric()), "", Double.NaN, Double.NaN, Verdict.NO_POINT));
                    continue;
                }
                String hash = seRank.best().point().hash();
                Evidence pick = exStats.stream().filter(s -> s.point().hash().equals(hash)).findFirst().orElse(null);
                if (pick == null) {
                    rows.add(new Row(fs, model, points, kept, fits, all, best.point().id(), best.mean(ex.plan().metric()), seRank.best().point().id(), Double.NaN,
                            Double.NaN, Verdict.UNKNOWN_POINT));
                    continue;
                }
                var versus = exRank.versus().get(pick);
                Verdict verdict = pick == best ? Verdict.SAME_POINT : versus == null ? Verdict.NOT_COMPARED
                        : versus.significantlyWorse() ? Verdict.WORSE : Verdict.NOT_WORSE;
                rows.add(new Row(fs, model, points, kept, fits, all, best.point().id(), best.mean(ex.plan().metric()), pick.point().id(),
                        pick.mean(ex.plan().metric()), versus == null ? Double.NaN : versus.pHolm(), verdict));
            }
        }
        // Both costs from the exhaustive journal: the same units timed under the same load, so the share does not
        // depend on how busy the machine was when the search ran.
        return new SearchComparison(se.search().rules().kind().label(), se.search().scheduled().size(), ex.search().scheduled().size(),
                seconds(se.search().scheduled(), ex.entries()), seconds(ex.search().scheduled(), ex.entries()), List.copyOf(rows));
    }

    private static List<org.crystalbench.splits.SplitId> cv(GridPlan plan) {
        return plan.splits(plan.config().protocols().gridProtocol());
    }

    private static double seconds(List<WorkUnit> units, Map<String, JournalEntry> timings) {
        return units.stream().map(u -> timings.get(u.key())).filter(e -> e != null).mapToDouble(JournalEntry::fitMs).sum() / 1000;
    }

    /** A finished grid folder: its recorded config's plan, its entries and its search's state. */
    private record Folder(GridMeta meta, GridPlan plan, Map<String, JournalEntry> entries, Search.State search) {
        static Folder read(Path dir) {
            GridMeta meta = GridMeta.read(dir);
            if (meta == null) throw new InputException(dir + ": no " + GridMeta.FILE + " (not a grid folder)");
            Path config = dir.resolve(GridMeta.CONFIG_COPY);
            ExperimentConfig cfg = ConfigLoader.load(config);
            GridPlan plan = GridPlan.of(cfg, config);
            Map<String, JournalEntry> entries = Journal.dedupe(Journal.readAll(dir.resolve(Journal.FILE), meta.binding()));
            return new Folder(meta, plan, entries, Search.of(plan, entries));
        }

        /** The search of {@code config} run on {@code ex}'s results: each stage's units are looked up, not fitted. */
        static Folder replay(Path config, Folder ex) {
            GridPlan plan = GridPlan.of(ConfigLoader.load(config), config);
            Map<String, JournalEntry> known = new java.util.HashMap<>();
            Search.State end = Search.stages(plan, () -> known, (stage, s) -> {
                for (WorkUnit u : s.pending()) {
                    JournalEntry e = ex.entries().get(u.key());
                    if (e == null) throw new InputException(config + ": unit " + MergeOperation.describe(u) + " is not in the exhaustive grid's journal "
                            + "(other points, splits or seed?)");
                    known.put(u.key(), e);
                }
                return !s.finished();
            });
            return new Folder(ex.meta(), plan, known, end);
        }
    }
}
