package org.crystalbench.stats;

/** Confidence-interval methods for a mean over resampling splits ({@code --ci}). */
public enum CiMethod {
    /** Nadeau–Bengio corrected resampled t-interval: the default. */
    CORRECTED_T("corrected-t"),
    /** Plain t-interval, as if splits were independent (too narrow for overlapping splits). */
    T("t"),
    /** Percentile bootstrap over splits, seeded. */
    BOOTSTRAP("bootstrap");

    private final String label;

    CiMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static CiMethod of(String label) {
        for (CiMethod m : values()) if (m.label.equals(label)) return m;
        throw new IllegalArgumentException("unknown CI method '" + label + "' (corrected-t, t, bootstrap)");
    }

    @Override
    public String toString() {
        return label;
    }
}
