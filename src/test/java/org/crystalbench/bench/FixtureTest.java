package org.crystalbench.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.crystalbench.evaluation.FitPath;
import org.junit.jupiter.api.Test;

/**
 * With JMH's {@code -f 0} (the perf gate's rounds) every benchmark runs in one JVM: the fixture is built once and
 * each prediction benchmark's model is fitted once, shared by the single-row and batch benchmarks (issue 25),
 * and predicts as a fresh fit does.
 */
class FixtureTest {
    @Test
    void oneFixtureAndOneFittedModelPerJvm() {
        Fixture f = Fixture.shared();
        assertSame(f, Fixture.shared());
        var nb = f.fitted("NB");
        assertSame(nb, f.fitted("NB"));
        var fresh = f.fit("NB"); // what TrainBench measures: a new fit every time
        assertNotSame(nb, fresh);
        double[][] x = f.encoder.transform(f.data, f.cycleTestRows(50));
        assertArrayEquals(FitPath.predict(fresh, x), FitPath.predict(nb, x));
    }
}
