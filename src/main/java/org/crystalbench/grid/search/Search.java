package org.crystalbench.grid.search;

import org.crystalbench.grid.journal.JournalEntry;
import org.crystalbench.grid.plan.GridPlan;
import org.crystalbench.grid.plan.GridPoint;
import org.crystalbench.grid.plan.WorkUnit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.config.GridSpec;
import org.crystalbench.results.GridTable.Status;
import org.crystalbench.splits.Protocol;
import org.crystalbench.splits.SplitId;
import org.crystalbench.stats.Ranking;
import org.crystalbench.stats.Sample;

/**
 * Which work units a grid runs ({@code grid.search}), decided from finished journal entries alone: the
 * same entries give the same decisions, so a run killed at any point resumes the same race, and shards
 * that have seen the same entries (their own and a merge's) agree on every decision made so far.
 *
 * <p>Each (feature set, model) is searched on its own, on the cv splits in plan order and, with nested
 * CV, on each outer split's inner splits (the chosen point then runs on that outer split only).
 * <ul>
 * <li>{@code exhaustive}: every unit of the plan.
 * <li>{@code race}: every surviving point runs a block of splits; after each block, points with a failed
 * fit, and points significantly worse than the leader (corrected resampled paired t on the splits so far,
 * Holm over the survivors, {@code p < alpha}), are dropped. The last survivor runs the remaining splits, so
 * its estimate uses them all.
 * <li>{@code halving}: rung i gives every surviving point {@code min_splits x eta^i} splits (the earlier
 * ones included) and keeps the best {@code ceil(n / eta)} by mean; at the last rung (all splits) every
 * survivor is kept.
 * </ul>
 */
public final class Search {
    private Search() {}

    public enum Kind {
        EXHAUSTIVE, RACE, HALVING;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The rules with their defaults filled in from the cv protocol. */
    public record Rules(Kind kind, int firstBlock, int block, double alpha, int eta, int minSplits) {
        public static Rules of(ExperimentConfig config) {
            GridSpec g = config.grid();
            int folds = config.protocols().gridCv().folds();
            Kind kind = g.search() == null ? Kind.EXHAUSTIVE : Kind.valueOf(g.search().toUpperCase(Locale.ROOT));
            GridSpec.Race r = (g.race() == null ? new GridSpec.Race(null, null, null) : g.race()).withDefaults(folds);
            GridSpec.Halving h = (g.halving() == null ? new GridSpec.Halving(null, null) : g.halving()).withDefaults(folds);
            return new Rules(kind, r.firstBlock(), r.block(), r.alpha(), h.eta(), h.minSplits());
        }

        /** "block" or "rung" */
        public String stage() {
            return kind == Kind.HALVING ? "rung" : "block";
        }

        /** One sentence for grid.md. */
        public String describe() {
            return switch (kind) {
                case EXHAUSTIVE -> "exhaustive (every point on every split)";
                case RACE -> String.format(Locale.ROOT, "race: every surviving point runs a first block of %d splits, then blocks of %d; "
                        + "after each block, points with a failed fit and points significantly worse than the leader "
                        + "(corrected resampled paired t on the splits so far, Holm over the survivors, p < %s) are dropped; "
                        + "the last survivor runs the remaining splits", firstBlock, block, alpha);
                case HALVING -> String.format(Locale.ROOT, "successive halving: rung i gives every surviving point %d x %d^i splits "
                        + "and keeps the best 1/%d by mean (points with a failed fit are dropped); at the last rung, on all splits, "
                        + "every survivor is kept", minSplits, eta, eta);
            };
        }
    }

    /**
     * How one point fared on one pool of splits.
     *
     * @param stage  the block or rung (1-based) after which it was dropped; 0 when not dropped
     * @param splits splits it was scheduled on so far
     */
    public record Fate(Status status, int stage, int splits) {}

    /** One decision of a group: after {@code splits} splits, {@code in} points were judged, some dropped. */
    public record Stage(int number, int splits, int in, int dropped, int failed) {}

    /** One (feature set, model) searched on one pool: the cv splits ({@code outer} null) or an outer split's inner splits. */
    public record Group(String featureSet, String model, SplitId outer, int poolSize, List<Stage> stages, Map<GridPoint, Fate> fates,
                        boolean finished) {}

    /**
     * @param scheduled every unit decided on or pending, in plan order
     * @param pending   the scheduled units without a known entry: the next stage
     */
    public record State(Rules rules, List<WorkUnit> scheduled, List<WorkUnit> pending, List<Group> groups, int exhaustiveUnits) {
        public boolean finished() {
            return pending.isEmpty();
        }

        /** The cv group of one feature set and model. */
        public Group cv(String featureSet, String model) {
            for (Group g : groups) {
                if (g.outer() == null && g.featureSet().equals(featureSet) && g.model().equals(model)) return g;
            }
            throw new IllegalArgumentException("no group " + featureSet + "/" + model);
        }

        public Fate fate(String featureSet, GridPoint p) {
            return cv(featureSet, p.model()).fates().get(p);
        }
    }

    /** One stage's work: run (or look up) what it may of {@code state}'s pending units; false to stop the loop. */
    @FunctionalInterface
    public interface StageWork {
        boolean run(int stage, State state);
    }

    /**
     * The one stage loop (of {@code grid} and of grid-compare's replay): the search decides from what is
     * known, {@code work} does its part, and again, until {@code work} stops.
     *
     * @param known what the search may decide from, read afresh before every stage
     * @return the state {@code work} stopped at
     */
    public static State stages(GridPlan plan, Supplier<Map<String, JournalEntry>> known, StageWork work) {
        for (int stage = 1; ; stage++) {
            State state = of(plan, known.get());
            if (!work.run(stage, state)) return state;
        }
    }

    /** The search's state given the finished entries ({@code known}: one entry per key). */
    public static State of(GridPlan plan, Map<String, JournalEntry> known) {
        Rules rules = Rules.of(plan.config());
        List<WorkUnit> all = plan.units();
        List<SplitId> cv = plan.splits(plan.config().protocols().gridProtocol());
        List<SplitId> outers = plan.splits(Protocol.OUTER);
        Set<String> scheduled = new HashSet<>();
        List<Group> groups = new ArrayList<>();
        for (String fs : plan.featureSets()) {
            for (String model : plan.models()) {
                List<GridPoint> points = plan.pointsOf(model);
                groups.add(group(rules, plan, fs, model, null, points, cv, known, scheduled));
                for (SplitId o : outers) {
                    List<SplitId> inner = plan.inner(o);
                    Group g = group(rules, plan, fs, model, o, points, inner, known, scheduled);
                    groups.add(g);
                    if (rules.kind() == Kind.EXHAUSTIVE) {
                        points.forEach(p -> scheduled.add(WorkUnit.key(fs, model, p.hash(), o)));
                    } else if (g.finished()) { // only the point chosen on the inner splits is scored on the outer split
                        List<Evidence> kept = points.stream().filter(p -> g.fates().get(p).status() == Status.KEPT)
                                .map(p -> Evidence.of(fs, p, inner, known)).toList();
                        Evidence pick = Evidence.pick(kept, plan.metric());
                        if (pick != null) scheduled.add(WorkUnit.key(fs, model, pick.point().hash(), o));
                    }
                }
            }
        }
        List<WorkUnit> units = new ArrayList<>(), pending = new ArrayList<>();
        for (WorkUnit u : all) {
            if (!scheduled.contains(u.key())) continue;
            units.add(u);
            if (!known.containsKey(u.key())) pending.add(u);
        }
        return new State(rules, List.copyOf(units), List.copyOf(pending), List.copyOf(groups), all.size());
    }

    private static Group group(Rules rules, GridPlan plan, String fs, String model, SplitId outer, List<GridPoint> points,
                               List<SplitId> splits, Map<String, JournalEntry> known, Set<String> scheduled) {
        Map<GridPoint, Fate> fates = new LinkedHashMap<>();
        List<Stage> stages = new ArrayList<>();
        List<GridPoint> alive = new ArrayList<>(points);
        int done = 0;
        for (int stage = 1; ; stage++) {
            int end = next(rules, done, alive.size(), splits.size());
            boolean missing = false;
            for (GridPoint p : alive) {
                for (SplitId s : splits.subList(done, end)) {
                    String key = WorkUnit.key(fs, model, p.hash(), s);
                    scheduled.add(key);
                    missing |= !known.containsKey(key);
                }
            }
            if (missing) {
                for (GridPoint p : alive) fates.put(p, new Fate(Status.RUNNING, 0, end));
                return new Group(fs, model, outer, splits.size(), List.copyOf(stages), fates, false);
            }
            List<SplitId> seen = splits.subList(0, end);
            int in = alive.size(), failed = 0, dropped = 0;
            if (rules.kind() != Kind.EXHAUSTIVE) {
                for (var it = alive.iterator(); it.hasNext(); ) {
                    GridPoint p = it.next();
                    boolean bad = seen.stream().anyMatch(s -> !known.get(WorkUnit.key(fs, model, p.hash(), s)).ok());
                    if (bad) {
                        fates.put(p, new Fate(Status.FAILED, stage, end));
                        it.remove();
                        failed++;
                    }
                }
            }
            if (end < splits.size() && alive.size() > 1) {
                List<GridPoint> out = rules.kind() == Kind.RACE ? raceLosers(rules, plan, fs, alive, seen, known)
                        : halvingLosers(rules, plan, fs, alive, seen, known);
                for (GridPoint p : out) fates.put(p, new Fate(Status.DROPPED, stage, end));
                alive.removeAll(out);
                dropped = out.size();
            }
            stages.add(new Stage(stage, end, in, dropped, failed));
            done = end;
            if (end == splits.size() || alive.isEmpty()) {
                for (GridPoint p : alive) fates.put(p, new Fate(Status.KEPT, 0, end));
                Map<GridPoint, Fate> ordered = new LinkedHashMap<>();
                points.forEach(p -> ordered.put(p, fates.get(p)));
                return new Group(fs, model, outer, splits.size(), List.copyOf(stages), ordered, true);
            }
        }
    }

    /** Where the next stage ends (exclusive), given {@code done} splits behind and {@code alive} points. */
    public static int next(Rules rules, int done, int alive, int total) {
        if (rules.kind() == Kind.EXHAUSTIVE || alive <= 1 && done > 0) return total;
        if (rules.kind() == Kind.RACE) return Math.min(total, done == 0 ? rules.firstBlock() : done + rules.block());
        return Math.min(total, done == 0 ? rules.minSplits() : (int) Math.min(total, (long) done * rules.eta()));
    }

    private static List<GridPoint> raceLosers(Rules rules, GridPlan plan, String fs, List<GridPoint> alive, List<SplitId> seen,
                                              Map<String, JournalEntry> known) {
        List<Sample> samples = alive.stream().map(p -> Evidence.of(fs, p, seen, known).sample()).toList();
        Ranking r = Ranking.of(samples, plan.metric(), 1 - rules.alpha(), i -> true);
        if (r == null) return List.of();
        return r.others().stream().filter(Ranking.Versus::significantlyWorse).map(v -> alive.get(v.index())).toList();
    }

    private static List<GridPoint> halvingLosers(Rules rules, GridPlan plan, String fs, List<GridPoint> alive, List<SplitId> seen,
                                                 Map<String, JournalEntry> known) {
        Map<GridPoint, Double> mean = new LinkedHashMap<>();
        for (GridPoint p : alive) mean.put(p, Evidence.of(fs, p, seen, known).mean(plan.metric()));
        int keep = (alive.size() + rules.eta() - 1) / rules.eta();
        List<GridPoint> ranked = alive.stream().sorted(Ranking.bestFirst(plan.metric(), (GridPoint p) -> mean.get(p))
                .thenComparingInt(GridPoint::index)).toList();
        return ranked.subList(keep, ranked.size());
    }
}
