package org.crystalbench.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.crystalbench.Fixtures;
import org.crystalbench.TestCli;
import org.crystalbench.audit.LeakageTable;
import org.crystalbench.audit.SplitLeakage;
import org.crystalbench.config.ConfigLoader;
import org.crystalbench.grid.plan.GridPlan;
import org.crystalbench.grid.plan.GridSplits;
import org.crystalbench.results.ConformalTable;
import org.crystalbench.splits.Protocol;
import org.crystalbench.splits.Split;
import org.crystalbench.splits.SplitId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grouped protocols end to end: run (any --threads), the audit's shared rows, conformal sets, grid with nested CV. */
class GroupedProtocolsTest {
    @TempDir
    Path dir;

    static final String PROTOCOLS = """
            groups: {column: Formula, key: composition}
            cv: {repeats: 2, folds: 3}
            grouped_holdout: {repeats: 2}
            grouped_cv: {repeats: 2, folds: 3}
            ordered: {column: Volume}
            """;

    Path config(Path data, String protocols, String extra) throws Exception {
        return Fixtures.config(data).featureSets(Fixtures.NUMERIC_SET).protocols(protocols)
                .models("- {name: LR, type: logistic, lambda: 0.1}\n- {name: NB, type: naive-bayes}\n"
                        + "- {name: Soft, type: voting, members: [LR, NB], rule: soft}").append(extra).write(dir, "c.yaml");
    }

    static void assertNoGroupOnBothSides(Split s, String[] groups) {
        var train = new HashSet<String>();
        for (int i : s.train()) train.add(groups[i]);
        for (int i : s.test()) assertFalse(train.contains(groups[i]), s.label() + ": '" + groups[i] + "' on both sides");
    }

    /** splits.csv without its timing columns. */
    static List<String> withoutTimes(Path file) throws Exception {
        return Files.readAllLines(file).stream().map(l -> l.replaceAll(",[0-9.]+,[0-9.]+,([^,]*,[^,]*,[^,]*,[^,]*)$", ",$1")).toList();
    }

    @Test
    void groupedRunKeepsGroupsApartIsBitIdenticalAcrossThreadsAndAuditsSharedGroups() throws Exception {
        Path data = Fixtures.syntheticCsv(dir, 240, 5);
        Path config = config(data, PROTOCOLS, "");
        var cfg = ConfigLoader.load(config);
        Experiment exp = Experiment.prepare(cfg, config);
        assertTrue(new HashSet<>(List.of(exp.groups())).size() < exp.data().size() / 2, "synthetic formulas repeat");
        for (Protocol p : List.of(Protocol.GROUPED_HOLDOUT, Protocol.GROUPED_CV)) {
            assertFalse(exp.splits(p).isEmpty());
            for (Split s : exp.splits(p)) assertNoGroupOnBothSides(s, exp.groups());
        }
        var one = TestCli.run("run", config.toString(), "--out", dir.resolve("t1").toString(), "--threads", "1", "--quiet",
                "--coverage", "0.8,0.9");
        var two = TestCli.run("run", config.toString(), "--out", dir.resolve("t2").toString(), "--threads", "2", "--quiet",
                "--coverage", "0.8,0.9");
        assertEquals(0, one.code(), one.err());
        assertEquals(0, two.code(), two.err());
        for (String f : List.of("splits-manifest.csv", "leakage.csv", "conformal.csv", "per-class.csv", "confusion.csv")) {
            assertEquals(Files.readString(dir.resolve("t1").resolve(f)), Files.readString(dir.resolve("t2").resolve(f)), f);
        }
        assertEquals(withoutTimes(dir.resolve("t1/splits.csv")), withoutTimes(dir.resolve("t2/splits.csv")));
        assertTrue(one.err().contains("WARNING: protocol 'cv'") && one.err().contains("in training"), one.err());
        assertFalse(one.err().contains("protocol 'grouped-cv'"), one.err());
        Map<Protocol, SplitLeakage> leak = new java.util.HashMap<>();
        for (SplitLeakage l : LeakageTable.read(dir.resolve("t1/leakage.csv"))) leak.put(l.protocol(), l);
        assertTrue(leak.get(Protocol.CV).testGroupShare() > 0.5 && leak.get(Protocol.CV).flagged());
        assertEquals(0, leak.get(Protocol.GROUPED_CV).testGroupRowsMax());
        assertEquals(0, leak.get(Protocol.GROUPED_HOLDOUT).testGroupRowsMax());
        assertFalse(leak.get(Protocol.GROUPED_CV).flagged());
        String manifest = Files.readString(dir.resolve("t1/splits-manifest.csv"));
        assertTrue(manifest.lines().filter(l -> l.startsWith("grouped-")).allMatch(l -> l.endsWith(",0")), manifest);
        var sets = ConformalTable.read(dir.resolve("t1/conformal.csv"));
        assertEquals(4 * 4 * 2 * 2, sets.size()); // (cv, grouped-holdout, grouped-cv, ordered) x (3 models + chance) x 2 methods x 2 levels
        String summary = Files.readString(dir.resolve("t1/summary.md"));
        assertTrue(summary.contains("Repeated grouped 3-fold CV by Formula (reduced composition)"), summary);
        assertTrue(summary.contains("## Prediction sets (conformal)") && summary.contains("### Rows shared between training and test"));
        // report.md puts random and grouped CV side by side, with the share of random test rows whose group is in training.
        String report = Files.readString(dir.resolve("t1/report.md"));
        assertTrue(report.contains("## Random vs grouped splits"), report);
        assertTrue(report.contains(String.format(java.util.Locale.ROOT, "Under cv, %.1f%% of the test rows have their group in the "
                + "training rows", 100 * leak.get(Protocol.CV).testGroupShare())), report);
        assertTrue(report.contains("| Model | cv macro F1 | grouped-cv macro F1 | Difference |"), report);
        assertTrue(report.contains("figures/split-gap-"), "the side-by-side figure");
        assertTrue(report.contains("figures/conformal-size-"), "set sizes drawn beside coverage");
    }

    @Test
    void gridOnGroupedCvGroupsItsNestedOuterAndInnerFolds() throws Exception {
        Path data = Fixtures.syntheticCsv(dir, 240, 6);
        Path config = config(data, "groups: {column: Formula}\ngrouped_cv: {repeats: 1, folds: 3}\n", """
                grid:
                  models:
                    LR: {lambda: [0.01, 1.0]}
                  nested:
                    outer: {repeats: 1, folds: 3}
                    inner: {repeats: 1, folds: 3}
                """);
        var cfg = ConfigLoader.load(config);
        GridPlan plan = GridPlan.of(cfg, config);
        Experiment exp = Experiment.prepare(cfg, config);
        Map<SplitId, Split> splits = GridSplits.make(plan.config(), exp.data(), exp.splits(Protocol.GROUPED_CV), exp.groups());
        assertEquals(plan.splits(), List.copyOf(splits.keySet()));
        assertEquals(3 + 3 + 9, splits.size());
        for (Split s : splits.values()) assertNoGroupOnBothSides(s, exp.groups());
        var r = TestCli.run("grid", config.toString(), "--out", dir.resolve("g").toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(dir.resolve("g/grid.csv")).contains("grouped-cv") || Files.exists(dir.resolve("g/nested.csv")));
    }

    @Test
    void groupedProtocolsWithoutGroupsOrWithAnUnknownColumnAreBadInput() throws Exception {
        Path data = Fixtures.syntheticCsv(dir, 60, 7);
        var r = TestCli.run("run", config(data, "grouped_cv: {repeats: 1, folds: 3}\n", "").toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("grouped_holdout and grouped_cv need 'groups: {column: ...}'"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        r = TestCli.run("run", config(data, "groups: {column: Nope}\ngrouped_cv: {repeats: 1, folds: 3}\n", "").toString(),
                "--out", dir.resolve("o").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(":1: column 'Nope': not in the header"), r.err());
        r = TestCli.run("run", config(data, "groups: {column: Spacegroup, key: composition}\ngrouped_cv: {repeats: 1, folds: 3}\n", "").toString(),
                "--out", dir.resolve("o").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("column 'Spacegroup'") && r.err().contains("is not a formula"), r.err());
        assertFalse(Files.exists(dir.resolve("o")));
    }
}
