package dev.custos.scheduler.evidence;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.StringJoiner;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * One CSV file of a bundle: a header, then rows sorted by their leading key columns (numbers as
 * numbers, text by code point), so that the same rows always give the same bytes.
 */
record EvidenceTable(String file, List<String> header, int keyColumns, List<Row> rows) {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    /** A row and the line of the file it starts on (0 for a row read from the database). */
    record Row(long line, List<String> cells) {
    }

    static EvidenceTable sorted(String file, List<String> header, int keyColumns, List<List<String>> cells) {
        Comparator<List<String>> order = (a, b) -> {
            for (int i = 0; i < keyColumns; i++) {
                int c = compareCells(a.get(i), b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
        return new EvidenceTable(file, header, keyColumns,
                cells.stream().sorted(order).map(row -> new Row(0, List.copyOf(row))).toList());
    }

    byte[] toCsv() {
        StringWriter text = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(text, FORMAT)) {
            printer.printRecord(header);
            for (Row row : rows) {
                printer.printRecord(row.cells());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a table written by {@link #toCsv()}, keeping each row's line for messages. */
    static EvidenceTable parse(String file, int keyColumns, Reader csv) throws IOException {
        try (CSVParser parser = FORMAT.parse(csv)) {
            Iterator<CSVRecord> records = parser.iterator();
            List<String> header = records.hasNext() ? records.next().toList() : List.of();
            List<Row> rows = new ArrayList<>();
            while (true) {
                long line = parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    break;
                }
                rows.add(new Row(line, records.next().toList()));
            }
            return new EvidenceTable(file, header, keyColumns, rows);
        }
    }

    /** The key of a row as {@code name=value} pairs, e.g. {@code job=backup period=2026-11-24 name=rows}. */
    String describeKey(List<String> cells) {
        StringJoiner key = new StringJoiner(" ");
        for (int i = 0; i < keyColumns && i < cells.size(); i++) {
            key.add(header.get(i) + "=" + cells.get(i));
        }
        return key.toString();
    }

    static List<String> key(List<String> cells, int keyColumns) {
        return cells.subList(0, Math.min(keyColumns, cells.size()));
    }

    private static int compareCells(String a, String b) {
        if (isNumber(a) && isNumber(b)) {
            return new BigInteger(a).compareTo(new BigInteger(b));
        }
        return a.compareTo(b);
    }

    private static boolean isNumber(String cell) {
        return !cell.isEmpty() && cell.length() < 30 && cell.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
