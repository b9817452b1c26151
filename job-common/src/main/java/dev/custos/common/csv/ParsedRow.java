package dev.custos.common.csv;

/**
 * What {@link CsvItemReader} yields for each data record: its value or the reason it was
 * rejected, so that a chunk writer stores both in the same transaction and rows read always
 * equals rows accepted plus rows rejected.
 */
public sealed interface ParsedRow<T> {

    /** The file name, without directory. */
    String file();

    /** The physical line the record starts on; the header is line 1. */
    long line();

    record Accepted<T>(String file, long line, T value) implements ParsedRow<T> {
    }

    record Rejected<T>(String file, long line, String reason) implements ParsedRow<T> {
    }
}
