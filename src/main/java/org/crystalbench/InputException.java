package org.crystalbench;

/**
 * Bad input from the user: a malformed or missing file, a wrong config key, a value of the wrong
 * type. The message names the file, line and field; the CLI prints it on one line and exits 2.
 */
public final class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "file:line: column 'name': problem" — the one format every input error uses. */
    public static InputException at(Object file, long line, String field, String problem) {
        StringBuilder sb = new StringBuilder().append(file);
        if (line > 0) sb.append(':').append(line);
        sb.append(": ");
        if (field != null) sb.append(field).append(": ");
        return new InputException(sb.append(problem).toString());
    }
}
