package org.crystalbench.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.crystalbench.InputException;

/**
 * UTF-8 text that is refused, not repaired: the JDK's readers replace a bad byte with U+FFFD, which
 * silently merges two categories that differ in that byte. An invalid byte is an
 * {@link InputException} naming file, physical line and column; a leading byte-order mark is skipped.
 */
public final class StrictUtf8Reader extends Reader {
    private final Object file;
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
    private final CharBuffer chars = CharBuffer.allocate(1 << 16).flip();
    private long line = 1, column = 0; // where the decoder stands: after the last decoded character
    private boolean eof, started;

    /** @param file named in errors */
    public StrictUtf8Reader(InputStream in, Object file) {
        this.in = in;
        this.file = file;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (!chars.hasRemaining()) {
            if (!fill()) return -1;
        }
        int n = Math.min(len, chars.remaining());
        chars.get(buf, off, n);
        return n;
    }

    /** Decodes the next chunk into {@code chars}; false at the end of the input. */
    private boolean fill() throws IOException {
        if (eof && !bytes.hasRemaining()) return false;
        chars.clear();
        bytes.compact();
        int got = eof ? -1 : in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (got < 0) eof = true;
        else bytes.position(bytes.position() + got);
        bytes.flip();
        int from = chars.position();
        CoderResult r = decoder.decode(bytes, chars, eof);
        if (r.isUnderflow() && eof && !bytes.hasRemaining()) r = decoder.flush(chars);
        chars.flip();
        if (!started && chars.hasRemaining()) {
            started = true;
            if (chars.get(0) == '\uFEFF') chars.position(1);
            from = chars.position();
        }
        for (int i = from; i < chars.limit(); i++) {
            if (chars.get(i) == '\n') {
                line++;
                column = 0;
            } else {
                column++;
            }
        }
        if (r.isError()) {
            throw InputException.at(file, line, "column " + (column + 1),
                    "invalid UTF-8 (byte 0x%02X); the file must be UTF-8 encoded".formatted(bytes.get(bytes.position()) & 0xFF));
        }
        if (eof && bytes.hasRemaining()) { // an incomplete sequence at the very end
            throw InputException.at(file, line, "column " + (column + 1), "invalid UTF-8 (the file ends inside a character)");
        }
        return chars.hasRemaining() || !(eof && !bytes.hasRemaining());
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
