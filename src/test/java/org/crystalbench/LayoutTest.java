package org.crystalbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package layout shows the flow (README, "Layout"): named layers, lowest first, each allowed to use only the
 * layers it lists; inside a layer a package may use another only along an edge of {@link #INSIDE}. So io and the
 * domain values know nothing of configs, the engine nothing of tables, stats nothing of runs, and only the
 * operations (one Request → Outcome class per command), cli and the benchmarks may use report. Both lists are acyclic, so no two packages use each other.
 */
class LayoutTest {
    record Layer(String name, List<String> packages, List<String> uses) {}

    static final List<Layer> LAYERS = List.of(
            new Layer("root", List.of(""), List.of()), // InputException, ExitCode, BuildInfo
            new Layer("io", List.of("io"), List.of("root")),
            new Layer("values", List.of("chemistry", "metrics", "splits", "models"), List.of("root", "io")),
            new Layer("config", List.of("config"), List.of("root", "io", "values")),
            new Layer("data", List.of("data", "features", "synth"), List.of("root", "io", "values", "config")),
            new Layer("engine", List.of("evaluation", "audit", "bundle", "grid.plan", "grid.journal", "grid.fit"),
                    List.of("root", "io", "values", "config", "data")),
            new Layer("stats", List.of("stats"), List.of("root", "values")),
            new Layer("results", List.of("provenance", "results", "perf", "grid.search", "grid.results"),
                    List.of("root", "io", "values", "config", "data", "engine", "stats")),
            new Layer("report", List.of("report"), List.of("root", "io", "values", "config", "engine", "stats", "results")),
            new Layer("operations", List.of("run", "grid", "suite", "operations"),
                    List.of("root", "io", "values", "config", "data", "engine", "stats", "results", "report")),
            new Layer("cli", List.of("cli"),
                    List.of("root", "io", "values", "config", "data", "engine", "stats", "results", "report", "operations")),
            new Layer("bench", List.of("bench"),
                    List.of("root", "io", "values", "config", "data", "engine", "stats", "results", "report", "operations")));

    /** The allowed edges between packages of one layer (user → used). */
    static final Map<String, List<String>> INSIDE = Map.ofEntries(
            Map.entry("models", List.of("splits")),
            Map.entry("features", List.of("data")),
            Map.entry("audit", List.of("evaluation")),
            Map.entry("bundle", List.of("evaluation")),
            Map.entry("grid.plan", List.of("evaluation")),
            Map.entry("grid.journal", List.of("grid.plan")),
            Map.entry("grid.fit", List.of("evaluation", "grid.plan", "grid.journal")),
            Map.entry("results", List.of("provenance")),
            Map.entry("grid.search", List.of("results")),
            Map.entry("grid.results", List.of("results", "grid.search")),
            Map.entry("suite", List.of("grid", "run")),
            Map.entry("operations", List.of("grid")));

    // A sub-package (grid.plan) is a package of its own: its name runs to the first capitalised segment (a class).
    private static final Pattern USE = Pattern.compile("org\\.crystalbench\\.((?:[a-z]+\\.)*[a-z]+)\\.(?:[A-Z]|\\*)");
    private static final Pattern PACKAGE = Pattern.compile("^package org\\.crystalbench(?:\\.([a-z.]+))?;", Pattern.MULTILINE);
    private static final List<Path> ROOTS = List.of(Path.of("src/main/java"), Path.of("benchmarks/src/main/java"));

    @Test
    void everyPackageUsesOnlyTheLayersAndEdgesItIsAllowed() throws IOException {
        var sources = new LinkedHashMap<String, String>();
        for (Path root : ROOTS) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) sources.put(f.toString(), Files.readString(f));
            }
        }
        assertEquals(List.of(), violations(sources));
    }

    @Test
    void aForbiddenEdgeIsCaught() { // the rule itself, on made-up sources: across layers, inside a layer, unknown
        assertEquals(List.of("Up.java: stats -> results (layer stats may not use layer results)"),
                violations(Map.of("Up.java", "package org.crystalbench.stats;\nimport org.crystalbench.results.Estimate;\nclass Up {}")));
        assertEquals(List.of("Back.java: splits -> models (no edge inside layer values)"),
                violations(Map.of("Back.java", "package org.crystalbench.splits;\nimport org.crystalbench.models.*;\nclass Back {}")));
        assertEquals(List.of("New.java: package 'gadgets' is in no layer of LayoutTest"),
                violations(Map.of("New.java", "package org.crystalbench.gadgets;\nclass New {}")));
        assertEquals(List.of(), violations(Map.of("Ok.java",
                "package org.crystalbench.stats;\n// org.crystalbench.results.Estimate in a comment\nclass Ok { String s = \"org.crystalbench.report.X\"; }")));
    }

    @Test
    void theAllowedEdgesHaveNoCycle() { // layers only use layers listed before them; INSIDE edges point to earlier packages
        var seen = new ArrayList<String>();
        var order = new ArrayList<String>();
        for (Layer l : LAYERS) {
            assertTrue(seen.containsAll(l.uses()), l.name() + " uses a layer not below it");
            seen.add(l.name());
            order.addAll(l.packages());
        }
        INSIDE.forEach((user, used) -> used.forEach(u -> {
            assertEquals(layerOf(user), layerOf(u), user + " -> " + u + " crosses layers");
            assertTrue(order.indexOf(u) < order.indexOf(user), user + " -> " + u + " points up its layer's list");
        }));
    }

    @Test
    void everyPackageSaysWhatItHoldsAndMayUse() throws IOException {
        var missing = new TreeSet<String>();
        for (Path root : ROOTS) {
            try (Stream<Path> dirs = Files.walk(root)) {
                for (Path d : dirs.filter(Files::isDirectory).toList()) {
                    boolean hasCode;
                    try (Stream<Path> in = Files.list(d)) { hasCode = in.anyMatch(p -> p.toString().endsWith(".java")); }
                    if (hasCode && !d.endsWith("crystalbench") && !Files.exists(d.resolve("package-info.java"))) missing.add(d.toString());
                }
            }
        }
        assertEquals(Set.of(), missing);
    }

    static List<String> violations(Map<String, String> sources) {
        var out = new ArrayList<String>();
        sources.forEach((file, src) -> {
            String name = Path.of(file).getFileName().toString();
            String text = code(src);
            Matcher pm = PACKAGE.matcher(text);
            if (!pm.find()) {
                out.add(name + ": no package line");
                return;
            }
            String own = pm.group(1) == null ? "" : pm.group(1);
            Layer mine = layerOf(own);
            if (mine == null) {
                out.add(name + ": package '" + own + "' is in no layer of LayoutTest");
                return;
            }
            var used = new TreeSet<String>();
            Matcher m = USE.matcher(text);
            while (m.find()) used.add(m.group(1));
            used.remove(own);
            for (String u : used) {
                Layer theirs = layerOf(u);
                if (theirs == null) out.add(name + ": uses package '" + u + "', in no layer of LayoutTest");
                else if (theirs == mine && !INSIDE.getOrDefault(own, List.of()).contains(u))
                    out.add(name + ": " + own + " -> " + u + " (no edge inside layer " + mine.name() + ")");
                else if (theirs != mine && !mine.uses().contains(theirs.name()))
                    out.add(name + ": " + own + " -> " + u + " (layer " + mine.name() + " may not use layer " + theirs.name() + ")");
            }
        });
        return out;
    }

    static Layer layerOf(String pkg) {
        return LAYERS.stream().filter(l -> l.packages().contains(pkg)).findFirst().orElse(null);
    }

    /** The source without comments and string or char literals: a benchmark's name in a string is not a dependency. */
    static String code(String src) {
        var out = new StringBuilder(src.length());
        for (int i = 0; i < src.length(); i++) {
            char c = src.charAt(i);
            char next = i + 1 < src.length() ? src.charAt(i + 1) : 0;
            if (c == '/' && next == '/') {
                while (i < src.length() && src.charAt(i) != '\n') i++;
                out.append('\n');
            } else if (c == '/' && next == '*') {
                i = src.indexOf("*/", i + 2) + 1;
                if (i == 0) break;
            } else if (src.startsWith("\"\"\"", i)) {
                i = src.indexOf("\"\"\"", i + 3) + 2;
                if (i == 1) break;
            } else if (c == '"' || c == '\'') {
                for (i++; i < src.length() && src.charAt(i) != c; i++) if (src.charAt(i) == '\\') i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
