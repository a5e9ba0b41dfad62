package org.crystalbench.bench;

import java.util.concurrent.TimeUnit;
import org.crystalbench.features.FeatureEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Preprocessing of one split: fit the encoder (standardisation and one-hot vocabularies) on the
 * training rows, then encode the training and test rows, as every split of a run does first.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class PreprocessBench {
    private Fixture fixture;

    @Setup(Level.Trial)
    public void setup() {
        fixture = Fixture.load();
    }

    @Benchmark
    public void fitTransform(Blackhole bh) {
        FeatureEncoder encoder = FeatureEncoder.fit(fixture.data, fixture.features, fixture.split.train());
        bh.consume(encoder.transform(fixture.data, fixture.split.train()));
        bh.consume(encoder.transform(fixture.data, fixture.split.test()));
    }
}
