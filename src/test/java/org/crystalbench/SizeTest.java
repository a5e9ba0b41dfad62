package org.crystalbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Sizes a reader can hold in mind: no main source file over {@link #MAX_FILE} lines, no method over
 * {@link #MAX_METHOD}. The measure is deliberately simple: a file's lines as {@code wc -l} counts them; a method
 * (or constructor) is a declaration that ends in "{" on its line, after comments and literals are blanked, and runs
 * from its first line to the line of its matching "}" (lambdas, anonymous classes, records, classes and control
 * statements are not methods: a lambda's lines count to the method that holds it).
 */
class SizeTest {
    static final int MAX_FILE = 300;
    static final int MAX_METHOD = 60;
    private static final Path ROOT = Path.of("src/main/java/org/crystalbench");

    /**
     * Files or methods known to be over the limits, each reported in the closing note: none since issue 22. An entry is
     * a file ("models/SvmSpec.java", over {@link #MAX_FILE} lines) or a method ("grid/GridBest.java#of"; overloads
     * "#name#2"). The test fails for an entry that is within the limits, so the list cannot go stale.
     */
    static final Set<String> ALLOWED = Set.of();

    @Test
    void noFileOrMethodIsTooLong() throws IOException {
        var over = new ArrayList<String>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String name = ROOT.relativize(f).toString().replace('\\', '/');
                String src = Files.readString(f);
                long lines = src.lines().count();
                if (lines > MAX_FILE) over.add(name + ": " + lines + " lines");
                methods(src).forEach((m, n) -> {
                    if (n > MAX_METHOD) over.add(name + "#" + m + ": " + n + " lines");
                });
            }
        }
        var unexpected = over.stream().filter(o -> !ALLOWED.contains(o.substring(0, o.indexOf(':')))).toList();
        var stale = ALLOWED.stream().filter(a -> over.stream().noneMatch(o -> o.startsWith(a + ":"))).sorted().toList();
        assertEquals(List.of(), unexpected, "over the limits and not in ALLOWED");
        assertEquals(List.of(), stale, "in ALLOWED but within the limits now: remove them");
    }

    @Test
    void theMeasureCountsMethodsAndNothingElse() {
        String src = """
                class A {
                    /** A { comment }. */
                    static int f(int a,
                                 int b) {
                        Runnable r = () -> {
                            if (a > b) {
                                System.out.println("}");
                            }
                        };
                        return a;
                    }
                    record R(int x) {
                        R {
                        }
                    }
                    A() { }
                    void g() throws java.io.IOException {
                        new Object() {
                            public String toString() {
                                return "";
                            }
                        };
                    }
                }
                """;
        assertEquals(Map.of("f", 9, "g", 7, "toString", 3), methods(src));
    }

    private static final Pattern DECLARATION = Pattern.compile("(?s)\\s*(?:@\\w+\\s+)*(?:(?:public|protected|private|static|final|"
            + "abstract|synchronized|default|native)\\s+)*(?:<[^>]*>\\s+)?(?:[\\w.<>\\[\\]?, ]+\\s+)?(\\w+)\\s*\\([^;{}]*\\)\\s*"
            + "(?:throws\\s+[\\w.,\\s]+)?\\{");
    private static final Set<String> NOT_NAMES = Set.of("if", "for", "while", "switch", "catch", "synchronized", "try", "return",
            "else", "do", "new", "case");
    private static final Pattern NOT_METHOD = Pattern.compile("->|=|\\bnew\\b|\\b(?:record|class|interface|enum)\\b");

    /** Each method's name (suffixed #2, #3 for overloads) and its length in lines, as the class comment says. */
    static Map<String, Integer> methods(String src) {
        String[] lines = blank(src).split("\n", -1);
        var out = new LinkedHashMap<String, Integer>();
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].strip().endsWith("{")) continue;
            int start = i;
            while (start > 0 && !lines[start - 1].isBlank() && !lines[start - 1].strip().matches(".*[;{}]$")) start--;
            String decl = String.join("\n", java.util.Arrays.asList(lines).subList(start, i + 1));
            var m = DECLARATION.matcher(decl);
            if (!m.matches() || NOT_NAMES.contains(m.group(1)) || NOT_METHOD.matcher(decl).find()) continue;
            int depth = 0, end = i;
            outer:
            for (int j = i; j < lines.length; j++) {
                for (char c : lines[j].toCharArray()) {
                    if (c == '{') depth++;
                    else if (c == '}' && --depth == 0) {
                        end = j;
                        break outer;
                    }
                }
            }
            String name = m.group(1);
            for (int k = 2; out.containsKey(name); k++) name = m.group(1) + "#" + k;
            out.put(name, end - start + 1);
        }
        return out;
    }

    /** The source with comments and string, text-block and char literals blanked to spaces; newlines kept. */
    static String blank(String src) {
        var out = new StringBuilder(src);
        for (int i = 0; i < src.length(); i++) {
            int end;
            if (src.startsWith("//", i)) end = src.indexOf('\n', i);
            else if (src.startsWith("/*", i)) end = src.indexOf("*/", i + 2) + 2;
            else if (src.startsWith("\"\"\"", i)) end = src.indexOf("\"\"\"", i + 3) + 3;
            else if (src.charAt(i) == '"' || src.charAt(i) == '\'') {
                char q = src.charAt(i);
                end = i + 1;
                while (end < src.length() && src.charAt(end) != q) end += src.charAt(end) == '\\' ? 2 : 1;
                end++;
            } else continue;
            if (end <= i) end = src.length();
            end = Math.min(end, src.length());
            for (int k = i; k < end; k++) if (out.charAt(k) != '\n') out.setCharAt(k, ' ');
            i = end - 1;
        }
        return out.toString();
    }
}
