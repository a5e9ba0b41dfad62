package org.crystalbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.crystalbench.splits.Protocol;

/** One table of a run: a feature set and a protocol; every section groups its rows by it. */
record Group(String featureSet, Protocol protocol) {
    /** Rows per group, in table order. */
    static <T> Map<Group, List<T>> of(List<T> rows, Function<T, Group> group) {
        Map<Group, List<T>> out = new LinkedHashMap<>();
        for (T r : rows) out.computeIfAbsent(group.apply(r), g -> new ArrayList<>()).add(r);
        return out;
    }
}
