package org.crystalbench.models;

import org.crystalbench.InputException;

/** Hyperparameter validation: a config value out of range is bad input, named by model and key. */
final class Check {
    private Check() {}

    static void positive(String model, String key, double value) {
        if (!(value > 0)) throw bad(model, key, value, "must be > 0");
    }

    static void inRange(String model, String key, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) throw bad(model, key, value, "must be in [" + lo + ", " + hi + "]");
    }

    static InputException bad(String model, String key, Object value, String rule) {
        return new InputException("model '" + model + "': " + key + " = " + value + " " + rule);
    }
}
