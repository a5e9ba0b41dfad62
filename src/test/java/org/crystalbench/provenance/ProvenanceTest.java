package org.crystalbench.provenance;

import org.crystalbench.io.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.crystalbench.Fixtures;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.evaluation.Experiment;
import org.crystalbench.stats.CiSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {
    @TempDir
    Path dir;

    Experiment experiment(String models) throws Exception {
        Path csv = Fixtures.syntheticCsv(dir, 60, 2);
        Path cfg = Fixtures.config(csv).models(models).protocols("holdout: {repeats: 2}\n").write(dir, "p.yaml");
        return Experiment.prepare(ConfigLoader.load(cfg), cfg);
    }

    @Test
    void writesAndReadsBackTheSameRecord() throws Exception {
        Experiment exp = experiment("- {name: LR, type: logistic}\n");
        Instant start = Instant.parse("2026-01-02T03:04:05.100Z"), end = Instant.parse("2026-01-02T03:04:07.350Z");
        Provenance p = Provenance.capture(exp, List.of("run", "p.yaml"), 3, start, end, CiSpec.DEFAULT);
        Provenance back = Provenance.read(p.write(dir));
        // Compared as JSON: numeric nodes of the config may come back as another node type of equal value.
        assertEquals(Json.MAPPER.writeValueAsString(p), Json.MAPPER.writeValueAsString(back));
        assertEquals(p.dataSha256(), back.dataSha256());
        assertEquals(2.25, p.wallTimeSeconds(), 1e-9);
        assertEquals("2026-01-02T03:04:05.100Z", p.startTime());
        assertEquals(3, p.threads());
        assertEquals(60, p.rowsUsed());
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(dir.resolve("synthetic-60-2.csv"))));
        assertEquals(hash, p.dataSha256());
        assertTrue(p.shortForm().contains("data sha256 `" + hash.substring(0, 12) + "`"), p.shortForm());
        assertTrue(p.shortForm().contains("(2.3 s)") || p.shortForm().contains("(2.2 s)"), p.shortForm());
        // Commands without intervals leave them out.
        Provenance none = Provenance.capture(exp, List.of("audit"), 1, start, end, null);
        assertNull(none.ciMethod());
        assertTrue(!Files.readString(none.write(dir)).contains("ci_method"));
    }

    @Test
    void configHashFollowsTheResolvedConfig() throws Exception {
        Experiment a = experiment("- {name: LR, type: logistic}\n");
        Experiment same = experiment("- {name: LR, type: logistic, lambda: 0.1}\n"); // the default, written out
        Experiment other = experiment("- {name: LR, type: logistic, lambda: 0.2}\n");
        Instant t = Instant.now();
        String h = Provenance.capture(a, List.of(), 1, t, t, null).configSha256();
        assertEquals(h, Provenance.capture(same, List.of(), 1, t, t, null).configSha256());
        assertNotEquals(h, Provenance.capture(other, List.of(), 1, t, t, null).configSha256());
        String canonical = org.crystalbench.io.Canonical.json(a.config().withDataPath(null));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8))), h);
        assertEquals(a.config().hash(), h, "provenance.json and grid-meta.json record one config hash");
    }
}
