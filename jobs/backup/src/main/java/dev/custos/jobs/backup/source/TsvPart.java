package dev.custos.jobs.backup.source;

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
    /** The escape letter of each byte that needs one, 0 for the others. */
    private static final byte[] ESCAPES = new byte[256];

    static {
        ESCAPES['\\'] = '\\';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
        ESCAPES[0] = '0';
    }

    private List<String> columns;
    private long rows;
    private boolean fieldStarted;

    TsvPart(int initialCapacity, List<String> columns) {
        super(initialCapacity);
        restart(columns);
    }

    /** Empties the part for another table's rows, keeping its buffer: it holds that table's header line only. */
    void restart(List<String> tableColumns) {
        this.columns = List.copyOf(tableColumns);
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
        int plainFrom = 0;
        for (int i = 0; i < value.length; i++) {
            byte escape = ESCAPES[value[i] & 0xff];
            if (escape != 0) {
                copy(value, plainFrom, i);
                buf[count++] = '\\';
                buf[count++] = escape;
                plainFrom = i + 1;
            }
        }
        copy(value, plainFrom, value.length);
    }

    void nullField() {
        separate();
        ensureCapacity(count + NULL.length);
        copy(NULL, 0, NULL.length);
    }

    /** The bytes held (header included); unlike the inherited one, not synchronized: one thread writes a part. */
    @Override
    public int size() {
        return count;
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
        put('\n');
        fieldStarted = false;
    }

    private void separate() {
        if (fieldStarted) {
            put('\t');
        }
        fieldStarted = true;
    }

    private void put(char c) {
        ensureCapacity(count + 1);
        buf[count++] = (byte) c;
    }

    private void copy(byte[] bytes, int from, int to) {
        System.arraycopy(bytes, from, buf, count, to - from);
        count += to - from;
    }

    private void ensureCapacity(int capacity) {
        if (capacity > buf.length) {
            byte[] larger = new byte[Math.max(capacity, buf.length * 2)];
            System.arraycopy(buf, 0, larger, 0, count);
            buf = larger;
        }
    }
}
