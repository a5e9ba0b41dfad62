package org.crystalbench.models;

import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.type.StructType;
import smile.data.vector.IntVector;

/** Encoded rows as the Smile data frame its tree learners take: columns x0..x(p-1) and the label y. */
public final class Trees {
    private Trees() {}

    /**
     * The deepest tree a config may ask for. A fitted tree is that many objects nested in a bundle,
     * and the bundle reader admits tree nodes only down to a fixed depth (and Java's deserialization
     * recurses per level), so a deeper tree could be trained but not loaded.
     */
    public static final int MAX_DEPTH = 500;

    static final Formula FORMULA = Formula.lhs("y");

    static DataFrame frame(double[][] x, int[] y) {
        String[] names = new String[x[0].length];
        for (int j = 0; j < names.length; j++) names[j] = "x" + j;
        return DataFrame.of(x, names).merge(new DataFrame(new IntVector("y", y)));
    }

    /** The predictors' schema of a fitted model, to wrap a row as a tuple. */
    static StructType predictors(DataFrame frame) {
        return FORMULA.x(frame.get(0)).schema();
    }
}
