package org.crystalbench.grid;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.crystalbench.grid.fit.GridRunner;
import org.crystalbench.grid.fit.UnitEvaluator;
import org.crystalbench.grid.journal.Journal;
import org.crystalbench.grid.journal.JournalEntry;
import org.crystalbench.grid.plan.GridPlan;
import org.crystalbench.grid.plan.GridPoint;
import org.crystalbench.grid.plan.Shard;
import org.crystalbench.grid.plan.WorkUnit;
import org.crystalbench.grid.search.Search;
import org.crystalbench.io.Console;
import org.crystalbench.io.Progress;
import org.crystalbench.splits.SplitId;

/**
 * This folder's part of each stage of {@link Search#stages}: the pending units of its shard are fitted,
 * journalled and become known to the next stage. Holds what the loop accumulates (entries, counts).
 */
final class ShardStages implements Search.StageWork {
    private final GridPlan plan;
    private final int rows;
    private final Supplier<UnitEvaluator> evaluators;
    private final Shard shard;
    private final Path dir;
    private final boolean quiet;
    private final GridRunner.Options options;
    private final Journal.Writer writer;
    private final JournalEntry.Binding binding;
    private final Map<String, JournalEntry> merged;
    private final Set<String> retry;
    private final Set<String> mine;
    private final int mineCount;
    private final Comparator<WorkUnit> order;
    private final Console console;
    private Map<String, JournalEntry> entries;
    private UnitEvaluator evaluator;
    private int ran, failed, timedOut, notStarted;

    /**
     * @param rows       the data's rows (for the first console line)
     * @param evaluators makes the evaluator, once, when the first unit is to run
     * @param own        this folder's journal, one entry per key
     * @param merged     a merge folder's entries the search counts as known (none: empty)
     * @param retry      keys of failed units to run again: unknown to the search until they ran here
     */
    ShardStages(GridPlan plan, int rows, Supplier<UnitEvaluator> evaluators, Shard shard, Path dir, boolean quiet,
                GridRunner.Options options, Journal.Writer writer, JournalEntry.Binding binding, Map<String, JournalEntry> own,
                Map<String, JournalEntry> merged, Set<String> retry, Console console) {
        this.plan = plan;
        this.rows = rows;
        this.evaluators = evaluators;
        this.shard = shard;
        this.dir = dir;
        this.quiet = quiet;
        this.options = options;
        this.writer = writer;
        this.binding = binding;
        this.entries = own;
        this.merged = merged;
        this.retry = retry;
        this.console = console;
        List<WorkUnit> slice = shard.select(plan.units());
        this.mine = new HashSet<>(slice.stream().map(WorkUnit::key).toList());
        this.mineCount = slice.size();
        this.order = order(plan);
    }

    /** Split by split, so the encoded-split cache stays small; results never depend on this order. */
    private static Comparator<WorkUnit> order(GridPlan plan) {
        Map<SplitId, Integer> splitOrder = new HashMap<>();
        plan.splits().forEach(s -> splitOrder.put(s, splitOrder.size()));
        Map<GridPoint, Integer> pointOrder = new HashMap<>();
        plan.points().forEach(p -> pointOrder.put(p, pointOrder.size()));
        return Comparator.comparingInt((WorkUnit u) -> plan.featureSets().indexOf(u.featureSet()))
                .thenComparingInt(u -> splitOrder.get(u.split())).thenComparingInt(u -> pointOrder.get(u.point()));
    }

    /** What the search may decide from: a merge's entries and this folder's, minus the failures to retry. */
    Map<String, JournalEntry> known() {
        Map<String, JournalEntry> out = Journal.union(merged, entries);
        out.keySet().removeAll(retry);
        return out;
    }

    @Override
    public boolean run(int stage, Search.State state) {
        List<WorkUnit> todo = new ArrayList<>(state.pending().stream().filter(u -> mine.contains(u.key())).toList());
        todo.sort(order);
        announce(stage, state, todo.size());
        if (todo.isEmpty()) return false;
        if (evaluator == null) evaluator = evaluators.get();
        List<JournalEntry> fresh = Collections.synchronizedList(new ArrayList<>());
        GridRunner.Outcome o;
        try (Progress progress = Progress.create("grid", todo.size(), quiet)) {
            o = GridRunner.run(todo, evaluator, binding, options,
                    e -> {
                        writer.append(e);
                        fresh.add(e);
                    }, progress);
        }
        List<JournalEntry> next = new ArrayList<>(entries.values());
        next.addAll(fresh);
        entries = Journal.dedupe(next);
        todo.forEach(u -> retry.remove(u.key()));
        ran += o.ran();
        failed += o.failed();
        timedOut += o.timedOut();
        notStarted = o.notStarted();
        return notStarted == 0;
    }

    private void announce(int stage, Search.State state, int todo) {
        if (stage == 1) {
            long finished = state.scheduled().stream().filter(u -> mine.contains(u.key())).count() - todo;
            console.err().printf("crystal-bench grid: %d rows; %d feature sets x %d points x %d splits = %d units%s; %s%d finished, %d to run on %d threads -> %s%n",
                    rows, plan.featureSets().size(), plan.points().size(), plan.splits().size(),
                    state.exhaustiveUnits(), shard.all() ? "" : " (shard " + shard + ": " + mineCount + ")",
                    state.rules().kind() == Search.Kind.EXHAUSTIVE ? "" : "search " + state.rules().kind().label() + ": ",
                    finished, todo, options.threads(), dir);
        } else if (todo > 0) {
            console.err().printf("crystal-bench grid: %s: next stage, %d units (%d scheduled of %d)%n", state.rules().kind().label(),
                    todo, state.scheduled().size(), state.exhaustiveUnits());
        }
    }

    /** This folder's own entries so far, one per key. */
    Map<String, JournalEntry> entries() {
        return entries;
    }

    /** The keys of this folder's shard. */
    Set<String> mine() {
        return mine;
    }

    int mineCount() {
        return mineCount;
    }

    GridRunner.Outcome outcome() {
        return new GridRunner.Outcome(ran, failed, timedOut, notStarted);
    }
}
