package dev.custos.jobs.backup.source;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a table part written as {@link TsvPart}: rows of tab-separated fields ended by a newline,
 * {@code \N} alone for NULL, and {@code \\ \t \n \r \0} unescaped. Fields come back as raw bytes
 * (UTF-8 text or binary data, as the column says); a NULL field is {@code null}.
 */
final class TsvRows implements Closeable {

    private final InputStream in;
    private byte[] field = new byte[256];
    private int length;
    private long line;

    TsvRows(InputStream in) {
        this.in = new BufferedInputStream(in, 256 * 1024);
    }

    /** Lines read so far (the header is line 1). */
    long line() {
        return line;
    }

    /** The next row's fields, or null at the end. */
    List<byte[]> next() throws IOException {
        int b = in.read();
        if (b < 0) {
            return null;
        }
        line++;
        List<byte[]> fields = new ArrayList<>();
        length = 0;
        boolean nullField = false;
        while (true) {
            if (b < 0) {
                throw new IOException("line " + line + " has no newline at its end");
            }
            if (b == '\t' || b == '\n') {
                fields.add(nullField ? null : Arrays.copyOf(field, length));
                length = 0;
                nullField = false;
                if (b == '\n') {
                    return fields;
                }
            } else if (b == '\\') {
                int escaped = in.read();
                if (escaped == 'N' && length == 0) {
                    nullField = true;
                } else {
                    append(switch (escaped) {
                        case 't' -> '\t';
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        case '0' -> 0;
                        case -1 -> throw new IOException("line " + line + " ends in a lone backslash");
                        default -> escaped;
                    });
                }
            } else {
                append(b);
            }
            b = in.read();
        }
    }

    private void append(int b) {
        if (length == field.length) {
            field = Arrays.copyOf(field, field.length * 2);
        }
        field[length++] = (byte) b;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
