package org.crystalbench.cli;

import org.crystalbench.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.crystalbench.audit.AuditReport;
import org.crystalbench.audit.AuditTable;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.evaluation.Experiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Leakage audit: flags features that (nearly) determine the target.",
                "How well each feature alone predicts the target, on the config's splits (no model is fitted). Prints a "
                        + "Markdown table and a WARNING per flagged feature; writes audit.csv when --out is given. Every run "
                        + "writes the same audit (docs/statistics.md)."})
public final class AuditCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOptions input;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder to write audit.csv and leakage.csv into (created if needed).")
    Path out;

    @Mixin
    ThreadsOption workers;

    @Override
    public Integer call() throws Exception {
        ExperimentConfig cfg = input.load();
        Experiment exp = Experiment.prepare(cfg, input.file);
        AuditReport audit = AuditReport.of(exp, workers.threads);
        audit.warnings().forEach(w -> spec.commandLine().getErr().println("crystal-bench: " + w));
        if (out != null) {
            Files.createDirectories(out);
            AuditTable.write(out, AuditTable.rows(audit));
            org.crystalbench.audit.LeakageTable.write(out, audit.leakage());
        }
        spec.commandLine().getOut().print(org.crystalbench.report.AuditMarkdown.of(audit, "# Leakage audit: " + (cfg.name() == null ? input.file.getFileName() : cfg.name())));
        spec.commandLine().getOut().flush();
        return ExitCode.OK.code();
    }
}
