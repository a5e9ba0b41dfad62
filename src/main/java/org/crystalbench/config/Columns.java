package org.crystalbench.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.crystalbench.InputException;

/**
 * Resolves the column shorthands of a dataset section into plain lists: {@code numeric: auto} and
 * {@code categorical: auto} (every column but the target, the id columns, the composition inputs and
 * the columns listed in the other list, typed by content: numeric when every non-missing cell is a
 * finite number), and the feature-set entries {@code all} (every feature) and {@code -Column} (every
 * feature so far but that one; {@code [all, -Sex]} is "all but Sex").
 */
public final class Columns {
    private Columns() {}

    /** The value that asks for automatic column selection. */
    public static final String AUTO = "auto";
    /** The feature-set entry meaning every feature. */
    public static final String ALL = "all";

    static boolean auto(List<String> list) {
        return list.size() == 1 && list.getFirst().equals(AUTO);
    }

    /** Whether the section needs the data file to be resolved. */
    public static boolean needsData(DatasetSpec d) {
        return auto(d.numeric()) || auto(d.categorical());
    }

    /** The section with {@code auto} resolved from {@code data} (read only then) and the feature-set shorthands expanded. */
    static DatasetSpec resolve(Path configFile, DatasetSpec d, Path data) {
        List<String> numeric = d.numeric(), categorical = d.categorical();
        if (needsData(d)) {
            Set<String> taken = new LinkedHashSet<>(d.idColumns());
            taken.add(d.target());
            if (d.composition() != null) {
                for (String c : java.util.Arrays.asList(d.composition().formula(), d.composition().nsites(), d.composition().volume())) {
                    if (c != null) taken.add(c);
                }
            }
            if (!auto(numeric)) taken.addAll(numeric);
            if (!auto(categorical)) taken.addAll(categorical);
            Map<String, Boolean> types = numericByContent(data, taken);
            List<String> num = new ArrayList<>(), cat = new ArrayList<>();
            types.forEach((col, isNumber) -> (isNumber ? num : cat).add(col));
            if (auto(numeric)) numeric = num;
            if (auto(categorical)) categorical = cat;
        }
        var resolved = new DatasetSpec(d.path(), d.target(), d.idColumns(), numeric, categorical, d.missing(), Map.of(), d.derived());
        Map<String, List<String>> sets = new LinkedHashMap<>();
        for (var fs : d.featureSets().entrySet()) sets.put(fs.getKey(), expand(configFile, fs.getKey(), fs.getValue(), resolved.allFeatures()));
        return new DatasetSpec(d.path(), d.target(), d.idColumns(), numeric, categorical, d.missing(), sets, d.derived());
    }

    /** {@code all} adds every feature not yet listed; {@code -X} removes X (which must be listed by then). */
    static List<String> expand(Path file, String set, List<String> entries, List<String> features) {
        if (entries == null || entries.stream().noneMatch(e -> e.equals(ALL) || e.startsWith("-"))) return entries;
        List<String> out = new ArrayList<>();
        for (String e : entries) {
            if (e.equals(ALL)) {
                for (String f : features) if (!out.contains(f)) out.add(f);
            } else if (e.startsWith("-") && !features.contains(e)) {
                String col = e.substring(1).strip();
                if (!out.remove(col)) {
                    throw new InputException(file + ": dataset.feature_sets." + set + ": '" + e + "' removes '" + col
                            + "', which is not among the features listed before it (write e.g. [all, -" + col + "]; features: "
                            + String.join(", ", features) + ")");
                }
            } else {
                out.add(e);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Per header column not in {@code taken}, in file order: true when every non-missing cell is a finite
     * number (and at least one is present).
     */
    static Map<String, Boolean> numericByContent(Path data, Set<String> taken) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(data);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true)
                     .setAllowMissingColumnNames(true)
                     .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.ALLOW_ALL).get().parse(reader)) {
            List<String> names = parser.getHeaderNames().stream().map(String::strip).toList();
            for (String t : taken) {
                if (!names.contains(t)) {
                    throw InputException.at(data, 1, "column '" + t + "'", "not in the header (columns: " + String.join(", ", names) + ")");
                }
            }
            boolean[] number = new boolean[names.size()], seen = new boolean[names.size()];
            java.util.Arrays.fill(number, true);
            for (CSVRecord rec : parser) {
                for (int j = 0; j < Math.min(rec.size(), names.size()); j++) {
                    String cell = rec.get(j).strip();
                    if (!number[j] || DatasetSpec.MISSING_TOKENS.contains(cell.toLowerCase(Locale.ROOT))) continue;
                    seen[j] = true;
                    try {
                        number[j] = Double.isFinite(Double.parseDouble(cell));
                    } catch (NumberFormatException e) {
                        number[j] = false;
                    }
                }
            }
            for (int j = 0; j < names.size(); j++) {
                if (!names.get(j).isEmpty() && !taken.contains(names.get(j))) out.put(names.get(j), number[j] && seen[j]);
            }
        } catch (NoSuchFileException e) {
            throw new InputException(data + ": data file not found (needed to resolve 'auto' columns)");
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw new InputException(data + ": malformed CSV: " + String.valueOf(e.getMessage()).replaceAll("\\s*\\n.*", ""));
        }
        return out;
    }
}
