package org.crystalbench;

/**
 * The exit codes of every command, defined once: an operation's Outcome states one, and the command returns its
 * code. Scripts rely on them: docs/grid.md and the README list the same seven.
 */
public enum ExitCode {
    /** Success. */
    OK(0),
    /** Finished, with failures: failed or timed-out grid fits, a performance regression. */
    FAILURES(1),
    /** Bad input (file, config or flag): one line names file, line and field; nothing written. */
    BAD_INPUT(2),
    /** Internal error (a bug, or an I/O failure such as a full disk). */
    INTERNAL(3),
    /** Incomplete: a grid stopped at --max-time, or a merge with units missing; run again to resume. */
    INCOMPLETE(4),
    /** Out of memory: the JVM's heap was too small; give it more with CRYSTAL_BENCH_JAVA_OPTS=-Xmx... */
    OUT_OF_MEMORY(5),
    /**
     * A merge of a race or halving on shards: every unit of the current stage ran, and the search
     * decided on a next stage; run the shards again with {@code --merged}, then merge again.
     */
    NEXT_STAGE(6);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The status that says more, of two: INCOMPLETE (run again) over FAILURES over OK; any other over all three. */
    public ExitCode worse(ExitCode other) {
        return severity() >= other.severity() ? this : other;
    }

    private int severity() {
        return switch (this) {
            case OK -> 0;
            case FAILURES -> 1;
            case INCOMPLETE -> 2;
            default -> 3;
        };
    }
}
