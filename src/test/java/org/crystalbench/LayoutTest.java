package org.crystalbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package layout shows the flow: each package may use only packages before it in {@link #ORDER}
 * (data → features → splits → models → metrics → evaluation → stats → results → report, with the
 * neutral io first and the operations, commands and benchmarks last). A strict order admits no
 * cycles, keeps stats free of run-level types and keeps main from depending on the benchmarks.
 */
class LayoutTest {
    static final List<String> ORDER = List.of("io", "metrics", "splits", "models", "chemistry", "config", "data", "features", "synth",
            "evaluation", "stats", "audit", "provenance", "perf", "results", "report", "bundle", "run",
            "grid.plan", "grid.journal", "grid.search", "grid.fit", "grid", "suite", "cli", "bench");

    // A sub-package (grid.plan) is a package of its own: its name runs to the first capitalised segment (a class).
    private static final Pattern USE = Pattern.compile("org\\.crystalbench\\.((?:[a-z]+\\.)*[a-z]+)\\.[A-Z]");
    private static final Pattern PACKAGE = Pattern.compile("^package org\\.crystalbench(?:\\.([a-z.]+))?;", Pattern.MULTILINE);

    @Test
    void everyPackageUsesOnlyPackagesBeforeIt() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path root : List.of(Path.of("src/main/java"), Path.of("benchmarks/src/main/java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = code(Files.readString(f));
                    Matcher pm = PACKAGE.matcher(text);
                    if (!pm.find()) throw new AssertionError(f + ": no package line");
                    String own = pm.group(1);
                    if (own == null) { // the root package (InputException, ExitCode, BuildInfo) uses no other
                        if (USE.matcher(text).find()) violations.add(f + ": the root package uses a subpackage");
                        continue;
                    }
                    int rank = ORDER.indexOf(own);
                    if (rank < 0) {
                        violations.add(f + ": package '" + own + "' is not in LayoutTest.ORDER");
                        continue;
                    }
                    var used = new TreeSet<String>();
                    Matcher m = USE.matcher(text);
                    while (m.find()) used.add(m.group(1));
                    for (String u : used) {
                        if (!u.equals(own) && ORDER.indexOf(u) > rank) violations.add(f.getFileName() + ": " + own + " -> " + u);
                        if (ORDER.indexOf(u) < 0) violations.add(f.getFileName() + ": uses unknown package '" + u + "'");
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
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
