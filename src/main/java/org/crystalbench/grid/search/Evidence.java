package org.crystalbench.grid.search;



import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crystalbench.grid.journal.JournalEntry;
import org.crystalbench.grid.plan.GridPlan;
import org.crystalbench.grid.plan.GridPoint;
import org.crystalbench.grid.plan.WorkUnit;
import org.crystalbench.metrics.Metric;
import org.crystalbench.splits.SplitId;
import org.crystalbench.stats.Ranking;
import org.crystalbench.stats.Resampling;
import org.crystalbench.stats.Sample;

/**
 * What the finished entries say about one grid point on one feature set over a list of splits: the one
 * evidence the search decides on, the tables report and grid-compare ranks.
 */
public record Evidence(String featureSet, GridPoint point, int failed, int timedOut, int missing, Sample sample, double fitMsMean) {
    public int n() {
        return sample.n();
    }

    public double mean(Metric m) {
        return sample.mean(m);
    }

    /** No failed, timed-out or missing split. */
    public boolean complete() {
        return failed + timedOut + missing == 0;
    }

    /** Per feature set and point, in plan order: the evidence over the cv splits. */
    public static List<Evidence> cv(GridPlan plan, Map<String, JournalEntry> entries) {
        List<SplitId> cv = plan.splits(plan.config().protocols().gridProtocol());
        List<Evidence> out = new ArrayList<>();
        for (String fs : plan.featureSets()) {
            for (GridPoint p : plan.points()) out.add(of(fs, p, cv, entries));
        }
        return out;
    }

    public static Evidence of(String fs, GridPoint p, List<SplitId> splits, Map<String, JournalEntry> entries) {
        List<JournalEntry> ok = new ArrayList<>();
        int failed = 0, timedOut = 0, missing = 0;
        for (SplitId s : splits) {
            JournalEntry e = entries.get(WorkUnit.key(fs, p.model(), p.hash(), s));
            if (e == null) missing++;
            else if (e.status() == JournalEntry.Status.TIMEOUT) timedOut++;
            else if (!e.ok()) failed++;
            else ok.add(e);
        }
        double fit = ok.stream().mapToDouble(JournalEntry::fitMs).average().orElse(Double.NaN);
        return new Evidence(fs, p, failed, timedOut, missing, sample(ok), fit);
    }

    /** Journal entries as a statistics sample, in entry order. */
    public static Sample sample(List<JournalEntry> ok) {
        return Sample.of(ok, JournalEntry::split, (e, m) -> e.metric(m.column()),
                Resampling.testTrainRatio(ok, JournalEntry::testSize, JournalEntry::trainSize));
    }

    /**
     * The point with the best mean among the complete ones (among those with any finished split when none
     * is complete); ties go to the earlier point. Null when no point finished a split.
     */
    public static Evidence pick(List<Evidence> points, Metric metric) {
        List<Evidence> complete = points.stream().filter(s -> s.n() > 0 && s.complete()).toList();
        List<Evidence> pool = complete.isEmpty() ? points.stream().filter(s -> s.n() > 0).toList() : complete;
        return pool.stream().min(Ranking.bestFirst(metric, (Evidence s) -> s.mean(metric))
                .thenComparingInt(s -> s.point().index())).orElse(null);
    }
}
