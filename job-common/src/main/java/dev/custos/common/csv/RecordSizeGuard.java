package dev.custos.common.csv;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Stops the parser part-way through a record that is too long, before it holds the record in
 * memory: a header line or a field of hundreds of megabytes would otherwise end the JVM with an
 * {@link OutOfMemoryError}. The parser reads ahead through its own buffer, so the count since
 * {@link #recordStarts()} can run up to one read ({@link #CHUNK}) ahead of the record; the guard
 * allows that much on top of the limit, so it never stops a record that is within it. The exact
 * limit is checked on the parsed record.
 */
final class RecordSizeGuard extends FilterReader {

    /** The most characters handed to the parser per read. */
    static final int CHUNK = 8192;

    private final long allowed;
    private long sinceRecordStart;

    RecordSizeGuard(Reader in, int maxRecordChars) {
        super(in);
        this.allowed = (long) maxRecordChars + CHUNK;
    }

    /** The parser is about to read the next record. */
    void recordStarts() {
        sinceRecordStart = 0;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count(1);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, Math.min(length, CHUNK));
        if (read > 0) {
            count(read);
        }
        return read;
    }

    private void count(int chars) throws RecordTooLongException {
        sinceRecordStart += chars;
        if (sinceRecordStart > allowed) {
            throw new RecordTooLongException();
        }
    }

    /** The record being read is longer than the limit; the parser cannot go on from here. */
    static final class RecordTooLongException extends IOException {
        RecordTooLongException() {
            super("record too long");
        }
    }
}
