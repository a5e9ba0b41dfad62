package org.crystalbench.operations;

import java.nio.file.Path;
import org.crystalbench.perf.JmhJson;
import org.crystalbench.perf.PerfCheck;
import org.crystalbench.report.PerfTables;

/** {@code perf-check --baseline A.json --current B.json}: one JMH run against a reference run ({@link PerfCheck#compare}). */
public final class TwoFileCheck {
    private TwoFileCheck() {}

    /** @param threshold relative change that counts (0.10 = 10%) */
    public record Request(Path baseline, Path current, double threshold, boolean normalize) {}

    /** @param table the Markdown comparison */
    public record Outcome(PerfCheck.Report report, String table) {
        /** A regression, or nothing that could be compared (which is no pass either). */
        public boolean failing() {
            return report.regressed() || report.nothingCompared();
        }
    }

    public static Outcome run(Request q) {
        var report = PerfCheck.compare(JmhJson.read(q.baseline()), JmhJson.read(q.current()), q.threshold(), q.normalize(),
                q.baseline().toString(), q.current().toString());
        return new Outcome(report, PerfTables.comparison(report));
    }
}
