package org.crystalbench.provenance;

import org.crystalbench.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.crystalbench.BuildInfo;
import org.crystalbench.InputException;
import org.crystalbench.config.ConfigErrors;
import tools.jackson.core.JacksonException;
import org.crystalbench.config.ExperimentConfig;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Canonical;
import org.crystalbench.evaluation.Experiment;
import org.crystalbench.stats.CiMethod;
import org.crystalbench.stats.CiSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What produced a result folder, written as {@code provenance.json} (snake_case keys). Capture it
 * once the work is done ({@link #capture}) and write it beside the tables ({@link #write}).
 *
 * @param gitCommit     HEAD of the git checkout holding the running jar (null when not in a checkout or git is missing)
 * @param gitDirty      whether that checkout had uncommitted changes to tracked files (null when unknown)
 * @param config        the resolved config, every default filled in (and {@code --data} applied)
 * @param configSha256  {@link ExperimentConfig#hash()}: canonical JSON without {@code dataset.path} (as grid-meta.json)
 * @param columnsUsed   the target and every feature column of the dataset section
 * @param ciMethod      null for commands that compute no intervals
 * @param mergedFrom    {@code merge} only: each input folder and its own provenance.json (null when it had none);
 *                      omitted for other commands
 */
public record Provenance(
        String crystalBenchVersion, String gitCommit, Boolean gitDirty, String smileVersion,
        String javaVersion, String javaVendor, String osName, String osVersion, String arch, String cpuModel,
        int cores, int threads, long seed,
        JsonNode config, String configSha256,
        String dataFile, String dataSha256, int rowsRead, int rowsUsed, int rowsDropped, List<String> columnsUsed,
        List<String> commandLine, String startTime, String endTime, double wallTimeSeconds,
        String ciMethod, Double ciLevel,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        List<JsonNode> mergedFrom) {

    public static final String FILE = "provenance.json";

    /**
     * @param commandLine the program's arguments, command name first (e.g. {@code run configs/paper.yaml ...})
     * @param ci          the interval settings, or null
     */
    public static Provenance capture(Experiment exp, List<String> commandLine, int threads, Instant start, Instant end,
                                     CiSpec ci) {
        var data = exp.data();
        return here(exp.config(), threads, data.source(), data.sha256(), data.rowsRead(), data.size(), data.rowsDropped(),
                commandLine, start, end, ci, null);
    }

    /**
     * The record of a merged grid folder: this process's build, machine and command (it fits nothing:
     * {@code threads} is 0), the config the shards share, the data as the first shard with a record
     * describes it (every shard's data hash was checked equal), and each shard's own record.
     *
     * @param sources each input folder and its provenance.json, or null when it has none
     */
    public static Provenance merged(ExperimentConfig cfg, String dataFile, String dataSha256, int dataRows,
                                    List<String> commandLine, Instant start, Instant end, CiSpec ci, Map<Path, JsonNode> sources) {
        JsonNode described = sources.values().stream().filter(Objects::nonNull).findFirst().orElse(null);
        int rowsRead = described != null && described.has("rows_read") ? described.get("rows_read").asInt() : dataRows;
        int rowsDropped = described != null && described.has("rows_dropped") ? described.get("rows_dropped").asInt() : 0;
        List<JsonNode> from = new ArrayList<>();
        sources.forEach((dir, record) -> {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("folder", dir.toString());
            o.set("provenance", record == null ? o.nullNode() : record);
            from.add(o);
        });
        return here(cfg, 0, dataFile, dataSha256, rowsRead, dataRows, rowsDropped, commandLine, start, end, ci, from);
    }

    /** This process's build and machine, with what the command read and did. */
    private static Provenance here(ExperimentConfig cfg, int threads, String dataFile, String dataSha256, int rowsRead,
                                   int rowsUsed, int rowsDropped, List<String> commandLine, Instant start, Instant end,
                                   CiSpec ci, List<JsonNode> mergedFrom) {
        JsonNode config = Canonical.tree(cfg);
        List<String> columns = new ArrayList<>();
        columns.add(cfg.dataset().target());
        columns.addAll(cfg.dataset().allFeatures());
        Path home = jarHome();
        return new Provenance(BuildInfo.version(), git(home, "rev-parse", "HEAD"), dirty(home), BuildInfo.smileVersion(),
                System.getProperty("java.version"), System.getProperty("java.vendor"), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("os.arch"), readCpuModel(),
                Runtime.getRuntime().availableProcessors(), threads, cfg.seed(),
                config, cfg.hash(),
                dataFile, dataSha256, rowsRead, rowsUsed, rowsDropped, List.copyOf(columns),
                List.copyOf(commandLine), millis(start), millis(end), Duration.between(start, end).toNanos() / 1e9,
                ci == null ? null : ci.method().label(), ci == null ? null : ci.level(),
                mergedFrom == null ? null : List.copyOf(mergedFrom));
    }

    /** Writes {@code provenance.json} into {@code dir}, atomically, pretty-printed. */
    public Path write(Path dir) {
        Path file = dir.resolve(FILE);
        AtomicFiles.write(file, Json.pretty(this));
        return file;
    }

    /** Reads a provenance.json; every problem is bad input naming the file (and line:column when JSON is wrong). */
    public static Provenance read(Path file) {
        try {
            return Json.MAPPER.readValue(Files.readString(file), Provenance.class);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        } catch (JacksonException e) {
            throw ConfigErrors.describe(file, "", e);
        }
    }

    /** The recorded config as the config loader's record (null when none is recorded). */
    public ExperimentConfig typedConfig(Path file) {
        if (config == null || config.isNull()) return null;
        try {
            return Json.MAPPER.treeToValue(config, ExperimentConfig.class);
        } catch (JacksonException e) {
            throw new InputException(file + ": config: " + e.getOriginalMessage().replaceAll("\\s*\\n.*", ""));
        }
    }

    /** The interval settings the tables were written with, or null for a command that computed none. */
    public CiSpec ci() {
        if (ciMethod == null || ciLevel == null) return null;
        try {
            return new CiSpec(CiMethod.of(ciMethod), ciLevel);
        } catch (IllegalArgumentException e) {
            throw new InputException(FILE + ": ci_method / ci_level: " + e.getMessage());
        }
    }

    /** Two Markdown lines for the head of a summary. */
    public String shortForm() {
        return String.format(Locale.ROOT,
                "crystal-bench %s%s, Smile %s, Java %s (%s), %s %s %s, %s, %d cores, %d threads, seed %d.%n"
                        + "Config sha256 `%s`, data sha256 `%s` (%d rows used, %d dropped); %s -> %s (%.1f s)%s. "
                        + "Full record: `%s`.%n",
                crystalBenchVersion, gitCommit == null ? "" : " (commit " + gitCommit.substring(0, Math.min(12, gitCommit.length()))
                        + (Boolean.TRUE.equals(gitDirty) ? ", uncommitted changes" : "") + ")",
                smileVersion, javaVersion, javaVendor, osName, osVersion, arch, cpuModel == null ? "CPU unknown" : cpuModel,
                cores, threads, seed, configSha256.substring(0, 12), dataSha256.substring(0, 12), rowsUsed, rowsDropped,
                startTime, endTime, wallTimeSeconds,
                ci() == null ? "" : "; intervals: " + ci().label(), FILE);
    }

    private static String millis(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
    }

    /** The "model name" of /proc/cpuinfo (Linux), else null. */
    static String readCpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: unknown
        }
        return null;
    }

    /** The folder of the running jar (or classes folder): its git checkout is the code that ran. */
    static Path jarHome() {
        try {
            Path p = Path.of(Provenance.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(p) ? p : p.getParent();
        } catch (Exception e) {
            return Path.of(".");
        }
    }

    static Boolean dirty(Path dir) {
        String status = git(dir, "status", "--porcelain", "--untracked-files=no");
        return status == null ? null : !status.isEmpty();
    }

    /** Output of {@code git -C dir args...}, trimmed; null when git fails, is missing or takes over 5 s. */
    static String git(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).trim() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
