package org.crystalbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.crystalbench.operations.AuditOperation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Leakage audit: flags features that (nearly) determine the target.",
                "How well each feature alone predicts the target, on the config's splits (no model is fitted). Prints a "
                        + "Markdown table and a WARNING per flagged feature; writes audit.csv when --out is given. Every run "
                        + "writes the same audit (docs/statistics.md)."})
public final class AuditCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions input;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder to write audit.csv and leakage.csv into (created if needed).")
    Path out;

    @Mixin
    ThreadsOption workers;

    @Mixin
    Invocation invocation;

    @Override
    public Integer call() {
        var request = new AuditOperation.Request(input.file, input.data, out, workers.threads);
        return AuditOperation.execute(request, invocation.console()).status().code();
    }
}
