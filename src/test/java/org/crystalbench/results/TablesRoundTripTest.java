package org.crystalbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.InputException;
import org.crystalbench.audit.AuditTable;
import org.crystalbench.audit.FeatureAudit;
import org.crystalbench.metrics.Metric;
import org.crystalbench.splits.Protocol;
import org.crystalbench.stats.Interval;
import org.crystalbench.stats.Resampling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every table owner reads back exactly the typed rows it wrote (values exact in 6 significant digits). */
class TablesRoundTripTest {
    @TempDir
    Path dir;

    static Map<Metric, Double> scores(double base) {
        Map<Metric, Double> out = new EnumMap<>(Metric.class);
        Metric.ALL.forEach(m -> out.put(m, base + m.ordinal() / 8.0));
        return out;
    }

    static Map<Metric, Estimate> stats(boolean withSd) {
        return stats(withSd, Metric.ALL);
    }

    /** Estimates of {@code metrics} (grid tables carry the label metrics only). */
    static Map<Metric, Estimate> stats(boolean withSd, List<Metric> metrics) {
        Map<Metric, Estimate> out = new EnumMap<>(Metric.class);
        metrics.forEach(m -> out.put(m, new Estimate(0.5 + m.ordinal() / 64.0, withSd ? 0.0625 : Double.NaN,
                new Interval(0.25, m == Metric.ACCURACY ? Double.NaN : 0.75))));
        return out;
    }

    @Test
    void splits() {
        var rows = List.of(new SplitsTable.Row("paper", Protocol.HOLDOUT, "LR", 0, 0, scores(0.25), 270, 69, 12.5, 0.25),
                new SplitsTable.Row("a, \"quoted\" set", Protocol.CV, "NB", 3, 4, scores(0), 271, 68, 1, 0));
        SplitsTable.write(dir, rows);
        assertEquals(rows, SplitsTable.read(dir.resolve(SplitsTable.FILE)));
    }

    @Test
    void summary() {
        var rows = List.of(new SummaryTable.Row("paper", Protocol.CV, "Voting-soft", 50, stats(true), 123.5, 0.5));
        SummaryTable.write(dir, rows);
        assertEquals(rows, SummaryTable.read(dir.resolve(SummaryTable.FILE)));
    }

    @Test
    void comparisons() {
        var rows = List.of(new Comparison("paper", Protocol.HOLDOUT, "NB", "LR", Metric.MACRO_F1,
                new Resampling.PairedTest(-0.125, new Interval(-0.25, 0), -2.5, 0.03125), 0.0625, false));
        ComparisonsTable.write(dir, rows);
        assertEquals(rows, ComparisonsTable.read(dir.resolve(ComparisonsTable.FILE)));
    }

    @Test
    void perClassConfusionAndManifest() {
        var perClass = List.of(new PerClassTable.Row("paper", Protocol.CV, "LR", 1, 2, "monoclinic", 0.5, 0.25, 1.0 / 3, 12));
        PerClassTable.write(dir, perClass);
        assertEquals(List.of(new PerClassTable.Row("paper", Protocol.CV, "LR", 1, 2, "monoclinic", 0.5, 0.25, 0.333333, 12)),
                PerClassTable.read(dir.resolve(PerClassTable.FILE)), "6 significant digits");
        var confusion = List.of(new ConfusionTable.Row("paper", Protocol.HOLDOUT, "NB", "triclinic", "monoclinic", 42));
        ConfusionTable.write(dir, confusion);
        assertEquals(confusion, ConfusionTable.read(dir.resolve(ConfusionTable.FILE)));
        var manifest = List.of(new ManifestTable.Row(Protocol.HOLDOUT, 0, 0, 270, 69, "ab12", "a=30;b=39", -1, -1));
        ManifestTable.write(dir, manifest);
        assertEquals(manifest, ManifestTable.read(dir.resolve(ManifestTable.FILE)));
    }

    @Test
    void gridAndNested() {
        Map<String, String> svm = new LinkedHashMap<>();
        svm.put("C", "10");
        svm.put("sigma", "0.5");
        var grid = List.of(new GridTable.Row("paper", "SVM", "SVM-000", "c483", svm, 6, stats(false, Metric.LABEL), 112.5, 0, 0, "dropped", 2, 10),
                new GridTable.Row("paper", "Voting", "Voting-001", "9f00", Map.of("weights", "[2,1,1]"), 0, stats(false, Metric.LABEL), Double.NaN, 6, 0, "kept", 0, 6));
        GridTable.write(dir, grid);
        assertEquals(grid, GridTable.read(dir.resolve(GridTable.FILE)));
        assertEquals(List.of("C", "sigma", "weights"), GridTable.paramKeys(grid));
        var nested = List.of(new NestedTable.Row("paper", "SVM", 3, stats(false, Metric.LABEL), 0, Map.of("SVM-002", 1, "SVM-003", 2)),
                new NestedTable.Row("paper", "LR", 0, stats(false, Metric.LABEL), 3, Map.of()));
        NestedTable.write(dir, nested);
        assertEquals(nested, NestedTable.read(dir.resolve(NestedTable.FILE)));
    }

    @Test
    void audit() {
        var rows = List.of(new AuditTable.Row("paper", new FeatureAudit(Protocol.HOLDOUT, "Spacegroup", FeatureAudit.Kind.CATEGORICAL,
                        21, 0.0, 1.0, 0.96875, null, true)),
                new AuditTable.Row("paper", new FeatureAudit(Protocol.CV, "Volume", FeatureAudit.Kind.NUMERIC, null, null, null, null, 0.375, false)));
        AuditTable.write(dir, rows);
        assertEquals(rows, AuditTable.read(dir.resolve(AuditTable.FILE)));
    }

    @Test
    void readErrorsNameFileLineAndColumn() throws IOException {
        ConfusionTable.write(dir, List.of(new ConfusionTable.Row("paper", Protocol.CV, "LR", "a", "b", 1)));
        Path f = dir.resolve(ConfusionTable.FILE);
        Files.writeString(f, Files.readString(f) + "paper,loo,LR,a,b,1\npaper,cv,LR,a,b,many\n");
        var e = assertThrows(InputException.class, () -> ConfusionTable.read(f));
        assertEquals(f + ": line 3: column 'protocol': unknown protocol 'loo' (holdout, cv, outer, inner, grouped-holdout, grouped-cv, ordered)", e.getMessage());
        Files.writeString(f, "feature_set,protocol,model,true_class,predicted_class,count\npaper,cv,LR,a,b,many\n");
        e = assertThrows(InputException.class, () -> ConfusionTable.read(f));
        assertEquals(f + ": line 2: column 'count': not a whole number: 'many'", e.getMessage());
        e = assertThrows(InputException.class, () -> SummaryTable.read(dir.resolve("none.csv")));
        assertTrue(e.getMessage().endsWith("none.csv: file not found"), e.getMessage());
    }
}
