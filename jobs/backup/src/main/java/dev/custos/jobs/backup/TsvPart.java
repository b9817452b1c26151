package dev.custos.jobs.backup;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One part of a table's data in MariaDB's {@code LOAD DATA} default format: fields separated by
 * tab, lines ended by newline, NULL as {@code \N}, and backslash, tab, newline, carriage return
 * and NUL escaped as {@code \\ \t \n \r \0}. The first line names the columns, so every part loads
 * on its own with {@code LOAD DATA ... IGNORE 1 LINES (columns)}. Text is UTF-8; binary columns are
 * their raw bytes, escaped the same way (load them with {@code CHARACTER SET binary}).
 */
final class TsvPart extends ByteArrayOutputStream {

    private static final byte[] NULL = {'\\', 'N'};

    private final List<String> columns;
    private long rows;
    private boolean fieldStarted;

    TsvPart(int initialCapacity, List<String> columns) {
        super(initialCapacity);
        this.columns = List.copyOf(columns);
        restart();
    }

    /** Empties the part for the next rows, keeping its buffer: it holds the header line only. */
    void restart() {
        reset();
        rows = 0;
        fieldStarted = false;
        for (String column : columns) {
            text(column);
        }
        endLine();
    }

    void text(String value) {
        if (value == null) {
            nullField();
        } else {
            bytes(value.getBytes(StandardCharsets.UTF_8));
        }
    }

    void bytes(byte[] value) {
        if (value == null) {
            nullField();
            return;
        }
        separate();
        ensureCapacity(count + value.length * 2);
        for (byte b : value) {
            switch (b) {
                case '\\' -> escape('\\');
                case '\t' -> escape('t');
                case '\n' -> escape('n');
                case '\r' -> escape('r');
                case 0 -> escape('0');
                default -> buf[count++] = b;
            }
        }
    }

    void nullField() {
        separate();
        write(NULL, 0, NULL.length);
    }

    /** Ends a data row. */
    void endRow() {
        endLine();
        rows++;
    }

    long rows() {
        return rows;
    }

    byte[] buffer() {
        return buf;
    }

    private void endLine() {
        write('\n');
        fieldStarted = false;
    }

    private void separate() {
        if (fieldStarted) {
            write('\t');
        }
        fieldStarted = true;
    }

    private void escape(char c) {
        buf[count++] = '\\';
        buf[count++] = (byte) c;
    }

    private void ensureCapacity(int capacity) {
        if (capacity > buf.length) {
            byte[] larger = new byte[Math.max(capacity, buf.length * 2)];
            System.arraycopy(buf, 0, larger, 0, count);
            buf = larger;
        }
    }
}
