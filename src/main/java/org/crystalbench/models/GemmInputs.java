package org.crystalbench.models;

/**
 * Training rows in single precision, plus their non-zero entries when at most half the inputs are
 * non-zero (then the first layer works from those; otherwise it is a dense product).
 */
record GemmInputs(float[][] rows, int[][] cols, float[][] vals) {
    static GemmInputs of(double[][] x) {
        float[][] rows = new float[x.length][];
        long nonZero = 0;
        for (int i = 0; i < x.length; i++) {
            rows[i] = new float[x[i].length];
            for (int j = 0; j < x[i].length; j++) if ((rows[i][j] = (float) x[i][j]) != 0) nonZero++;
        }
        if (nonZero * 2 > (long) x.length * x[0].length) return new GemmInputs(rows, null, null);
        int[][] cols = new int[x.length][];
        float[][] vals = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            int k = 0;
            for (float v : rows[i]) if (v != 0) k++;
            cols[i] = new int[k];
            vals[i] = new float[k];
            k = 0;
            for (int j = 0; j < rows[i].length; j++) {
                if (rows[i][j] != 0) {
                    cols[i][k] = j;
                    vals[i][k++] = rows[i][j];
                }
            }
        }
        return new GemmInputs(rows, cols, vals);
    }

    boolean sparse() {
        return cols != null;
    }
}
