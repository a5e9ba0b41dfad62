package org.crystalbench.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.crystalbench.InputException;

/** An input file read whole, or bad input naming it: "FILE: WHAT not found" or "FILE: cannot read WHAT: reason". */
public final class InputFiles {
    private InputFiles() {}

    public static byte[] bytes(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": " + what + " not found");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    /** The file as UTF-8 text; malformed UTF-8 is bad input too. */
    public static String text(Path file, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes(file, what))).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InputException(file + ": cannot read " + what + ": not UTF-8 text");
        }
    }
}
