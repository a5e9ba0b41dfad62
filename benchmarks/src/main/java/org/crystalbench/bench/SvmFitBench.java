package org.crystalbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.crystalbench.models.Model;
import org.crystalbench.models.SvmSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * libsvm's fit against scikit-learn's {@code SVC} (issue 21): one SVM fit ({@code sigma: auto}, C 1, the defaults)
 * on every row of a numeric CSV written by {@code scripts/export-sklearn-datasets.py} (an {@code id} column first, the
 * {@code class} column last; e.g. digits, 1,797 rows), features standardised, with and without probabilities.
 * {@code scripts/sklearn-svm-timing.py} times scikit-learn on the same rows. The file is given by the system property
 * {@value #DATA_PROPERTY}; without it, the fixture's 271-row training split. Not in {@code bench}'s default set:
 * {@code java -cp target/crystal-bench.jar org.openjdk.jmh.Main SvmFitBench -jvmArgsAppend -Dcrystalbench.svmdata=FILE}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class SvmFitBench {
    public static final String DATA_PROPERTY = "crystalbench.svmdata";

    @Param({"true", "false"})
    public boolean probability;

    private double[][] x;
    private int[] y;
    private int classes;
    private SvmSpec spec;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        String file = System.getProperty(DATA_PROPERTY);
        if (file == null) {
            Fixture f = Fixture.load();
            x = f.xTrain;
            y = f.yTrain;
            classes = f.classes;
        } else {
            read(Path.of(file));
        }
        spec = new SvmSpec("SVM", null, null, 1.0, null, null, null, null, null, null, probability, null, null);
    }

    private void read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        x = new double[lines.size() - 1][];
        String[] label = new String[x.length];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            double[] row = new double[f.length - 2];
            for (int j = 0; j < row.length; j++) row[j] = Double.parseDouble(f[j + 1]);
            x[i - 1] = row;
            label[i - 1] = f[f.length - 1];
        }
        List<String> sorted = java.util.Arrays.stream(label).distinct().sorted().toList(); // classes as crystal-bench orders them
        y = java.util.Arrays.stream(label).mapToInt(sorted::indexOf).toArray();
        classes = sorted.size();
        int p = x[0].length;
        for (int j = 0; j < p; j++) { // standardise as StandardScaler does (population SD; a constant column stays 0)
            double mean = 0, ss = 0;
            for (double[] r : x) mean += r[j] / x.length;
            for (double[] r : x) ss += (r[j] - mean) * (r[j] - mean);
            double sd = Math.sqrt(ss / x.length);
            for (double[] r : x) r[j] = (r[j] - mean) / (sd == 0 ? 1 : sd);
        }
    }

    @Benchmark
    public Model fit() {
        return spec.fit(x, y, classes, 42);
    }
}
