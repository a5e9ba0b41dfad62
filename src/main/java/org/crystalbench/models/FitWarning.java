package org.crystalbench.models;

import java.util.List;

/**
 * Something a fit did that makes its scores suspect although it finished, such as a binary SVM that
 * gives one class to every training row. Classes are indices; {@link #render} names them.
 *
 * @param text     the message, with {@code %1$s} and {@code %2$s} for the two classes
 * @param positive the class of the machine's +1 side
 * @param negative the class of its -1 side, or -1 for "the rest" (one-vs-rest)
 */
public record FitWarning(String text, int positive, int negative) implements java.io.Serializable {
    public String render(List<String> classes) {
        return text.formatted("`" + classes.get(positive) + "`", negative < 0 ? "the rest" : "`" + classes.get(negative) + "`");
    }
}
