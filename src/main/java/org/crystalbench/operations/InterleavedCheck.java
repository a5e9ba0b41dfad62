package org.crystalbench.operations;

import java.io.PrintWriter;
import java.util.Locale;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.perf.Interleaved;
import org.crystalbench.perf.InterleavedOutcome;
import org.crystalbench.perf.InterleavedRequest;
import org.crystalbench.perf.SameJvm;
import org.crystalbench.report.PerfTables;

/** {@code perf-check --base-jar A --head-jar B}: the interleaved comparison ({@link Interleaved}), its table written as table.md. */
public final class InterleavedCheck {
    private InterleavedCheck() {}

    public static InterleavedOutcome run(InterleavedRequest q, PrintWriter log) {
        InterleavedOutcome o = q.plan().sameJvm() ? SameJvm.run(q, log) : Interleaved.run(q, log);
        String title = q.plan().sameJvm()
                ? String.format(Locale.ROOT, "perf-check, interleaved: %d rounds in %.0f s (seed %d; both builds in one JVM per round, slices %s)",
                o.rounds(), o.seconds(), q.seed(), SameJvm.SETTINGS)
                : String.format(Locale.ROOT, "perf-check, interleaved: %d rounds in %.0f s (seed %d; %d warmup + %d x %d ms per fork)",
                o.rounds(), o.seconds(), q.seed(), q.warmups(), q.iterations(), q.iterationMs());
        o = o.withTable(PerfTables.gate(o, title));
        AtomicFiles.write(q.out().resolve("table.md"), o.table());
        return o;
    }
}
