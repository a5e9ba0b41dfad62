package org.crystalbench.run;

import org.crystalbench.metrics.Scores;

/** One (feature set, protocol, model, repeat, fold) evaluation. Times are wall-clock milliseconds. */
public record SplitResult(String featureSet, String protocol, String model, int repeat, int fold,
                          Scores scores, int trainSize, int testSize, double fitMs, double predictMs) {}
