package org.crystalbench.run;

import org.crystalbench.ExitCode;
import org.crystalbench.io.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.Fixtures;
import org.crystalbench.TestCli;
import org.crystalbench.cli.Main;
import org.crystalbench.metrics.Metric;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smile.stat.distribution.TDistribution;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Issue 3 through the `run` and `audit` commands: intervals, comparisons, audit and provenance files. */
class RunStatsEndToEndTest {
    @TempDir
    static Path dir;
    static Path csv, config;
    static Path out;
    static String stderr;

    static final String MODELS = """
            - {name: LR, type: logistic}
            - {name: NB, type: naive-bayes}
            """;
    static final String PROTOCOLS = """
            holdout: {repeats: 4, test_ratio: 0.2}
            cv: {repeats: 2, folds: 3}
            """;
    static final String REFERENCE = """
            reference:
              source: a study
              feature_set: all
              protocol: holdout
              models:
                LR: {precision: 0.5, recall: 0.5, f1: 0.5}
                DNN: {precision: 0.8, recall: 0.8, f1: 0.8}
            """;

    @BeforeAll
    static void setUp() throws IOException {
        csv = Fixtures.syntheticCsv(dir, 150, 3);
        config = Fixtures.config(csv).models(MODELS).protocols(PROTOCOLS).append(REFERENCE).write(dir, "test.yaml");
        out = dir.resolve("corrected");
        var r = TestCli.run(args("corrected", 2)); // the audit's warnings go to the process's stderr
        assertEquals(0, r.code(), r.err());
        stderr = r.err();
    }

    static String[] args(String name, int threads, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", config.toString(), "--out", dir.resolve(name).toString(),
                "--threads", Integer.toString(threads), "--quiet"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    static Path run(String name, int threads, String... extra) {
        var r = TestCli.run(args(name, threads, extra));
        assertEquals(0, r.code(), r.err());
        return dir.resolve(name);
    }

    static List<Map<String, String>> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] cells = l.split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) row.put(header[i], cells[i]);
            rows.add(row);
        }
        return rows;
    }

    @Test
    void summaryCsvHasCiColumnsAfterEachSdAndTheyMatchTheCorrectedInterval() throws IOException {
        assertEquals("feature_set,protocol,model,n,"
                + "accuracy_mean,accuracy_sd,accuracy_ci_low,accuracy_ci_high,"
                + "balanced_accuracy_mean,balanced_accuracy_sd,balanced_accuracy_ci_low,balanced_accuracy_ci_high,"
                + "macro_precision_mean,macro_precision_sd,macro_precision_ci_low,macro_precision_ci_high,"
                + "macro_recall_mean,macro_recall_sd,macro_recall_ci_low,macro_recall_ci_high,"
                + "macro_f1_mean,macro_f1_sd,macro_f1_ci_low,macro_f1_ci_high,"
                + "paper_f1_mean,paper_f1_sd,paper_f1_ci_low,paper_f1_ci_high,fit_ms_mean,predict_ms_mean,"
                + "log_loss_mean,log_loss_sd,log_loss_ci_low,log_loss_ci_high,brier_mean,brier_sd,brier_ci_low,brier_ci_high,"
                + "roc_auc_ovr_mean,roc_auc_ovr_sd,roc_auc_ovr_ci_low,roc_auc_ovr_ci_high,ece_mean,ece_sd,ece_ci_low,ece_ci_high",
                Files.readAllLines(out.resolve("summary.csv")).get(0));
        List<Map<String, String>> summary = read(out.resolve("summary.csv"));
        assertEquals(2 * 2 * 3, summary.size()); // 2 feature sets x 2 protocols x (2 models + the chance baseline)
        List<Map<String, String>> splits = read(out.resolve("splits.csv"));
        for (Map<String, String> s : summary) {
            List<Map<String, String>> mine = splits.stream().filter(r -> r.get("feature_set").equals(s.get("feature_set"))
                    && r.get("protocol").equals(s.get("protocol")) && r.get("model").equals(s.get("model"))).toList();
            assertEquals(Integer.parseInt(s.get("n")), mine.size());
            for (Metric m : Metric.ALL) {
                double low = Double.parseDouble(s.get(m.column() + "_ci_low"));
                double mean = Double.parseDouble(s.get(m.column() + "_mean"));
                double high = Double.parseDouble(s.get(m.column() + "_ci_high"));
                assertTrue(low <= mean && mean <= high, s.toString());
            }
            // Macro F1's interval recomputed from splits.csv: mean ± t(0.975, J-1) sqrt((1/J + test/train) s²)
            double[] v = mine.stream().mapToDouble(r -> Double.parseDouble(r.get("macro_f1"))).toArray();
            double test = mine.stream().mapToDouble(r -> Double.parseDouble(r.get("test_size"))).average().orElseThrow();
            double train = mine.stream().mapToDouble(r -> Double.parseDouble(r.get("train_size"))).average().orElseThrow();
            int j = v.length;
            double mean = Arrays.stream(v).average().orElseThrow();
            double ss = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (j - 1);
            double half = new TDistribution(j - 1).quantile(0.975) * Math.sqrt((1.0 / j + test / train) * ss);
            // (clipped to [0, 1]: the leaking feature set scores near 1)
            assertEquals(Math.max(0, mean - half), Double.parseDouble(s.get("macro_f1_ci_low")), 1e-5, s.toString());
            assertEquals(Math.min(1, mean + half), Double.parseDouble(s.get("macro_f1_ci_high")), 1e-5, s.toString());
        }
    }

    @Test
    void comparisonsAgainstTheBestByMacroF1() throws IOException {
        assertEquals("feature_set,protocol,model,best_model,metric,mean_diff,ci_low,ci_high,t,p,p_holm,significantly_worse",
                Files.readAllLines(out.resolve("comparisons.csv")).get(0));
        List<Map<String, String>> all = read(out.resolve("comparisons.csv"));
        // per feature set and protocol and compared metric (macro F1, then the four probability metrics): the other of two models
        assertEquals(2 * 2 * 5, all.size());
        assertEquals(List.of("macro_f1", "log_loss", "brier", "roc_auc_ovr", "ece"), all.stream().limit(5).map(c -> c.get("metric")).toList());
        List<Map<String, String>> comparisons = all.stream().filter(c -> c.get("metric").equals("macro_f1")).toList();
        List<Map<String, String>> summary = read(out.resolve("summary.csv"));
        for (Map<String, String> c : comparisons) {
            Map<String, String> model = find(summary, c, c.get("model"));
            Map<String, String> best = find(summary, c, c.get("best_model"));
            assertNotEquals(c.get("model"), c.get("best_model"));
            assertTrue(Double.parseDouble(best.get("macro_f1_mean")) >= Double.parseDouble(model.get("macro_f1_mean")));
            assertEquals(Double.parseDouble(model.get("macro_f1_mean")) - Double.parseDouble(best.get("macro_f1_mean")),
                    Double.parseDouble(c.get("mean_diff")), 1e-5);
            assertEquals("macro_f1", c.get("metric"));
            assertEquals(c.get("p"), c.get("p_holm")); // one comparison per group: Holm changes nothing
            assertEquals(Double.parseDouble(c.get("p_holm")) < 0.05, Boolean.parseBoolean(c.get("significantly_worse")));
        }
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("| Model | Macro P | Macro R | Macro F1 | Paper F1 | Accuracy | vs best (macro F1) |"), md);
        assertTrue(md.contains("| **best** |"), md);
        assertTrue(md.contains("**vs best (macro F1)**"), md);
    }

    static Map<String, String> find(List<Map<String, String>> summary, Map<String, String> c, String model) {
        return summary.stream().filter(s -> s.get("feature_set").equals(c.get("feature_set"))
                && s.get("protocol").equals(c.get("protocol")) && s.get("model").equals(model)).findFirst().orElseThrow();
    }

    @Test
    void auditFlagsSpacegroupOnlyAndWarns() throws IOException {
        assertEquals("feature_set,protocol,feature,kind,categories,conditional_entropy_bits,pure_share,lookup_accuracy,"
                + "best_single_accuracy,flagged", Files.readAllLines(out.resolve("audit.csv")).get(0));
        List<Map<String, String>> audit = read(out.resolve("audit.csv"));
        // feature set all: 9 features, numeric-only: 6; two protocols each
        assertEquals((9 + 6) * 2, audit.size());
        for (Map<String, String> a : audit) {
            assertEquals(a.get("feature").equals("Spacegroup"), Boolean.parseBoolean(a.get("flagged")), a.toString());
        }
        assertTrue(audit.stream().noneMatch(a -> a.get("feature_set").equals("numeric-only") && a.get("kind").equals("categorical")));
        assertTrue(stderr.contains("WARNING: feature 'Spacegroup' nearly determines 'Crystal System'"), stderr);
        assertFalse(stderr.contains("WARNING: feature 'Formula'"), stderr);
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("## Leakage audit"), md);
        assertTrue(md.contains("| Spacegroup | categorical |") && md.contains("⚠ **flagged**"), md);
        assertTrue(md.contains("The leakage audit flags `Spacegroup`"), md);
    }

    @Test
    void auditCommandPrintsTheTableAndWritesAuditCsv() throws IOException {
        Path o = dir.resolve("audit-only");
        var r = TestCli.run("audit", config.toString(), "--out", o.toString());
        assertEquals(0, r.code(), r.err());
        String md = r.out();
        assertTrue(md.startsWith("# Leakage audit: test"), md);
        assertTrue(md.contains("| Spacegroup | categorical |"), md);
        // The same audit as the run's: same splits, same numbers.
        assertEquals(Files.readString(out.resolve("audit.csv")), Files.readString(o.resolve("audit.csv")));
    }

    @Test
    void provenanceRecordsWhatProducedTheRun() throws IOException, Exception {
        JsonNode p = Json.MAPPER.readTree(Files.readString(out.resolve("provenance.json")));
        String dataHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(csv)));
        assertEquals(dataHash, p.get("data_sha256").asString());
        // The config hash is the SHA-256 of the recorded config in canonical (sorted, compact) JSON, without
        // dataset.path: the data is identified by data_sha256, so the same bytes elsewhere are the same config.
        var identity = (tools.jackson.databind.node.ObjectNode) p.get("config").deepCopy();
        assertEquals(csv.toString(), identity.get("dataset").get("path").asString(), "the record keeps the path");
        ((tools.jackson.databind.node.ObjectNode) identity.get("dataset")).remove("path");
        String compact = new JsonMapper().writeValueAsString(identity);
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(compact.getBytes(StandardCharsets.UTF_8))),
                p.get("config_sha256").asString());
        assertSortedKeys(p.get("config"));
        // Defaults are filled in: tol and max_iter were not in the YAML.
        assertEquals(500, p.get("config").get("models").get(0).get("max_iter").asInt());
        assertEquals(7, p.get("seed").asLong());
        assertEquals(150, p.get("rows_used").asInt());
        assertEquals(150, p.get("rows_read").asInt());
        assertEquals(0, p.get("rows_dropped").asInt());
        assertEquals("Crystal System", p.get("columns_used").get(0).asString());
        assertEquals(10, p.get("columns_used").size());
        assertEquals(2, p.get("threads").asInt());
        assertEquals(Runtime.getRuntime().availableProcessors(), p.get("cores").asInt());
        assertEquals(System.getProperty("java.version"), p.get("java_version").asString());
        assertEquals(System.getProperty("os.arch"), p.get("arch").asString());
        assertEquals("corrected-t", p.get("ci_method").asString());
        assertEquals(0.95, p.get("ci_level").asDouble());
        assertEquals(List.of("run", config.toString(), "--out", out.toString(), "--threads", "2", "--quiet"),
                p.get("command_line").valueStream().map(JsonNode::asString).toList());
        Instant start = Instant.parse(p.get("start_time").asString()), end = Instant.parse(p.get("end_time").asString());
        assertFalse(end.isBefore(start));
        // Wall time is end - start (the recorded instants are cut to milliseconds, hence the tolerance).
        assertEquals(java.time.Duration.between(start, end).toMillis() / 1000.0, p.get("wall_time_seconds").asDouble(), 0.002);
        for (String f : List.of("crystal_bench_version", "smile_version", "java_vendor", "os_name", "os_version", "data_file")) {
            assertTrue(p.hasNonNull(f), f);
        }
        JsonNode commit = p.get("git_commit");
        assertTrue(commit == null || commit.isNull() || commit.asString().matches("[0-9a-f]{40}"), String.valueOf(commit));
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("data sha256 `" + dataHash.substring(0, 12) + "`"), md);
        assertTrue(md.contains("intervals: corrected-t 95%"), md);
    }

    static void assertSortedKeys(JsonNode node) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.propertyNames().forEach(keys::add);
            assertEquals(keys.stream().sorted().toList(), keys);
        }
        node.values().forEach(RunStatsEndToEndTest::assertSortedKeys);
    }

    @Test
    void referenceTableSetsTheStudyBesideOurIntervals() throws IOException {
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("## Comparison with a study\n"), "titled by the reference's own source: " + md);
        assertTrue(md.contains("| Model | Study P | Study R | Study F1 | Our macro F1 | In? | Our paper F1 | In? |"), md);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| LR | 0.500 | ") && l.contains(" [")), md);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| DNN | 0.800 | ") && l.endsWith(" | – | – | – | – |")), md);
        assertTrue(md.contains("**Macro F1** is the mean of per-class F1"), md);
        assertTrue(md.contains("**Paper F1** is the harmonic mean of macro precision and macro recall"), md);
        // The reference block asks for paper F1: report.md's tables show it too.
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("| Model | Splits | Macro F1, mean [CI] | Paper F1, mean [CI] |"), report);
    }

    /** summary.csv without the timing columns, which legitimately vary between runs. */
    static List<String> withoutTimes(Path o) throws IOException {
        return Files.readAllLines(o.resolve("summary.csv")).stream()
                .map(l -> String.join(",", Arrays.copyOf(l.split(","), 28))).toList();
    }

    @Test
    void bootstrapIntervalsAreReproducibleWhateverTheThreadCount() throws IOException {
        List<String> one = withoutTimes(run("boot1", 1, "--ci", "bootstrap"));
        List<String> two = withoutTimes(run("boot2", 2, "--ci", "bootstrap"));
        assertEquals(one, two);
        assertNotEquals(withoutTimes(out), one); // the bootstrap's intervals differ from the corrected ones
        assertTrue(Files.readString(dir.resolve("boot1/provenance.json")).contains("\"ci_method\" : \"bootstrap\""));
    }

    @Test
    void badCiFlagsAreBadInputAndWriteNothing() {
        Path o = dir.resolve("bad");
        assertEquals(ExitCode.BAD_INPUT.code(), TestCli.run("run", config.toString(), "--out", o.toString(), "-q", "--ci", "wald").code());
        assertEquals(ExitCode.BAD_INPUT.code(), TestCli.run("run", config.toString(), "--out", o.toString(), "-q", "--ci-level", "1.5").code());
        assertFalse(Files.exists(o));
    }
}
