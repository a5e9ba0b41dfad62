package org.crystalbench.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No two classes of perf use each other, directly or around a loop (issue 25): the runner uses the forks, the
 * rule and the tables; the tables use the results, never the runner. A use is the class's simple name in code
 * (comments and strings left out), which is how a class of the same package is referred to.
 */
class ClassCyclesTest {
    private static final Path DIR = Path.of("src/main/java/org/crystalbench/perf");
    private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\])*\"");

    @Test
    void perfClassesFormNoCycle() throws IOException {
        assertEquals(List.of(), cycles(uses(DIR)));
    }

    @Test
    void aLoopOfTwoOrThreeClassesIsFound() {
        var g = new TreeMap<String, TreeSet<String>>(Map.of("A", new TreeSet<>(List.of("B")), "B", new TreeSet<>(List.of("C")),
                "C", new TreeSet<>(List.of("A")), "D", new TreeSet<>(List.of("A"))));
        assertEquals(List.of("A -> B -> C -> A"), cycles(g));
    }

    static TreeMap<String, TreeSet<String>> uses(Path dir) throws IOException {
        var code = new TreeMap<String, String>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java")).toList()) {
                code.put(f.getFileName().toString().replace(".java", ""), COMMENTS.matcher(Files.readString(f)).replaceAll(" "));
            }
        }
        var g = new TreeMap<String, TreeSet<String>>();
        code.forEach((c, text) -> {
            var used = new TreeSet<String>();
            for (String other : code.keySet()) {
                if (!other.equals(c) && Pattern.compile("\\b" + other + "\\b").matcher(text).find()) used.add(other);
            }
            g.put(c, used);
        });
        return g;
    }

    /** Each cycle once, from its smallest class name, found by depth-first search. */
    static List<String> cycles(TreeMap<String, TreeSet<String>> g) {
        var found = new TreeSet<String>();
        for (String start : g.keySet()) walk(g, start, new ArrayList<>(List.of(start)), found);
        return List.copyOf(found);
    }

    private static void walk(Map<String, TreeSet<String>> g, String start, List<String> path, TreeSet<String> found) {
        for (String next : g.getOrDefault(path.getLast(), new TreeSet<>())) {
            if (next.equals(start)) {
                if (path.stream().allMatch(c -> c.compareTo(start) >= 0)) found.add(String.join(" -> ", path) + " -> " + start);
            } else if (!path.contains(next) && next.compareTo(start) > 0) {
                path.add(next);
                walk(g, start, path, found);
                path.removeLast();
            }
        }
    }
}
