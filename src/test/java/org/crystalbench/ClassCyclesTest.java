package org.crystalbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.crystalbench.models.ModelSpec;
import org.junit.jupiter.api.Test;

/**
 * No two classes of one package use each other, directly or around a loop (issue 22), in every package of src/main
 * (LayoutTest keeps the packages themselves acyclic). The one exception is a sealed hierarchy: {@link ModelSpec}
 * names the specs it permits and they implement it. A use is another class's simple name in code (comments and
 * strings left out), which is how a class of the same package is referred to.
 */
class ClassCyclesTest {
    private static final Path ROOT = Path.of("src/main/java/org/crystalbench");
    private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\])*\"");

    /**
     * Not met (issue 22): libsvm's fit, split out of SvmSpec (issue 30), builds SvmSpec.Libsvm, the fitted model whose
     * serialized name bundles carry, so it cannot move out of SvmSpec without breaking saved bundles.
     */
    private static final Set<String> FIT_HELPERS = Set.of("LibsvmFit");

    @Test
    void noPackageHasAClassCycleButTheSealedModelSpecs() throws IOException {
        var found = new ArrayList<String>();
        try (Stream<Path> dirs = Files.walk(ROOT)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String pkg = ROOT.relativize(dir).toString().replace('/', '.');
                for (List<String> loop : loops(uses(dir))) {
                    if (pkg.equals("models") && loop.stream().allMatch(c -> isSpec(c) || FIT_HELPERS.contains(c))) continue;
                    String name = pkg + ": " + String.join(", ", loop);
                    found.add(name);
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void aLoopOfTwoOrThreeClassesIsFoundAndATreeIsNot() {
        var g = new TreeMap<String, Set<String>>(Map.of("A", Set.of("B"), "B", Set.of("C"), "C", Set.of("A"), "D", Set.of("A", "E"),
                "E", Set.of()));
        assertEquals(List.of(List.of("A", "B", "C")), loops(g));
        assertEquals(List.of(), loops(new TreeMap<>(Map.of("A", Set.of("B"), "B", Set.of(), "C", Set.of("A", "B")))));
    }

    private static boolean isSpec(String simpleName) {
        try {
            return ModelSpec.class.isAssignableFrom(Class.forName("org.crystalbench.models." + simpleName));
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Each class of {@code dir} (not its sub-packages) and the other classes of {@code dir} it names. */
    static TreeMap<String, Set<String>> uses(Path dir) throws IOException {
        var code = new TreeMap<String, String>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java")).toList()) {
                code.put(f.getFileName().toString().replace(".java", ""), COMMENTS.matcher(Files.readString(f)).replaceAll(" "));
            }
        }
        var g = new TreeMap<String, Set<String>>();
        code.forEach((c, text) -> {
            var used = new TreeSet<String>();
            for (String other : code.keySet()) {
                if (!other.equals(c) && Pattern.compile("\\b" + other + "\\b").matcher(text).find()) used.add(other);
            }
            g.put(c, used);
        });
        return g;
    }

    /** The strongly connected components of more than one class (Tarjan), each sorted, in order of their first class. */
    static List<List<String>> loops(TreeMap<String, Set<String>> g) {
        var index = new HashMap<String, Integer>();
        var low = new HashMap<String, Integer>();
        var stack = new ArrayList<String>();
        var found = new TreeMap<String, List<String>>();
        for (String v : g.keySet()) if (!index.containsKey(v)) connect(g, v, index, low, stack, found);
        return List.copyOf(found.values());
    }

    private static void connect(Map<String, Set<String>> g, String v, Map<String, Integer> index, Map<String, Integer> low,
                                List<String> stack, TreeMap<String, List<String>> found) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.add(v);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(g, w, index, low, stack, found);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            var component = new TreeSet<String>();
            String w;
            do {
                w = stack.removeLast();
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) found.put(component.first(), List.copyOf(component));
        }
    }
}
