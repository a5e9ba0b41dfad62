package org.crystalbench.features;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.config.DerivedSpec.Composition;
import org.crystalbench.data.Dataset;

/**
 * Where a feature set's names point in a {@link Dataset}: the numeric and categorical columns it uses, in encoding
 * order, and per name its positions among them. A group's columns zero on every training row are left out
 * ({@code dropped}); the neighbour shares are their own kind ({@code neighbourKeys}, null without them).
 *
 * @param numericOf     per numeric name or group, its positions in {@code numeric}
 * @param categoricalOf per categorical name, its position in {@code categorical}
 */
record FeatureColumns(int[] numeric, int[] categorical, int[] dropped, Map<String, List<Integer>> numericOf,
                      Map<String, Integer> categoricalOf, int[] neighbourKeys) {

    static FeatureColumns of(Dataset data, List<String> features, int[] train) {
        List<Integer> num = new ArrayList<>(), cat = new ArrayList<>(), dropped = new ArrayList<>();
        Map<String, List<Integer>> numericOf = new LinkedHashMap<>();
        Map<String, Integer> categoricalOf = new LinkedHashMap<>();
        int[] neighbourKeys = null;
        for (String f : features) {
            int i = data.numericNames().indexOf(f);
            List<String> group = data.groups().get(f);
            if (f.equals(Composition.NEIGHBOURS) && group != null) {
                neighbourKeys = group.stream().mapToInt(data.numericNames()::indexOf).toArray();
            } else if (i >= 0) {
                numericOf.put(f, List.of(num.size()));
                num.add(i);
            } else if (group != null) {
                List<Integer> at = new ArrayList<>();
                for (String col : group) {
                    int c = data.numericNames().indexOf(col);
                    if (c < 0) throw new IllegalArgumentException("group " + f + ": unknown column " + col);
                    boolean seen = false;
                    for (int r : train) seen |= data.numeric().get(r, c) != 0;
                    if (seen) {
                        at.add(num.size());
                        num.add(c);
                    } else {
                        dropped.add(c);
                    }
                }
                numericOf.put(f, at);
            } else {
                int j = data.categoricalNames().indexOf(f);
                if (j < 0) throw new IllegalArgumentException("unknown feature " + f);
                categoricalOf.put(f, cat.size());
                cat.add(j);
            }
        }
        return new FeatureColumns(ints(num), ints(cat), ints(dropped), numericOf, categoricalOf, neighbourKeys);
    }

    private static int[] ints(List<Integer> v) {
        return v.stream().mapToInt(Integer::intValue).toArray();
    }
}
