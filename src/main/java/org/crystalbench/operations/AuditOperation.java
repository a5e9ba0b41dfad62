package org.crystalbench.operations;

import java.nio.file.Path;
import org.crystalbench.ExitCode;
import org.crystalbench.audit.AuditReport;
import org.crystalbench.audit.AuditTable;
import org.crystalbench.audit.LeakageTable;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.evaluation.Experiment;
import org.crystalbench.io.Console;
import org.crystalbench.io.OutputPaths;
import org.crystalbench.report.AuditMarkdown;

/** {@code crystal-bench audit}: the leakage audit of a config's data on its splits, printed, and written when asked. */
public final class AuditOperation {
    private AuditOperation() {}

    /**
     * @param data overrides dataset.path (null: the config's)
     * @param out  folder for audit.csv and leakage.csv; null: print only
     */
    public record Request(Path config, Path data, Path out, int threads) {}

    public record Outcome(AuditReport audit, ExitCode status) {}

    public static Outcome execute(Request r, Console console) {
        ExperimentConfig cfg = ConfigLoader.load(r.config(), r.data());
        Experiment exp = Experiment.prepare(cfg, r.config());
        AuditReport audit = AuditReport.of(exp, r.threads());
        audit.warnings().forEach(w -> console.err().println("crystal-bench: " + w));
        if (r.out() != null) {
            OutputPaths.folder(r.out(), "--out");
            AuditTable.write(r.out(), AuditTable.rows(audit));
            LeakageTable.write(r.out(), audit.leakage());
        }
        console.out().print(AuditMarkdown.of(audit, "# Leakage audit: " + (cfg.name() == null ? r.config().getFileName() : cfg.name())));
        console.out().flush();
        return new Outcome(audit, ExitCode.OK);
    }
}
