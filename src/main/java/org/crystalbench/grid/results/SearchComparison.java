package org.crystalbench.grid.results;

import java.util.List;

/**
 * Does a search that stopped early give the exhaustive grid's answer ({@code grid-compare}): per feature set and
 * model, the exhaustive best and the search's pick, with the verdict; the fits and fit time the search took.
 *
 * @param searchFitSeconds the summed fit and predict time the search's units took in the exhaustive run
 */
public record SearchComparison(String search, long searchFits, long exhaustiveFits, double searchFitSeconds, double exhaustiveFitSeconds,
                               List<Row> rows) {
    public long same() {
        return rows.stream().filter(r -> r.verdict().sameAnswer()).count();
    }

    /**
     * @param fits        units the search ran / the exhaustive folder ran
     * @param verdict     how the search's pick fares against the exhaustive best
     */
    public record Row(String featureSet, String model, int points, int kept, long fits, long exhaustiveFits, String exhaustiveBest,
                      double exhaustiveMean, String searchBest, double searchMeanOnAll, double pHolm, Verdict verdict) {}

    /** Only the first two count as "the same answer"; the last three say why no comparison was made. */
    public enum Verdict {
        SAME_POINT("same point"), NOT_WORSE("not significantly worse"), WORSE("significantly worse"),
        NOT_COMPARED("not compared (too few common splits)"), NO_POINT("no point finished"),
        UNKNOWN_POINT("no such point in the exhaustive grid");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean sameAnswer() {
            return this == SAME_POINT || this == NOT_WORSE;
        }
    }
}
