package org.crystalbench.perf;

import java.util.List;

/**
 * The result of an interleaved comparison: the gate's verdicts and what was left out.
 *
 * @param gate     every compared benchmark, both measures, its verdict
 * @param skipped  benchmarks of the head not compared, each with the reason (one line each)
 * @param failed   benchmarks the head build could not run
 * @param rounds   rounds run
 * @param seconds  wall time of all forks
 * @param table    the Markdown table (also written to the request's folder as table.md)
 */
public record InterleavedOutcome(SequentialRule.Report gate, List<String> skipped, List<String> failed, int rounds, double seconds,
                                 String table) {
    public boolean failing() {
        return gate.regressed() || !failed.isEmpty();
    }

    public InterleavedOutcome withTable(String markdown) {
        return new InterleavedOutcome(gate, skipped, failed, rounds, seconds, markdown);
    }
}
