package org.crystalbench.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both builds in one JVM: a tiny JMH benchmark class compiled here (not by the test build, whose JMH annotation processor
 * would turn it into a benchmark of the suite), put beside JMH's annotations in a folder, loaded twice.
 */
class SameJvmForkTest {
    static final String SOURCE = """
            package fake;
            import org.openjdk.jmh.annotations.*;
            @State(Scope.Benchmark)
            public class Work {
                public static int setups;
                public static String config;
                @Param({"100", "110"}) public int cost;
                @Setup(Level.Trial) public void setup() { setups++; config = System.getProperty("fake.config"); }
                @Benchmark @OperationsPerInvocation(4) public double spin() {
                    double x = 1;
                    for (int i = 0; i < cost * 50; i++) x = x * 1.0000001 + 1e-9;
                    return x;
                }
            }
            """;
    static final List<String> ANNOTATIONS = List.of("Benchmark", "Setup", "Level", "Param", "State", "Scope", "OperationsPerInvocation");

    @TempDir
    static Path build;

    @BeforeAll
    static void compile() throws Exception {
        Path src = build.resolve("src/fake/Work.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, SOURCE);
        String jmh = Path.of(org.openjdk.jmh.annotations.Benchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-proc:none", "-cp", jmh, "-d", build.resolve("jar").toString(), src.toString());
        assertEquals(0, rc);
        for (String a : ANNOTATIONS) {
            String name = "org/openjdk/jmh/annotations/" + a + ".class";
            Path to = build.resolve("jar").resolve(name);
            Files.createDirectories(to.getParent());
            try (InputStream in = Benchmark().getResourceAsStream("/" + name)) {
                Files.copy(in, to);
            }
        }
    }

    private static Class<?> Benchmark() {
        return org.openjdk.jmh.annotations.Benchmark.class;
    }

    @Test
    void eachBuildHasItsOwnClassesStaticsAndSystemProperties() throws Exception {
        try (URLClassLoader a = SameJvmFork.loader(build.resolve("jar")); URLClassLoader b = SameJvmFork.loader(build.resolve("jar"))) {
            var ia = IsolatedBench.open(a, "fake.Work.spin", Map.of("cost", "100"), Map.of("fake.config", "base.yaml"));
            var ib = IsolatedBench.open(b, "fake.Work.spin", Map.of("cost", "110"), Map.of("fake.config", "head.yaml"));
            Class<?> wa = a.loadClass("fake.Work"), wb = b.loadClass("fake.Work");
            assertNotSame(wa, wb);
            assertSame(a, wa.getClassLoader());
            assertNotSame(wa.getClassLoader().loadClass("org.openjdk.jmh.annotations.Param"), org.openjdk.jmh.annotations.Param.class);
            assertEquals(1, wa.getField("setups").get(null));
            assertEquals(1, wb.getField("setups").get(null));
            assertEquals("base.yaml", wa.getField("config").get(null));
            assertEquals("head.yaml", wb.getField("config").get(null));
            assertEquals(null, System.getProperty("fake.config")); // restored after each setup
            assertEquals(4, ia.opsPerInvocation());
            // the head does 10% more work: the pairs show it (real clocks, thread CPU time; a loose bound for a busy machine; 1 s of
            // warmup, as a busy machine's JIT can leave one build interpreted for a while: with 0.3 s once 0.83)
            var r = SliceRunner.run(ia, ib, new SliceRunner.Settings(1_000_000_000, 1_000_000, 31, 31, Long.MAX_VALUE), new SplittableRandom(2),
                    SliceRunner.Clock.SYSTEM);
            double ratio = Math.exp(r.medianLogRatio(SliceRunner.Slice::cpu));
            assertTrue(ratio > 1.05 && ratio < 1.15, "head / base " + ratio);
        }
    }

    @Test
    void aBuildWithoutTheBenchmarkOrTheValueIsUnavailable() throws Exception {
        try (URLClassLoader a = SameJvmFork.loader(build.resolve("jar"))) {
            var noValue = assertThrows(IsolatedBench.Unavailable.class, () -> IsolatedBench.open(a, "fake.Work.spin", Map.of("cost", "7"), Map.of()));
            assertEquals("@Param cost has no value 7 in this build", noValue.getMessage());
            var noClass = assertThrows(IsolatedBench.Unavailable.class, () -> IsolatedBench.open(a, "fake.Gone.spin", Map.of(), Map.of()));
            assertEquals("no class fake.Gone in this build", noClass.getMessage());
            var noMethod = assertThrows(IsolatedBench.Unavailable.class, () -> IsolatedBench.open(a, "fake.Work.run", Map.of(), Map.of()));
            assertEquals("no @Benchmark Work.run in this build", noMethod.getMessage());
        }
    }

    @Test
    void aBenchmarkRoundTripsThroughItsCommandLineForm() {
        var b = new SameJvmFork.Bench("org.crystalbench.bench.KnownEffectBench.kernel", Map.of(), Map.of("factor", "1.00"), Map.of("factor", "1.10"));
        assertEquals(b, SameJvmFork.Bench.parse(b.arg()));
        assertEquals("KnownEffectBench.kernel{factor=1.00 vs factor=1.10}", b.label());
        assertEquals("KnownEffectBench.kernel", SameJvmResults.strip(b.label()));
    }
}
