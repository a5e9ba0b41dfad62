package org.crystalbench.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.evaluation.Importance;
import org.crystalbench.io.AtomicFiles;
import org.crystalbench.io.Csv;
import org.crystalbench.io.CsvTable;
import org.crystalbench.splits.Protocol;
import org.crystalbench.splits.Seeds;
import org.crystalbench.stats.CiSpec;
import org.crystalbench.stats.Describe;
import org.crystalbench.stats.Interval;
import org.crystalbench.stats.Resampling;

/**
 * importance.csv ({@code run --importance}): per feature set, protocol, model and input, the permutation
 * importance (drop in macro F1 on the test rows) averaged over splits, its SD and the run's interval of
 * the mean (corrected over the splits like every other score; not clipped: a drop can be negative).
 */
public final class ImportanceTable {
    private ImportanceTable() {}

    public static final String FILE = "importance.csv";
    public static final List<String> COLUMNS = List.of("feature_set", "protocol", "model", "feature", "n",
            "f1_drop_mean", "f1_drop_sd", "f1_drop_ci_low", "f1_drop_ci_high");

    public record Row(String featureSet, Protocol protocol, String model, String feature, int n, double mean, double sd,
                      Interval ci) {}

    /** One row per (feature set, protocol, model, input), in the order the per-split values come. */
    public static List<Row> rows(List<Importance> perSplit, CiSpec ci, long seed) {
        record Key(String featureSet, Protocol protocol, String model, String feature) {}
        Map<Key, List<Importance>> groups = new LinkedHashMap<>();
        for (Importance i : perSplit) {
            groups.computeIfAbsent(new Key(i.featureSet(), i.split().protocol(), i.model(), i.feature()), k -> new ArrayList<>()).add(i);
        }
        List<Row> out = new ArrayList<>();
        for (var g : groups.entrySet()) {
            Key k = g.getKey();
            List<Importance> v = g.getValue();
            double[] drops = v.stream().mapToDouble(Importance::drop).toArray();
            double ratio = Resampling.testTrainRatio(v, Importance::testSize, Importance::trainSize);
            String cell = Seeds.cell("importance", k.featureSet(), k.protocol(), k.model(), k.feature());
            Interval interval = Resampling.interval(ci.method(), drops, ratio, ci.level(), Seeds.bootstrap(seed, cell, 0));
            out.add(new Row(k.featureSet(), k.protocol(), k.model(), k.feature(), drops.length, Describe.mean(drops),
                    Describe.sd(drops), interval));
        }
        return out;
    }

    public static void write(Path dir, List<Row> rows) {
        List<List<?>> cells = new ArrayList<>();
        for (Row r : rows) {
            cells.add(List.of(r.featureSet(), r.protocol(), r.model(), r.feature(), r.n(), r.mean(), r.sd(), r.ci().low(),
                    r.ci().high()));
        }
        AtomicFiles.write(dir.resolve(FILE), Csv.of(COLUMNS, cells));
    }

    public static List<Row> read(Path file) {
        CsvTable t = CsvTable.read(file, COLUMNS);
        return t.map(r -> new Row(t.text(r, "feature_set"), t.parse(r, "protocol", Protocol::of), t.text(r, "model"),
                t.text(r, "feature"), t.integer(r, "n"), t.num(r, "f1_drop_mean"), t.num(r, "f1_drop_sd"),
                new Interval(t.num(r, "f1_drop_ci_low"), t.num(r, "f1_drop_ci_high"))));
    }
}
