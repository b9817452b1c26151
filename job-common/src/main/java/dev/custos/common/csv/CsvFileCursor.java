package dev.custos.common.csv;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import dev.custos.common.InputFileException;
import dev.custos.common.checksum.HashingInputStream;

/**
 * One input file being read, record by record, with its header already checked. Streams the file
 * (nothing but the current record is held) through a {@link HashingInputStream}.
 *
 * <p>Bytes that are not UTF-8 are decoded to U+FFFD and a record holding one fails the file at
 * that record's line (a decoder reporting them instead would fail at the start of its read-ahead
 * buffer, lines earlier). A U+FFFD written on purpose fails too; in an export it marks an earlier
 * broken conversion anyway.
 *
 * <p>Empty (or all-whitespace) lines are not records: neither counted nor rejected. The parser
 * hands them over ({@code ignoreEmptyLines=false}) and they are dropped here, because a record's
 * line is taken from the parser's line counter just before the record is read: a parser skipping
 * empty lines on its own would make a record after one report the empty line's number.
 *
 * <p>Sizes are bounded ({@link CsvLimits}): a field over the limit rejects its row; a record over
 * it is stopped by a {@link RecordSizeGuard} before it is held in memory, and fails the file.
 * Messages name the file, line and column, never the content (a misplaced file, say a password
 * file saved under an input's name, must not end up in run messages, reports or evidence).
 */
final class CsvFileCursor implements Closeable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    /** What the decoder puts in place of bytes that are not UTF-8. */
    private static final char REPLACEMENT_CHARACTER = '\uFFFD';

    private final String file;
    private final HashingInputStream bytes;
    private final RecordSizeGuard guard;
    private final CsvLimits limits;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final CsvHeader header;
    private long rowsRead;

    private CsvFileCursor(String file, HashingInputStream bytes, RecordSizeGuard guard, CsvLimits limits,
                          CsvLayout layout) throws IOException {
        this.file = file;
        this.bytes = bytes;
        this.guard = guard;
        this.limits = limits;
        this.parser = FORMAT.parse(guard);
        this.records = parser.iterator();
        NumberedRecord headerRecord = nextNonBlankRecord("the header row");
        if (headerRecord == null) {
            throw new InputFileException(file + ": no header row");
        }
        for (String cell : headerRecord.record().values()) {
            if (cell.length() > limits.maxFieldChars()) {
                throw new InputFileException(file + ": the header row (line " + headerRecord.line() + ") has a column name"
                        + " longer than " + limits.maxFieldChars() + " characters (custos.csv.max-field-chars)");
            }
        }
        this.header = CsvHeader.of(file, headerRecord.record().toList(), layout);
    }

    /**
     * Opens {@code path} as UTF-8 (a leading BOM is skipped) and checks its header.
     *
     * @throws InputFileException when the file is missing or unreadable, or its header is empty or
     *                            lacks a required column
     */
    static CsvFileCursor open(Path path, CsvLayout layout, CsvLimits limits) {
        String file = path.getFileName().toString();
        InputFiles.check(path);
        HashingInputStream bytes;
        try {
            bytes = new HashingInputStream(Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            throw new InputFileException(file + " not found in " + path.toAbsolutePath().getParent(), e);
        } catch (IOException e) {
            throw new InputFileException(file + ": cannot open: " + e.getMessage(), e);
        }
        try {
            BufferedReader text = new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8));
            skipByteOrderMark(text);
            return new CsvFileCursor(file, bytes, new RecordSizeGuard(text, limits.maxRecordChars()), limits, layout);
        } catch (IOException e) {
            closeAfterFailure(bytes, e);
            throw unreadable(file, 1, e);
        } catch (RuntimeException e) {
            closeAfterFailure(bytes, e);
            throw e;
        }
    }

    /**
     * Reads the next data record and maps it, or returns {@code null} at the end of the file. A
     * record with the wrong number of fields is rejected before the mapper sees it.
     *
     * @throws InputFileException when the file cannot be parsed from this record on
     */
    <T> ParsedRow<T> next(CsvRowMapper<T> mapper) {
        NumberedRecord numbered = nextNonBlankRecord("the record");
        if (numbered == null) {
            return null;
        }
        long line = numbered.line();
        CSVRecord record = numbered.record();
        rowsRead++;
        if (record.size() != header.size()) {
            return new ParsedRow.Rejected<>(file, line, "expected " + header.size() + " fields, found " + record.size());
        }
        for (int i = 0; i < record.size(); i++) {
            if (record.get(i).length() > limits.maxFieldChars()) {
                return new ParsedRow.Rejected<>(file, line, header.columnName(i) + " longer than "
                        + limits.maxFieldChars() + " characters (custos.csv.max-field-chars)");
            }
        }
        try {
            T value = mapper.map(new CsvRow(file, line, header, record.values()));
            return new ParsedRow.Accepted<>(file, line, Objects.requireNonNull(value,
                    () -> "the row mapper for " + file + " returned null"));
        } catch (RowRejectedException e) {
            return new ParsedRow.Rejected<>(file, line, e.reason());
        }
    }

    /**
     * Reads whatever the parser left unread (nothing, normally) so the fingerprint covers the whole
     * file, and returns the file's statistics. Call after {@link #next} returned {@code null}.
     */
    FileStats finish() {
        try {
            bytes.readToEnd();
        } catch (IOException e) {
            throw unreadable(file, parser.getCurrentLineNumber(), e);
        }
        return new FileStats(file, bytes.count(), bytes.sha256(), rowsRead);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /**
     * The next record that is not an empty line, with the line it starts on: the line after the
     * last line break the parser consumed, taken before the parser reads on.
     *
     * @param what "the header row" or "the record", for messages
     */
    private NumberedRecord nextNonBlankRecord(String what) {
        while (true) {
            long line = parser.getCurrentLineNumber() + 1;
            guard.recordStarts();
            try {
                if (!records.hasNext()) {
                    return null;
                }
                CSVRecord record = records.next();
                String[] fields = record.values();
                if (length(fields) > limits.maxRecordChars()) {
                    throw tooLong(what, line);
                }
                if (holdsReplacementCharacter(fields)) {
                    throw new InputFileException(file + ": not valid UTF-8 in the record starting at line " + line
                            + " (export the file as UTF-8)");
                }
                if (!isBlankLine(record)) {
                    return new NumberedRecord(line, record);
                }
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof RecordSizeGuard.RecordTooLongException) {
                    throw tooLong(what, line);
                }
                throw unreadable(file, line, e.getCause());
            }
        }
    }

    private InputFileException tooLong(String what, long line) {
        return new InputFileException(file + ": " + what + " starting at line " + line + " is longer than "
                + limits.maxRecordChars() + " characters (custos.csv.max-record-chars); the file cannot be read on"
                + " from there: export it again, or raise the limit");
    }

    /** The record's characters as written, at least: fields and separators (quotes not counted). */
    private static long length(String[] fields) {
        long length = fields.length - 1;
        for (String field : fields) {
            length += field.length();
        }
        return length;
    }

    private static boolean holdsReplacementCharacter(String[] fields) {
        for (String field : fields) {
            if (field.indexOf(REPLACEMENT_CHARACTER) >= 0) {
                return true;
            }
        }
        return false;
    }

    private record NumberedRecord(long line, CSVRecord record) {
    }

    private static boolean isBlankLine(CSVRecord record) {
        return record.size() == 1 && record.get(0).isBlank();
    }

    /** Commons CSV's messages name a line and position, never content. */
    private static InputFileException unreadable(String file, long line, IOException cause) {
        return new InputFileException(file + ": cannot read the record starting at line " + line + ": "
                + cause.getMessage(), cause);
    }

    private static void skipByteOrderMark(BufferedReader text) throws IOException {
        text.mark(1);
        if (text.read() != BYTE_ORDER_MARK) {
            text.reset();
        }
    }

    private static void closeAfterFailure(HashingInputStream bytes, Exception failure) {
        try {
            bytes.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
